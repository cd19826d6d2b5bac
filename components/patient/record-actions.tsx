'use client';

import { useId, useState, type ChangeEvent } from 'react';
import type { Address } from 'viem';
import { queryKeys } from '@/hooks/query-keys';
import { useConsentWrite } from '@/hooks/use-consent-write';
import { useReplaceRecord } from '@/hooks/use-replace-record';
import { useStorageCleanup } from '@/hooks/use-storage-cleanup';
import { usePublicConfig } from '@/hooks/use-public-config';
import { TxStatus } from '@/components/tx-status';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import type { PatientRecord } from '@/lib/consent';
import type { KeyPair } from '@/lib/crypto';
import { removalNotice, type CleanupNotice } from '@/lib/records/storage-cleanup';

type Props = {
  patient: Address;
  record: PatientRecord;
  keyPair: KeyPair;
  title: string;
  sharedWith: number;
  /**
   * What became of an ended version's encrypted file, after a removal or a new version. Shown by the
   * list: by then this component has unmounted (record gone, or remounting while the new version's
   * metadata loads).
   */
  onStorageNotice: (notice: CleanupNotice) => void;
};

/** "Replace with a new version" and "Remove" for one record. */
export function RecordActions({ patient, record, keyPair, title, sharedWith, onStorageNotice }: Props) {
  const config = usePublicConfig();
  const fileId = useId();
  const [open, setOpen] = useState<'replace' | 'remove' | null>(null);
  const replacing = useReplaceRecord(patient, keyPair, onStorageNotice);
  const removal = useConsentWrite();
  const cleanup = useStorageCleanup(patient, keyPair);

  async function pickFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const ok = await replacing.replace({ recordId: record.recordId, currentLocator: record.patientLocator, source: { kind: 'file', file }, title });
    if (ok) setOpen(null);
  }

  async function remove() {
    const endedLocator = record.patientLocator;
    const result = await removal.run({
      functionName: 'removeRecord',
      args: [record.recordId],
      invalidates: [queryKeys.patientRecords(config.chainId, patient), queryKeys.patientGrants(config.chainId, patient)],
    });
    if (!result.ok) return;
    // Only now, once the chain says the record is gone: unpinning first and then failing to remove
    // would leave a record that can no longer be opened. Unpinning is best effort; the notice says
    // how it went, and the removal stands either way.
    onStorageNotice(removalNotice(title, await cleanup(endedLocator)));
  }

  const toggle = (panel: 'replace' | 'remove') => setOpen((current) => (current === panel ? null : panel));

  return (
    <div className="mt-3">
      <div className="flex flex-wrap gap-2">
        <Button variant="ghost" onClick={() => toggle('replace')} aria-expanded={open === 'replace'} disabled={replacing.busy || removal.isBusy}>
          Replace with a new version
        </Button>
        <Button variant="ghost" onClick={() => toggle('remove')} aria-expanded={open === 'remove'} disabled={replacing.busy || removal.isBusy}>
          Remove
        </Button>
      </div>

      {open === 'replace' && (
        <div className="mt-2 space-y-2 rounded-md border border-slate-200 p-4 text-sm dark:border-slate-700" data-testid="replace-panel">
          <p className="text-slate-700 dark:text-slate-300">
            Pick the file that should take the place of “{title}”. It is encrypted in this browser with a new key.
            {sharedWith > 0
              ? ` The ${sharedWith === 1 ? 'clinician who can' : `${sharedWith} clinicians who can`} see it now will see the new version instead, until the same end date.`
              : ' Only you will be able to see it.'}
          </p>
          <label htmlFor={fileId} className="block font-medium">New version of {title}</label>
          <input id={fileId} type="file" onChange={pickFile} disabled={replacing.busy} data-testid="replace-file-input" className="block text-sm" />
          {replacing.progressLabel && <p aria-live="polite" className="text-slate-600 dark:text-slate-400">{replacing.progressLabel}</p>}
          {replacing.problem && <Notice tone="error">{replacing.problem}</Notice>}
          <TxStatus state={replacing.tx.state} pendingLabel="Saving the new version" />
        </div>
      )}
      {replacing.tx.state.status === 'confirmed' && open !== 'replace' && (
        <div className="mt-2">
          <TxStatus state={replacing.tx.state} pendingLabel="Saving the new version" confirmedLabel="New version saved. Earlier versions can no longer be opened through Chartkey." />
        </div>
      )}


      {open === 'remove' && (
        <div className="mt-2 space-y-2 rounded-md border border-red-200 p-4 text-sm dark:border-red-900" data-testid="remove-panel">
          <p className="font-medium">Remove “{title}” from your records?</p>
          <ul className="list-disc space-y-1 pl-5 text-slate-700 dark:text-slate-300">
            <li>Nobody can open it through Chartkey any more, including every clinician you shared it with.</li>
            <li>Its encrypted file is deleted from Chartkey’s storage. Other IPFS nodes that fetched a copy may keep it; it stays encrypted, and only people you shared it with ever had its key.</li>
            <li>A copy a clinician already downloaded stays with them, and the chain keeps a permanent public note that the record existed and was removed.</li>
          </ul>
          <div className="flex gap-2">
            <Button variant="danger" onClick={remove} disabled={removal.isBusy}>Yes, remove this record</Button>
            <Button variant="secondary" onClick={() => setOpen(null)}>Keep it</Button>
          </div>
          <TxStatus state={removal.state} pendingLabel="Removing" />
        </div>
      )}
    </div>
  );
}
