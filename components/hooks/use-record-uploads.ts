'use client';

import { useCallback, useState } from 'react';
import { toHex, type Address } from 'viem';
import { usePublicConfig } from '@/components/public-config-context';
import { sealLocator, type KeyPair } from '@/lib/crypto';
import { parseError } from '@/lib/errors/parse-error';
import { uploadCiphertext } from '@/lib/ipfs/client';
import { recordKindFor, validateRecordFile } from '@/lib/records/validate-file';
import { cryptoWorker } from './crypto-worker';
import { queryKeys } from './query-keys';
import { useConsentWrite } from './use-consent-write';

export type UploadStage = 'encrypting' | 'pinning' | 'registering' | 'failed' | 'saved';

/**
 * An upload in progress or waiting for a retry. Everything needed to resume from the step that
 * failed is kept (ciphertext, content key, CID once pinned), so nothing is encrypted or pinned twice
 * and nothing is lost when storage or the network fails. Lives in memory for this tab only.
 */
export type PendingUpload = {
  readonly id: string;
  readonly fileName: string;
  readonly stage: UploadStage;
  readonly progress: number;
  readonly error: string | null;
  readonly envelope: Uint8Array | null;
  readonly contentKey: Uint8Array | null;
  readonly cid: string | null;
  /** Kept until the ciphertext exists, so a failed encryption can be retried without re-picking the file. */
  readonly file: File;
};

export function useRecordUploads(patient: Address, keyPair: KeyPair) {
  const config = usePublicConfig();
  const tx = useConsentWrite();
  const [uploads, setUploads] = useState<readonly PendingUpload[]>([]);

  const update = useCallback((id: string, patch: Partial<PendingUpload>) => {
    setUploads((current) => current.map((u) => (u.id === id ? { ...u, ...patch } : u)));
  }, []);

  const advance = useCallback(
    async (start: PendingUpload) => {
      let { envelope, contentKey, cid } = start;
      const { id, file } = start;
      try {
        if (!envelope || !contentKey) {
          update(id, { stage: 'encrypting', error: null });
          const mediaType = file.type || 'application/octet-stream';
          // The worker streams the file itself: the plaintext is never copied on the main thread.
          ({ envelope, contentKey } = await cryptoWorker().encryptRecord(
            file,
            { name: file.name, mediaType, size: file.size, createdAt: Date.now(), kind: recordKindFor(mediaType, file.name) },
            { onProgress: (done, total) => update(id, { progress: total ? done / total : 1 }) },
          ));
          update(id, { envelope, contentKey, progress: 1 });
        }
        if (!cid) {
          update(id, { stage: 'pinning', error: null });
          cid = (await uploadCiphertext(envelope)).cid;
          update(id, { cid });
        }
        update(id, { stage: 'registering', error: null });
        const locator = sealLocator({ cid, contentKey }, keyPair.publicKey);
        const result = await tx.run({
          functionName: 'addRecord',
          args: [toHex(locator)],
          invalidates: [queryKeys.patientRecords(config.chainId, patient)],
        });
        if (!result.ok) {
          update(id, { stage: 'failed', error: 'Your file is encrypted and stored, but it was not added to your records. Retry to finish.' });
          return;
        }
        contentKey.fill(0);
        setUploads((current) => current.filter((u) => u.id !== id));
      } catch (error) {
        update(id, { stage: 'failed', error: parseError(error, 'The upload did not finish. It is kept here; retry when ready.').message });
      }
    },
    [config.chainId, keyPair.publicKey, patient, tx, update],
  );

  /** Starts an upload; returns a sentence when the file is refused before any work starts. */
  const addFile = useCallback(
    (file: File): string | null => {
      try {
        validateRecordFile(file);
      } catch (error) {
        return parseError(error).message;
      }
      const pending: PendingUpload = { id: crypto.randomUUID(), fileName: file.name, stage: 'encrypting', progress: 0, error: null, envelope: null, contentKey: null, cid: null, file };
      setUploads((current) => [...current, pending]);
      void advance(pending);
      return null;
    },
    [advance],
  );

  const retry = useCallback(
    (id: string) => {
      const upload = uploads.find((u) => u.id === id);
      if (upload) void advance(upload);
    },
    [advance, uploads],
  );

  const discard = useCallback((id: string) => {
    setUploads((current) => {
      current.find((u) => u.id === id)?.contentKey?.fill(0);
      return current.filter((u) => u.id !== id);
    });
  }, []);

  return { uploads, addFile, retry, discard, txState: tx.state };
}
