'use client';

import { useState } from 'react';
import type { Address } from 'viem';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { parseError } from '@/lib/errors/parse-error';
import {
  buildConsentResources,
  buildFhirBundle,
  buildRecordsArchive,
  exportFileName,
  type ConsentGrantInput,
  type ExportableRecord,
  type ExportFileKind,
} from '@/lib/export';

/**
 * Long enough for the browser to start reading the file after the click (FileSaver.js waits
 * 40 s for the same reason); then the decrypted bytes are released.
 */
const REVOKE_DOWNLOAD_URL_AFTER_MS = 40_000;

const FHIR_JSON = 'application/fhir+json';

type Props = {
  patient: Address;
  /** Downloads and decrypts every record; called only when the patient asks for an export. */
  loadRecords: () => Promise<readonly ExportableRecord[]>;
  /** The patient's grants, with when each was given; called only when the patient asks for an export. */
  loadGrants: () => Promise<readonly ConsentGrantInput[]>;
};

type Outcome = { readonly tone: 'success' | 'info' | 'error'; readonly message: string };

function saveFile(contents: Uint8Array | string, mediaType: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([contents as BlobPart], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_DOWNLOAD_URL_AFTER_MS);
}

/** Lets React paint "Preparing…" before the synchronous ZIP and JSON work holds the main thread. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export function ExportPanel({ patient, loadRecords, loadGrants }: Props) {
  const [busy, setBusy] = useState<ExportFileKind | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function run(kind: ExportFileKind, work: () => Promise<Outcome>) {
    setBusy(kind);
    setOutcome(null);
    try {
      await nextFrame();
      setOutcome(await work());
    } catch (error) {
      const parsed = parseError(error, 'The export could not be prepared. Please try again.');
      setOutcome({ tone: parsed.kind === 'rejected' ? 'info' : 'error', message: parsed.message });
    } finally {
      setBusy(null);
    }
  }

  const exportRecords = () =>
    run('records', async () => {
      const records = await loadRecords();
      if (records.length === 0) return { tone: 'info', message: 'You have no records to export yet.' };
      saveFile(buildRecordsArchive(records), 'application/zip', exportFileName('records', new Date()));
      return { tone: 'success', message: `Downloaded ${plural(records.length, 'record', 'records')} as a ZIP file.` };
    });

  const exportFhir = () =>
    run('fhir', async () => {
      const bundle = buildFhirBundle(await loadRecords());
      if (bundle.entry.length === 0) {
        return { tone: 'info', message: 'None of your records is a FHIR file, so there is nothing to put in a FHIR Bundle.' };
      }
      saveFile(JSON.stringify(bundle, null, 2), FHIR_JSON, exportFileName('fhir', new Date()));
      return { tone: 'success', message: `Downloaded a FHIR Bundle with ${plural(bundle.entry.length, 'resource', 'resources')}.` };
    });

  const exportConsents = () =>
    run('consents', async () => {
      const grants = await loadGrants();
      if (grants.length === 0) return { tone: 'info', message: 'You have not shared any records yet, so there are no consents to export.' };
      const bundle = buildConsentResources(grants, { patient });
      saveFile(JSON.stringify(bundle, null, 2), FHIR_JSON, exportFileName('consents', new Date()));
      return { tone: 'success', message: `Downloaded ${plural(bundle.entry.length, 'consent', 'consents')} as FHIR.` };
    });

  return (
    <Card
      title="Export your records"
      description="Files are decrypted in this browser and saved to your device. Keep them somewhere safe: they are not encrypted."
    >
      <div className="flex flex-wrap gap-2" aria-busy={busy !== null}>
        <Button variant="secondary" onClick={exportRecords} disabled={busy !== null} data-testid="export-records">
          {busy === 'records' ? 'Preparing…' : 'Download all records (.zip)'}
        </Button>
        <Button variant="secondary" onClick={exportFhir} disabled={busy !== null} data-testid="export-fhir">
          {busy === 'fhir' ? 'Preparing…' : 'Download FHIR Bundle'}
        </Button>
        <Button variant="secondary" onClick={exportConsents} disabled={busy !== null} data-testid="export-consents">
          {busy === 'consents' ? 'Preparing…' : 'Download consents (FHIR)'}
        </Button>
      </div>
      {outcome && (
        <div className="mt-3" data-testid="export-outcome">
          <Notice tone={outcome.tone}>{outcome.message}</Notice>
        </div>
      )}
    </Card>
  );
}
