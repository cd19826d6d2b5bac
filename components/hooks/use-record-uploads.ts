'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { toHex, type Address } from 'viem';
import { usePublicConfig } from '@/components/public-config-context';
import { deriveUnpinClaim, openLocator, readRecordMetadata, sealLocator, type KeyPair, type RecordKind } from '@/lib/crypto';
import { createDraftStore, indexedDbBackend } from '@/lib/drafts/draft-store';
import { parseError } from '@/lib/errors/parse-error';
import { FHIR_SNIFF_BYTES, looksLikeFhir } from '@/lib/fhir';
import { uploadCiphertext } from '@/lib/ipfs/client';
import type { ByteProgress, UploadStage } from '@/lib/records/upload-progress';
import { recordKindFor, validateRecordFile } from '@/lib/records/validate-file';
import { cryptoWorker } from './crypto-worker';
import { queryKeys } from './query-keys';
import { useConsentWrite } from './use-consent-write';

/** How long a finished upload stays listed as "Done" before the records list alone shows it. */
const DONE_VISIBLE_MS = 2_500;

/**
 * An upload in progress or waiting for a retry. Everything needed to resume from the step that
 * failed is kept (ciphertext, content key, CID once pinned), so nothing is encrypted or pinned
 * twice. Once encrypted, the upload is also saved as a draft in this browser (ciphertext only),
 * so closing the page or a failure of storage, network or wallet loses nothing.
 */
export type PendingUpload = {
  readonly id: string;
  readonly fileName: string;
  /** The stage reached; with `error` set, the stage it stopped at. */
  readonly stage: UploadStage;
  /** Encryption progress by bytes, once the worker reports it. */
  readonly encrypted: ByteProgress | null;
  /** Bytes of ciphertext sent to storage, while storing. */
  readonly stored: ByteProgress | null;
  /** Set when the upload stopped and waits for a retry or a discard. */
  readonly error: string | null;
  readonly envelope: Uint8Array | null;
  readonly contentKey: Uint8Array | null;
  readonly cid: string | null;
  /** The picked file, until its ciphertext exists (absent for drafts restored from storage). */
  readonly file: File | null;
  /** Set for typed notes; files are classified by type and name. */
  readonly kind?: RecordKind;
};

// The draft's own locator: "where" is this browser's draft store until the ciphertext is pinned.
const draftPlace = (id: string) => `chartkey-draft:${id}`;

