'use client';

import { useEffect, useMemo, useState } from 'react';
import type { RecordMetadata } from '@/lib/crypto';
import { parseFhir } from '@/lib/fhir';
import { FhirView } from '@/components/records/fhir-view';
import { buttonClasses } from '@/components/ui/button';

const TEXT_TYPES = /^(text\/|application\/(json|fhir\+json|xml))/;
/** JSON types worth trying as FHIR even when the record was not saved with the 'fhir' kind. */
const JSON_TYPES = /^(application\/(json|fhir\+json|[\w.+-]+\+json)|text\/json)(\s*;|$)/i;

/** Shows a decrypted record inline where the browser can, and always offers the original file. */
export function RecordViewer({ plaintext, metadata }: { plaintext: Uint8Array; metadata: RecordMetadata }) {
  const [url, setUrl] = useState<string | null>(null);
  // A blob URL is local to this tab; revoke it so decrypted bytes don't outlive the view.
  useEffect(() => {
    const objectUrl = URL.createObjectURL(new Blob([plaintext as BlobPart], { type: metadata.mediaType }));
    // The URL is an external resource whose lifetime is this effect's; it can't be created during render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [plaintext, metadata.mediaType]);

  // A 'fhir' record is text whatever type the browser gave it (often "" for .fhir.json files).
  const isText = metadata.kind === 'fhir' || TEXT_TYPES.test(metadata.mediaType);
  const text = useMemo(() => (isText ? new TextDecoder().decode(plaintext) : null), [plaintext, isText]);
  const tryFhir = metadata.kind === 'fhir' || JSON_TYPES.test(metadata.mediaType);
  const fhir = useMemo(() => {
    if (text === null || !tryFhir) return null;
    const result = parseFhir(text);
    return result.kind === 'fhir' ? result.summary : null;
  }, [text, tryFhir]);

  return (
    <div className="space-y-3">
      {text !== null && fhir !== null && (
        <>
          <FhirView summary={fhir} />
          <details className="rounded-md border border-slate-200 dark:border-slate-700">
            <summary className="cursor-pointer px-3 py-2 text-sm font-medium">Show raw JSON</summary>
            <pre data-testid="record-raw-json" className="max-h-96 overflow-auto whitespace-pre-wrap border-t border-slate-200 bg-slate-100 p-3 text-xs dark:border-slate-700 dark:bg-slate-800">
              {text}
            </pre>
          </details>
        </>
      )}
      {text !== null && fhir === null && (
        <pre data-testid="record-text" className="max-h-96 overflow-auto whitespace-pre-wrap rounded-md bg-slate-100 p-3 text-sm dark:bg-slate-800">
          {text}
        </pre>
      )}
      {url && metadata.mediaType.startsWith('image/') && (
        // eslint-disable-next-line @next/next/no-img-element -- a local blob URL, not an optimisable remote image
        <img src={url} alt={`Contents of ${metadata.name}`} className="max-h-96 rounded-md border border-slate-200" />
      )}
      {url && metadata.mediaType === 'application/pdf' && (
        <iframe src={url} title={`Contents of ${metadata.name}`} className="h-96 w-full rounded-md border border-slate-200" />
      )}
      {url && (
        <a href={url} download={metadata.name} className={buttonClasses('secondary')}>
          Download original
        </a>
      )}
    </div>
  );
}
