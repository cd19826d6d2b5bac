'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { toHex, type Address, type Hash } from 'viem';
import { usePublicClient } from 'wagmi';
import { usePublicConfig } from '@/hooks/use-public-config';
import { cidOpener, deriveUnpinClaim, deriveUnpinCredentials, openLocator, readRecordMetadata, sealLocator, type KeyPair, type RecordKind } from '@/lib/crypto';
import type { PatientRecord } from '@/lib/consent';
import { createDraftStore, indexedDbBackend } from '@/lib/drafts/draft-store';
import { fateOfDiscardedFile } from '@/lib/drafts/reconcile';
import { parseError } from '@/lib/errors/parse-error';
import { FHIR_SNIFF_BYTES, looksLikeFhir } from '@/lib/fhir';
import { unpinCiphertext, uploadCiphertext } from '@/lib/ipfs/client';
import {
  applyToUpload,
  discardOutcome,
  draftFor,
  earlierRegistrations,
  isRegistered,
  newUpload,
  nextStep,
  restoreDrafts,
  showAsDone,
  UPLOAD_MESSAGES,
  uploadsAddedMeanwhile,
  uploadsReducer,
  type DiscardOutcome,
  type PendingUpload,
  type UploadAction,
} from '@/lib/records/upload-pipeline';
import { recordKindFor, validateRecordFile } from '@/lib/records/validate-file';
import { cryptoWorker } from './crypto-worker';
import { queryKeys } from './query-keys';
import { usePatientRecords } from './use-patient-records';
import { useConsentWrite } from './use-consent-write';

/** How long a finished upload stays listed as "Done" before the records list alone shows it. */
const DONE_VISIBLE_MS = 2_500;
/** How long a later visit waits for a registration sent before the page closed. */
const EARLIER_REGISTRATION_WAIT_MS = 120_000;

