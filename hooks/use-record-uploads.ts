'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { toHex, type Address, type Hash } from 'viem';
import { usePublicClient } from 'wagmi';
import { usePublicConfig } from '@/hooks/use-public-config';
import { cidOpener, deriveUnpinClaim, deriveUnpinCredentials, openLocator, readRecordMetadata, sealLocator, type KeyPair, type RecordKind } from '@/lib/crypto';
import type { PatientRecord } from '@/lib/consent';
import { createDraftStore, indexedDbBackend } from '@/lib/drafts/draft-store';
import { fateOfDiscardedFile, recordHoldingDraft } from '@/lib/drafts/reconcile';
import { parseError } from '@/lib/errors/parse-error';
import { FHIR_SNIFF_BYTES, looksLikeFhir } from '@/lib/fhir';
import { unpinCiphertext, uploadCiphertext } from '@/lib/ipfs/client';
import type { ByteProgress, UploadStage } from '@/lib/records/upload-progress';
import { recordKindFor, validateRecordFile } from '@/lib/records/validate-file';
import { cryptoWorker } from './crypto-worker';
import { queryKeys } from './query-keys';
import { usePatientRecords } from './use-consent-reads';
import { useConsentWrite } from './use-consent-write';

/** How long a finished upload stays listed as "Done" before the records list alone shows it. */
const DONE_VISIBLE_MS = 2_500;
/** How long a later visit waits for a registration sent before the page closed. */
const EARLIER_REGISTRATION_WAIT_MS = 120_000;

const UNFINISHED_FROM_EARLIER_VISIT = 'Saved in this browser from an earlier visit, but not yet added to your records. Retry to finish, or discard it.';

/** What discarding an upload did, in a sentence for the patient. */
export type DiscardOutcome = { readonly tone: 'success' | 'info' | 'warning'; readonly message: string };

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
  /** The chain's latest block when the ciphertext was pinned (see lib/drafts/reconcile). */
  readonly pinnedAtBlock?: bigint;
  /** The registration the wallet sent, once it did. */
  readonly registrationTx?: Hash;
  /** Restored with a registration sent on an earlier visit, whose outcome this visit is waiting for. */
  readonly awaitingEarlierRegistration?: boolean;
};

// The draft's own locator: "where" is this browser's draft store until the ciphertext is pinned.
const draftPlace = (id: string) => `chartkey-draft:${id}`;