export function useRecordUploads(patient: Address, keyPair: KeyPair) {
  const config = usePublicConfig();
  const tx = useConsentWrite();
  // Registrations go to the wallet one at a time: parallel requests from one account race for the
  // same nonce, and a person can only answer one wallet prompt at a time anyway.
  const registrations = useRef<Promise<unknown>>(Promise.resolve());
  const drafts = useMemo(() => createDraftStore(indexedDbBackend()), []);
  const [uploads, setUploads] = useState<readonly PendingUpload[]>([]);

  const update = useCallback((id: string, patch: Partial<PendingUpload>) => {
    setUploads((current) => current.map((u) => (u.id === id ? { ...u, ...patch } : u)));
  }, []);

  // Bring back drafts left by an earlier visit (or another tab) for this account and chain.
  useEffect(() => {
    let cancelled = false;
    drafts
      .list(patient, config.chainId)
      .then((stored) => {
        if (cancelled || stored.length === 0) return;
        const restored = stored.flatMap((draft): PendingUpload[] => {
          try {
            const { contentKey } = openLocator(draft.sealedKey, keyPair);
            const { name } = readRecordMetadata(draft.envelope, contentKey);
            return [{
              id: draft.id,
              fileName: name,
              // Stopped before storing, or (already stored) before the wallet added it.
              stage: draft.cid ? 'signing' : 'storing',
              encrypted: null,
              stored: null,
              envelope: draft.envelope,
              contentKey,
              cid: draft.cid,
              file: null,
              error: 'Saved in this browser from an earlier visit, but not yet added to your records. Retry to finish, or discard it.',
            }];
          } catch {
            return []; // sealed to another key (e.g. a rotated one): not ours to show
          }
        });
        setUploads((current) => [...current.filter((u) => !restored.some((r) => r.id === u.id)), ...restored]);
      })
      .catch(() => {
        // No IndexedDB (private mode in some browsers): uploads still work, they just can't outlive the tab.
      });
    return () => {
      cancelled = true;
    };
  }, [config.chainId, drafts, keyPair, patient]);

  const advance = useCallback(
    async (start: PendingUpload) => {
      let { envelope, contentKey, cid } = start;
      const { id, file } = start;
      try {
        if (!envelope || !contentKey) {
          if (!file) throw new Error('Nothing to encrypt');
          update(id, { stage: 'encrypting', error: null });
          const mediaType = file.type || 'application/octet-stream';
          const head = new Uint8Array(await file.slice(0, FHIR_SNIFF_BYTES).arrayBuffer());
          const kind = start.kind ?? (looksLikeFhir(mediaType, file.name, head) ? 'fhir' : recordKindFor(mediaType, file.name));
          // The worker streams the file itself: the plaintext is never copied on the main thread.
          ({ envelope, contentKey } = await cryptoWorker().encryptRecord(
            file,
            { name: file.name, mediaType, size: file.size, createdAt: Date.now(), kind },
            { onProgress: (done, total) => update(id, { encrypted: { done, total } }) },
          ));
          update(id, { envelope, contentKey, file: null });
          await drafts
            .save({ id, owner: patient, chainId: config.chainId, createdAt: Date.now(), envelope, sealedKey: sealLocator({ cid: draftPlace(id), contentKey }, keyPair.publicKey), cid: null })
            .catch(() => undefined);
        }
        if (!cid) {
          update(id, { stage: 'storing', stored: null, error: null });
          // Recomputed from the content key on every attempt (a restored draft has it sealed to the
          // patient), so no removal secret or claim is ever stored in the draft.
          cid = (
            await uploadCiphertext(envelope, {
              unpinClaim: deriveUnpinClaim(keyPair.secretKey, contentKey),
              onProgress: (done, total) => update(id, { stored: { done, total } }),
            })
          ).cid;
          update(id, { cid });
          await drafts.markPinned(id, cid).catch(() => undefined);
        }
        // Also while an earlier file's prompt is open: the wallet is what this one waits for.
        update(id, { stage: 'signing', error: null });
        const locator = toHex(sealLocator({ cid, contentKey }, keyPair.publicKey));
        const registration = registrations.current.then(() =>
          tx.run({
            functionName: 'addRecord',
            args: [locator],
            invalidates: [queryKeys.patientRecords(config.chainId, patient)],
            onSubmitted: () => update(id, { stage: 'confirming' }),
          }),
        );
        registrations.current = registration.catch(() => undefined);
        const result = await registration;
        if (!result.ok) {
          update(id, { stage: 'signing', error: 'Your file is encrypted and stored, but it was not added to your records. Retry to finish.' });
          return;
        }
        await drafts.remove(id).catch(() => undefined);
        update(id, { stage: 'done' });
        setTimeout(() => setUploads((current) => current.filter((u) => u.id !== id)), DONE_VISIBLE_MS);
      } catch (error) {
        // The stage stays where it stopped, so the bar and a retry both resume from there.
        update(id, { error: parseError(error, 'The upload did not finish. It is kept here; retry when ready.').message });
      }
    },
    [config.chainId, drafts, keyPair, patient, tx, update],
  );

  /** Starts an upload; returns a sentence when the file is refused before any work starts. */
  const addFile = useCallback(
    (file: File, kind?: RecordKind): string | null => {
      try {
        validateRecordFile(file);
      } catch (error) {
        return parseError(error).message;
      }
      const pending: PendingUpload = { id: crypto.randomUUID(), fileName: file.name, stage: 'encrypting', encrypted: null, stored: null, error: null, envelope: null, contentKey: null, cid: null, file, kind };
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

  const discard = useCallback(
    (id: string) => {
      void drafts.remove(id).catch(() => undefined);
      setUploads((current) => current.filter((u) => u.id !== id));
    },
    [drafts],
  );

  return { uploads, addFile, retry, discard, txState: tx.state };
}