/**
 * The patient's uploads: a reducer over the pure pipeline in lib/records/upload-pipeline, with the
 * effects wired here (crypto worker, storage, wallet, the draft store in this browser).
 */
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
  const [uploads, dispatch] = useReducer(uploadsReducer, []);
  const cidOf = useMemo(() => cidOpener(keyPair), [keyPair]);

  const finish = useCallback(
    (id: string) => {
      void drafts.remove(id).catch(() => undefined);
      dispatch({ type: 'finished', id });
      setTimeout(() => dispatch({ type: 'removed', ids: [id] }), DONE_VISIBLE_MS);
    },
    [drafts],
  );

  /** A registration sent before the page closed: finish when it confirms, offer a retry when it failed or vanished. */
  const followEarlierRegistration = useCallback(
    async (upload: PendingUpload, hash: Hash) => {
      const unfinished = (error: string) => dispatch({ type: 'earlier-registration-unfinished', id: upload.id, error });
      if (!client) return unfinished(UPLOAD_MESSAGES.unfinishedFromEarlierVisit);
      try {
        // Throws at once when the chain never heard of it (dropped, or a reset demo chain).
        await client.getTransaction({ hash });
        const receipt = await client.waitForTransactionReceipt({ hash, timeout: EARLIER_REGISTRATION_WAIT_MS });
        if (receipt.status !== 'success') return unfinished(UPLOAD_MESSAGES.earlierRegistrationFailed);
        // The records then show it, and the check below finishes the draft.
        const recordsKey = queryKeys.patientRecords(config.chainId, patient);
        await queryClient.invalidateQueries({ queryKey: recordsKey });
        const current = queryClient.getQueryData<readonly PatientRecord[]>(recordsKey) ?? [];
        if (!isRegistered(upload, current, cidOf)) unfinished(UPLOAD_MESSAGES.unfinishedFromEarlierVisit);
      } catch {
        unfinished(UPLOAD_MESSAGES.unfinishedFromEarlierVisit);
      }
    },
    [cidOf, client, config.chainId, patient, queryClient],
  );

  // Bring back drafts left by an earlier visit (or another tab) for this account and chain.
  useEffect(() => {
    let cancelled = false;
    drafts
      .list(patient, config.chainId)
      .then((stored) => {
        if (cancelled || stored.length === 0) return;
        const restored = restoreDrafts(stored, (draft) => {
          const { contentKey } = openLocator(draft.sealedKey, keyPair);
          return { contentKey, fileName: readRecordMetadata(draft.envelope, contentKey).name };
        });
        dispatch({ type: 'restored', uploads: restored });
        for (const { id, hash } of earlierRegistrations(restored)) {
          const upload = restored.find((u) => u.id === id);
          if (upload) void followEarlierRegistration(upload, hash);
        }
      })
      .catch(() => {
        // No IndexedDB (private mode in some browsers): uploads still work, they just can't outlive the tab.
      });
    return () => {
      cancelled = true;
    };
  }, [config.chainId, drafts, followEarlierRegistration, keyPair, patient]);

  // A string, so the effect below runs when the set changes, not on every progress update.
  const addedMeanwhile = useMemo(() => (records.data ? uploadsAddedMeanwhile(uploads, records.data, cidOf).join(' ') : ''), [cidOf, records.data, uploads]);
  useEffect(() => {
    if (addedMeanwhile === '') return;
    const ids = addedMeanwhile.split(' ');
    for (const id of ids) void drafts.remove(id).catch(() => undefined);
    const timer = setTimeout(() => dispatch({ type: 'removed', ids }), DONE_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [addedMeanwhile, drafts]);
  const visibleUploads = useMemo(() => showAsDone(uploads, new Set(addedMeanwhile === '' ? [] : addedMeanwhile.split(' '))), [addedMeanwhile, uploads]);

  /** Runs an upload from the step it stopped at to the end (or the next stop). */
  const advance = useCallback(
    async (start: PendingUpload) => {
      let current = start;
      // The reducer applied locally too, so each step sees what the previous one produced.
      const apply = (action: UploadAction) => {
        dispatch(action);
        current = applyToUpload(current, action);
      };
      const { id } = start;
      try {
        // A plain loop: the production minifier drops the import behind nextStep when it sits in a
        // for-statement's update clause (a ReferenceError at run time).
        for (;;) {
          const step = nextStep(current);
          if (step.kind === 'stuck') return apply({ type: 'failed', id, error: UPLOAD_MESSAGES.failed });
          if (step.kind === 'encrypt') {
            const { file } = step;
            apply({ type: 'encrypting', id });
            const mediaType = file.type || 'application/octet-stream';
            const head = new Uint8Array(await file.slice(0, FHIR_SNIFF_BYTES).arrayBuffer());
            const kind = current.kind ?? (looksLikeFhir(mediaType, file.name, head) ? 'fhir' : recordKindFor(mediaType, file.name));
            // The worker streams the file itself: the plaintext is never copied on the main thread.
            const { envelope, contentKey } = await cryptoWorker().encryptRecord(
              file,
              { name: file.name, mediaType, size: file.size, createdAt: Date.now(), kind },
              { onProgress: (done, total) => dispatch({ type: 'encrypt-progress', id, progress: { done, total } }) },
            );
            apply({ type: 'encrypted', id, envelope, contentKey });
            await drafts
              .save(draftFor({ id, envelope, contentKey }, { owner: patient, chainId: config.chainId, patientPublicKey: keyPair.publicKey, now: Date.now() }))
              .catch(() => undefined);
            continue;
          }
          if (step.kind === 'store') {
            apply({ type: 'storing', id });
            // Recomputed from the content key on every attempt (a restored draft has it sealed to the
            // patient), so no removal secret or claim is ever stored in the draft.
            const { cid } = await uploadCiphertext(step.envelope, {
              unpinClaim: deriveUnpinClaim(keyPair.secretKey, step.contentKey),
              onProgress: (done, total) => dispatch({ type: 'store-progress', id, progress: { done, total } }),
            });
            // Unknown when the chain does not answer; a later check then looks at every record.
            const pinnedAtBlock = await client?.getBlockNumber().catch(() => undefined);
            apply({ type: 'stored', id, cid, pinnedAtBlock });
            await drafts.markPinned(id, cid, pinnedAtBlock).catch(() => undefined);
            continue;
          }
          // Also while an earlier file's prompt is open: the wallet is what this one waits for.
          apply({ type: 'signing', id });
          const locator = toHex(sealLocator({ cid: step.cid, contentKey: step.contentKey }, keyPair.publicKey));
          const registration = registrations.current.then(() =>
            tx.run({
              functionName: 'addRecord',
              args: [locator],
              invalidates: [queryKeys.patientRecords(config.chainId, patient)],
              onSubmitted: (hash) => {
                apply({ type: 'submitted', id, hash });
                void drafts.markSubmitted(id, hash).catch(() => undefined);
              },
            }),
          );
          registrations.current = registration.catch(() => undefined);
          const result = await registration;
          if (result.ok) finish(id);
          else apply({ type: 'not-registered', id });
          return;
        }
      } catch (error) {
        apply({ type: 'failed', id, error: parseError(error, UPLOAD_MESSAGES.failed).message });
      }
    },
    [client, config.chainId, drafts, finish, keyPair, patient, tx],
  );

  /** Starts an upload; returns a sentence when the file is refused before any work starts. */
  const addFile = useCallback(
    (file: File, kind?: RecordKind): string | null => {
      try {
        validateRecordFile(file);
      } catch (error) {
        return parseError(error).message;
      }
      const pending = newUpload(crypto.randomUUID(), file, kind);
      dispatch({ type: 'added', upload: pending });
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
      dispatch({ type: 'removed', ids: [id] });
      await drafts.remove(id).catch(() => undefined);
      if (!upload?.cid || !upload.contentKey) return discardOutcome(upload?.fileName, { kind: 'nothing-stored' });
      // Without a chain connection nothing says whether deleting is safe; the parser's general sentence says it failed.
      if (!client) return discardOutcome(upload.fileName, { kind: 'delete-failed', reason: parseError(null).message });
      try {
        const [current, pendingNonce, confirmedNonce] = await Promise.all([
          records.refetch({ throwOnError: true }).then((result) => result.data ?? []),
          client.getTransactionCount({ address: patient, blockTag: 'pending' }),
          client.getTransactionCount({ address: patient, blockTag: 'latest' }),
        ]);
        const fate = fateOfDiscardedFile({ registered: isRegistered(upload, current, cidOf), pendingNonce, confirmedNonce });
        if (fate === 'delete') await unpinCiphertext(upload.cid, deriveUnpinCredentials(keyPair.secretKey, upload.contentKey).secret);
        return discardOutcome(upload.fileName, { kind: 'fate', fate });
      } catch (error) {
        return discardOutcome(upload.fileName, { kind: 'delete-failed', reason: parseError(error).message });
      }
    },
    [cidOf, client, drafts, keyPair.secretKey, patient, records, uploads],
  );

  return { uploads: visibleUploads, addFile, retry, discard, txState: tx.state };
}