export function useRecordUploads(patient: Address, keyPair: KeyPair) {
  const config = usePublicConfig();
  const client = usePublicClient({ chainId: config.chainId });
  const queryClient = useQueryClient();
  const records = usePatientRecords(patient);
  const tx = useConsentWrite();
  // Registrations go to the wallet one at a time: parallel requests from one account race for the
  // same nonce, and a person can only answer one wallet prompt at a time anyway.
  const registrations = useRef<Promise<unknown>>(Promise.resolve());
  const drafts = useMemo(() => createDraftStore(indexedDbBackend()), []);
  const [uploads, setUploads] = useState<readonly PendingUpload[]>([]);

  const update = useCallback((id: string, patch: Partial<PendingUpload>) => {
    setUploads((current) => current.map((u) => (u.id === id ? { ...u, ...patch } : u)));
  }, []);

  const finish = useCallback(
    (id: string) => {
      void drafts.remove(id).catch(() => undefined);
      update(id, { stage: 'done', error: null, awaitingEarlierRegistration: false });
      setTimeout(() => setUploads((current) => current.filter((u) => u.id !== id)), DONE_VISIBLE_MS);
    },
    [drafts, update],
  );

  const cidOf = useMemo(() => cidOpener(keyPair), [keyPair]);

  /** A registration sent before the page closed: finish when it confirms, offer a retry when it failed or vanished. */
  const followEarlierRegistration = useCallback(
    async ({ id, cid, pinnedAtBlock }: PendingUpload, hash: Hash) => {
      const unfinished = (error: string) => update(id, { stage: 'signing', error, awaitingEarlierRegistration: false });
      if (!client) return unfinished(UNFINISHED_FROM_EARLIER_VISIT);
      try {
        // Throws at once when the chain never heard of it (dropped, or a reset demo chain).
        await client.getTransaction({ hash });
        const receipt = await client.waitForTransactionReceipt({ hash, timeout: EARLIER_REGISTRATION_WAIT_MS });
        if (receipt.status !== 'success') {
          return unfinished('Adding it to your records failed on the chain during an earlier visit. Retry to finish, or discard it.');
        }
        // The records then show it, and the check below finishes the draft.
        const recordsKey = queryKeys.patientRecords(config.chainId, patient);
        await queryClient.invalidateQueries({ queryKey: recordsKey });
        const current = queryClient.getQueryData<readonly PatientRecord[]>(recordsKey) ?? [];
        if (cid === null || recordHoldingDraft({ cid, pinnedAtBlock }, current, cidOf) === null) unfinished(UNFINISHED_FROM_EARLIER_VISIT);
      } catch {
        unfinished(UNFINISHED_FROM_EARLIER_VISIT);
      }
    },
    [cidOf, client, config.chainId, patient, queryClient, update],
  );

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
            const awaiting = draft.cid !== null && draft.registrationTx !== undefined;
            return [{
              id: draft.id,
              fileName: name,
              // Stopped before storing, or (already stored) before the wallet added it, or sent and
              // not yet heard back from.
              stage: awaiting ? 'confirming' : draft.cid ? 'signing' : 'storing',
              encrypted: null,
              stored: null,
              envelope: draft.envelope,
              contentKey,
              cid: draft.cid,
              file: null,
              error: awaiting ? null : UNFINISHED_FROM_EARLIER_VISIT,
              pinnedAtBlock: draft.pinnedAtBlock,
              registrationTx: draft.registrationTx,
              awaitingEarlierRegistration: awaiting,
            }];
          } catch {
            return []; // sealed to another key (e.g. a rotated one): not ours to show
          }
        });
        setUploads((current) => [...current.filter((u) => !restored.some((r) => r.id === u.id)), ...restored]);
        for (const upload of restored) {
          if (upload.awaitingEarlierRegistration && upload.registrationTx) void followEarlierRegistration(upload, upload.registrationTx);
        }
      })
      .catch(() => {
        // No IndexedDB (private mode in some browsers): uploads still work, they just can't outlive the tab.
      });
    return () => {
      cancelled = true;
    };
  }, [config.chainId, drafts, followEarlierRegistration, keyPair, patient]);

  // An upload at rest whose file a record already uses was added after all (its confirmation was
  // missed, e.g. the page closed): it is shown as done, not offered a retry that would add it twice.
  const addedMeanwhile = useMemo(() => {
    if (!records.data) return '';
    const ids = uploads.flatMap(({ id, cid, pinnedAtBlock, error, awaitingEarlierRegistration }) => {
      const atRest = error !== null || awaitingEarlierRegistration === true;
      return atRest && cid !== null && recordHoldingDraft({ cid, pinnedAtBlock }, records.data, cidOf) !== null ? [id] : [];
    });
    // A string, so the effect below runs when the set changes, not on every progress update.
    return ids.sort().join(' ');
  }, [cidOf, records.data, uploads]);
  useEffect(() => {
    if (addedMeanwhile === '') return;
    const ids = new Set(addedMeanwhile.split(' '));
    for (const id of ids) void drafts.remove(id).catch(() => undefined);
    const timer = setTimeout(() => setUploads((current) => current.filter((u) => !ids.has(u.id))), DONE_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [addedMeanwhile, drafts]);
  const visibleUploads = useMemo(() => {
    const ids = new Set(addedMeanwhile.split(' '));
    return uploads.map((u): PendingUpload => (ids.has(u.id) ? { ...u, stage: 'done', error: null, awaitingEarlierRegistration: false } : u));
  }, [addedMeanwhile, uploads]);

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
          // Unknown when the chain does not answer; a later check then looks at every record.
          const pinnedAtBlock = await client?.getBlockNumber().catch(() => undefined);
          update(id, { cid, pinnedAtBlock });
          await drafts.markPinned(id, cid, pinnedAtBlock).catch(() => undefined);
        }
        // Also while an earlier file's prompt is open: the wallet is what this one waits for.
        update(id, { stage: 'signing', error: null });
        const locator = toHex(sealLocator({ cid, contentKey }, keyPair.publicKey));
        const registration = registrations.current.then(() =>
          tx.run({
            functionName: 'addRecord',
            args: [locator],
            invalidates: [queryKeys.patientRecords(config.chainId, patient)],
            onSubmitted: (hash) => {
              update(id, { stage: 'confirming', registrationTx: hash });
              void drafts.markSubmitted(id, hash).catch(() => undefined);
            },
          }),
        );
        registrations.current = registration.catch(() => undefined);
        const result = await registration;
        if (!result.ok) {
          update(id, { stage: 'signing', error: 'Your file is encrypted and stored, but it was not added to your records. Retry to finish.' });
          return;
        }
        finish(id);
      } catch (error) {
        // The stage stays where it stopped, so the bar and a retry both resume from there.
        update(id, { error: parseError(error, 'The upload did not finish. It is kept here; retry when ready.').message });
      }
    },
    [client, config.chainId, drafts, finish, keyPair, patient, tx, update],
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

  /**
   * Forgets an upload, and deletes its encrypted file from storage when it was stored and nothing
   * can still add it to the records (lib/drafts/reconcile). Always resolves with a sentence.
   */
  const discard = useCallback(
    async (id: string): Promise<DiscardOutcome> => {
      const upload = uploads.find((u) => u.id === id);
      setUploads((current) => current.filter((u) => u.id !== id));
      await drafts.remove(id).catch(() => undefined);
      const name = upload?.fileName ?? 'the upload';
      if (!upload?.cid || !upload.contentKey) return { tone: 'success', message: `Discarded “${name}”.` };
      try {
        if (!client) throw new Error('Not connected to the chain.');
        const [current, pendingNonce, confirmedNonce] = await Promise.all([
          records.refetch({ throwOnError: true }).then((result) => result.data ?? []),
          client.getTransactionCount({ address: patient, blockTag: 'pending' }),
          client.getTransactionCount({ address: patient, blockTag: 'latest' }),
        ]);
        const registered = recordHoldingDraft({ cid: upload.cid, pinnedAtBlock: upload.pinnedAtBlock }, current, cidOf) !== null;
        switch (fateOfDiscardedFile({ registered, pendingNonce, confirmedNonce })) {
          case 'registered':
            return { tone: 'info', message: `“${name}” had already been added to your records, so it is kept there.` };
          case 'keep-pending':
            return {
              tone: 'info',
              message: `Discarded “${name}”. A transaction from your account is still waiting on the chain and may add it to your records, so its encrypted file stays in storage.`,
            };
          case 'delete':
            await unpinCiphertext(upload.cid, deriveUnpinCredentials(keyPair.secretKey, upload.contentKey).secret);
            return { tone: 'success', message: `Discarded “${name}” and deleted its encrypted file from storage.` };
        }
      } catch (error) {
        return {
          tone: 'warning',
          message: `Discarded “${name}”, but its encrypted file could not be deleted from storage: ${parseError(error).message} It stays there, unreadable without your key.`,
        };
      }
    },
    [cidOf, client, drafts, keyPair.secretKey, patient, records, uploads],
  );

  return { uploads: visibleUploads, addFile, retry, discard, txState: tx.state };
}
