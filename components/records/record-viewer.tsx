'use client';

import { useEffect, useMemo, useState } from 'react';
import type { RecordMetadata } from '@/lib/crypto';
import { sanitiseFileName } from '@/lib/export/file-names';
import { parseFhir } from '@/lib/fhir';
import { FhirView } from '@/components/records/fhir-view';
import { buttonClasses } from '@/components/ui/button';

const TEXT_TYPES = /^(text\/|application\/(json|fhir\+json|xml))/;
/** JSON types worth trying as FHIR even when the record was not saved with the 'fhir' kind. */
const JSON_TYPES = /^(application\/(json|fhir\+json|[\w.+-]+\+json)|text\/json)(\s*;|$)/i;

/** Shows a decrypted record inline where the browser can, and always offers the original file. */
export function RecordViewer({ plaintext, metadata }: { plaintext: Uint8Array; metadata: RecordMetadata }) {
  const [urls, setUrls] = useState<{ view: string | null; download: string } | null>(null);
  const viewable = metadata.mediaType.startsWith('image/') || metadata.mediaType === 'application/pdf';
  // Blob URLs are local to this tab; revoke them so decrypted bytes don't outlive the view. The
  // download's copy is typed application/octet-stream whatever the record claims: a sharer chooses
  // the media type, and a blob opened in a tab renders as that type on this app's origin (an HTML
  // "record" would run there). Only images and PDFs get a typed copy, shown in <img> and a frame.
  useEffect(() => {
    const download = URL.createObjectURL(new Blob([plaintext as BlobPart], { type: 'application/octet-stream' }));
    const view = viewable ? URL.createObjectURL(new Blob([plaintext as BlobPart], { type: metadata.mediaType })) : null;
    // The URLs are external resources whose lifetime is this effect's; they can't be created during render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setUrls({ view, download });
    return () => {
      URL.revokeObjectURL(download);
      if (view) URL.revokeObjectURL(view);
    };
  }, [plaintext, metadata.mediaType, viewable]);

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
      {urls?.view && metadata.mediaType.startsWith('image/') && (
        // eslint-disable-next-line @next/next/no-img-element -- a local blob URL, not an optimisable remote image
        <img src={urls.view} alt={`Contents of ${metadata.name}`} className="max-h-96 rounded-md border border-slate-200" />
      )}
      {urls?.view && metadata.mediaType === 'application/pdf' && (
        <iframe src={urls.view} title={`Contents of ${metadata.name}`} className="h-96 w-full rounded-md border border-slate-200" />
      )}
      {urls && (
        <a href={urls.download} download={sanitiseFileName(metadata.name, metadata.mediaType)} className={buttonClasses('secondary')}>
          Download original
        </a>
      )}
    </div>
  );
}
