'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useState, type ChangeEvent } from 'react';
import type { Address, Hex } from 'viem';
import { usePublicClient } from 'wagmi';
import { cryptoWorker } from '@/hooks/crypto-worker';
import { queryKeys } from '@/hooks/query-keys';
import { useConsentWrite } from '@/hooks/use-consent-write';
import { recordContentQuery } from '@/hooks/use-open-record';
import { useStorageCleanup } from '@/hooks/use-storage-cleanup';
import { usePublicConfig } from '@/hooks/use-public-config';
import { TxStatus } from '@/components/tx-status';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import type { PatientRecord } from '@/lib/consent';
import { readEncryptionKey } from '@/lib/consent';
import { deriveUnpinClaim, hexToPublicKey, type KeyPair, type RecordMetadata } from '@/lib/crypto';
import { parseError } from '@/lib/errors/parse-error';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { FHIR_SNIFF_BYTES, looksLikeFhir } from '@/lib/fhir';
import { uploadCiphertext } from '@/lib/ipfs/client';
import { removalNotice, replacementNotice, type CleanupNotice } from '@/lib/records/storage-cleanup';
import { recordKindFor, validateRecordFile } from '@/lib/records/validate-file';
import { listPatientGrants } from '@/lib/consent';
import { buildReplaceRecordArgs, planCarryOver } from '@/lib/sharing/plan';

/** Where the new version comes from: a file the patient picked, or the current content under a new key. */
export type NewVersionSource = { readonly kind: 'file'; readonly file: File } | { readonly kind: 'rekey' };

export type ReplaceProgress = 'reading' | 'encrypting' | 'storing' | 'sending' | 'cleaning';

const PROGRESS_LABEL: Record<ReplaceProgress, string> = {
  reading: 'Downloading and decrypting the current version in your browser…',
  encrypting: 'Encrypting the new version with a new key in your browser…',
  storing: 'Storing the encrypted new version…',
  sending: 'Updating who can open it',
  cleaning: 'Deleting the earlier version’s encrypted file from storage…',
};

async function metadataForFile(file: File): Promise<RecordMetadata> {
  const mediaType = file.type || 'application/octet-stream';
  const head = new Uint8Array(await file.slice(0, FHIR_SNIFF_BYTES).arrayBuffer());
  const kind = looksLikeFhir(mediaType, file.name, head) ? 'fhir' : recordKindFor(mediaType, file.name);
  return { name: file.name, mediaType, size: file.size, createdAt: Date.now(), kind };
}

/**
 * Writes a new version of a record: encrypt under a NEW content key (in the crypto worker), pin the
 * ciphertext, then one `replaceRecord` transaction that bumps the version (voiding every older grant)
 * and re-grants the clinicians who keep access with locators freshly sealed to their keys, at their
 * current expiries. Clinicians in `excluding` are left out, so even with the old key they can't read
 * this or any later version. Used for "Replace with a new version" and for "re-key" on revoke.
 * Once the new version is on-chain, the earlier version's ciphertext is unpinned from storage, so an
 * old locator (say, a revoked clinician's) points at a file the storage node no longer serves. When
 * that fails, `onStorageNotice` is told; it belongs to a component that outlives the record's row,
 * which remounts while the new version's metadata loads.
 */
export function useReplaceRecord(patient: Address, keyPair: KeyPair, onStorageNotice: (notice: CleanupNotice) => void) {
  const config = usePublicConfig();
  const client = usePublicClient({ chainId: config.chainId });
  const queryClient = useQueryClient();
  const tx = useConsentWrite();
  const cleanup = useStorageCleanup(patient, keyPair);
  const [progress, setProgress] = useState<ReplaceProgress | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const replace = useCallback(
    async ({
      recordId,
      currentLocator,
      source,
      excluding = [],
      title,
    }: {
      recordId: bigint;
      currentLocator: Hex;
      source: NewVersionSource;
      excluding?: readonly Address[];
      /** The record's title, to confirm the new version by name once saved. */
      title?: string;
    }): Promise<boolean> => {
      setProblem(null);
      try {
        if (!client || !config.consent) throw new UserFacingError('consent.not-deployed', 'Chartkey is not deployed on this network.');
        const scan = { contract: config.consent.address, fromBlock: BigInt(config.consent.deployedBlock) };

        let encrypted: { envelope: Uint8Array; contentKey: Uint8Array };
        if (source.kind === 'file') {
          validateRecordFile(source.file);
          setProgress('encrypting');
          encrypted = await cryptoWorker().encryptRecord(source.file, await metadataForFile(source.file));
        } else {
          setProgress('reading');
          const current = await queryClient.fetchQuery(recordContentQuery(currentLocator, keyPair));
          setProgress('encrypting');
          // Not transferred: the decrypted copy stays valid in the open-record cache.
          encrypted = await cryptoWorker().encryptRecord(current.plaintext, { ...current.metadata, size: current.plaintext.byteLength });
        }

        setProgress('storing');
        const { cid } = await uploadCiphertext(encrypted.envelope, { unpinClaim: deriveUnpinClaim(keyPair.secretKey, encrypted.contentKey) });

        // Fresh, not the cached list: a revoke confirmed a moment ago must already be reflected.
        const grants = await listPatientGrants(client, { ...scan, patient });
        const carryOver = planCarryOver(grants, recordId, { excluding, nowSeconds: Math.floor(Date.now() / 1000) });
        const keys = new Map<string, Uint8Array>();
        for (const { clinician } of carryOver) {
          const key = await readEncryptionKey(client, { ...scan, account: clinician });
          if (key) keys.set(clinician.toLowerCase(), hexToPublicKey(key));
        }
        const args = buildReplaceRecordArgs(recordId, { cid, contentKey: encrypted.contentKey }, keyPair.publicKey, carryOver, keys);

        setProgress('sending');
        const result = await tx.run({
          functionName: 'replaceRecord',
          args,
          invalidates: [queryKeys.patientRecords(config.chainId, patient), queryKeys.patientGrants(config.chainId, patient)],
        });
        if (!result.ok) return false;

        // Best effort: the new version is saved whatever happens here (cleanup never throws).
        setProgress('cleaning');
        const notice = replacementNotice(await cleanup(currentLocator), title);
        if (notice) onStorageNotice(notice);
        return true;
      } catch (error) {
        setProblem(parseError(error, 'The new version could not be saved. Your record is unchanged; please try again.').message);
        return false;
      } finally {
        setProgress(null);
      }
    },
    [cleanup, client, config, keyPair, onStorageNotice, patient, queryClient, tx],
  );

  return {
    replace,
    tx,
    progressLabel: progress ? PROGRESS_LABEL[progress] : null,
    problem,
    busy: progress !== null || tx.isBusy,
  };
}

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
