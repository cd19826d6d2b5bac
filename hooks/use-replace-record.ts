'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { Address, Hex } from 'viem';
import { deriveUnpinClaim, type KeyPair, type RecordMetadata } from '@/lib/crypto';
import { parseError } from '@/lib/errors/parse-error';
import { FHIR_SNIFF_BYTES, looksLikeFhir } from '@/lib/fhir';
import { uploadCiphertext } from '@/lib/ipfs/client';
import { replacementNotice, type CleanupNotice } from '@/lib/records/storage-cleanup';
import { recordKindFor, validateRecordFile } from '@/lib/records/validate-file';
import { buildReplaceRecordArgs, planCarryOver } from '@/lib/sharing/plan';
import { consentSharingReaders, readSharingSnapshot, type SharingSnapshot } from '@/lib/sharing/snapshot';
import { cryptoWorker } from './crypto-worker';
import { queryKeys } from './query-keys';
import { consentUnavailable, useConsentScan } from './use-consent-client';
import { useConsentWrite } from './use-consent-write';
import { recordContentQuery } from './use-open-record';
import { useStorageCleanup } from './use-storage-cleanup';

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
  const { chainId, scan } = useConsentScan();
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
      sharing,
    }: {
      recordId: bigint;
      currentLocator: Hex;
      source: NewVersionSource;
      excluding?: readonly Address[];
      /** The record's title, to confirm the new version by name once saved. */
      title?: string;
      /**
       * Grants and clinicians' keys already read for a larger operation (re-keying several records
       * reads them once for all); by default this record's are read fresh.
       */
      sharing?: () => Promise<SharingSnapshot>;
    }): Promise<boolean> => {
      setProblem(null);
      try {
        if (!scan) throw consentUnavailable();
        const { client, ...range } = scan;

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
        const nowSeconds = Math.floor(Date.now() / 1000);
        const { grants, keys } = await (sharing?.() ??
          readSharingSnapshot(consentSharingReaders(client, { ...range, patient }), [recordId], { excluding, nowSeconds }));
        const carryOver = planCarryOver(grants, recordId, { excluding, nowSeconds });
        const args = buildReplaceRecordArgs(recordId, { cid, contentKey: encrypted.contentKey }, keyPair.publicKey, carryOver, keys);

        setProgress('sending');
        const result = await tx.run({
          functionName: 'replaceRecord',
          args,
          invalidates: [queryKeys.patientRecords(chainId, patient), queryKeys.patientGrants(chainId, patient)],
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
    [chainId, cleanup, keyPair, onStorageNotice, patient, queryClient, scan, tx],
  );

  return {
    replace,
    tx,
    progressLabel: progress ? PROGRESS_LABEL[progress] : null,
    problem,
    busy: progress !== null || tx.isBusy,
  };
}
