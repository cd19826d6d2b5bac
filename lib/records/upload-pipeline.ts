import type { Hash, Hex } from 'viem';
import type { PatientRecord } from '@/lib/consent';
import { sealLocator, type RecordKind } from '@/lib/crypto';
import type { StoredDraft } from '@/lib/drafts/draft-store';
import { recordHoldingDraft, type DiscardedFileFate } from '@/lib/drafts/reconcile';
import type { ByteProgress, UploadStage } from './upload-progress';

/**
 * The upload pipeline as data: what each upload is doing, the actions that move it on, and the
 * decisions between steps (what to do next, how drafts from an earlier visit come back, which
 * uploads a record already holds, what discarding did). No React, no I/O: the uploads hook runs
 * the effects (crypto worker, storage, wallet, draft store) and reports them as actions.
 *
 * An upload's way: encrypt (in the worker; saved as a draft in this browser from then on) → store
 * the ciphertext → register it with `addRecord` → done. It resumes at the step that stopped, so
 * nothing is encrypted or stored twice.
 */

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

export const UPLOAD_MESSAGES = {
  unfinishedFromEarlierVisit: 'Saved in this browser from an earlier visit, but not yet added to your records. Retry to finish, or discard it.',
  earlierRegistrationFailed: 'Adding it to your records failed on the chain during an earlier visit. Retry to finish, or discard it.',
  notRegistered: 'Your file is encrypted and stored, but it was not added to your records. Retry to finish.',
  /** Shown when an error carries no sentence of its own. */
  failed: 'The upload did not finish. It is kept here; retry when ready.',
} as const;

/** What discarding an upload did, in a sentence for the patient. */
export type DiscardOutcome = { readonly tone: 'success' | 'info' | 'warning'; readonly message: string };

export type UploadAction =
  | { readonly type: 'added'; readonly upload: PendingUpload }
  /** Drafts brought back from this browser; they take the place of uploads with the same id. */
  | { readonly type: 'restored'; readonly uploads: readonly PendingUpload[] }
  | { readonly type: 'encrypting'; readonly id: string }
  | { readonly type: 'encrypt-progress'; readonly id: string; readonly progress: ByteProgress }
  | { readonly type: 'encrypted'; readonly id: string; readonly envelope: Uint8Array; readonly contentKey: Uint8Array }
  | { readonly type: 'storing'; readonly id: string }
  | { readonly type: 'store-progress'; readonly id: string; readonly progress: ByteProgress }
  | { readonly type: 'stored'; readonly id: string; readonly cid: string; readonly pinnedAtBlock: bigint | undefined }
  /** Waiting for the wallet (also while an earlier file's prompt is open). */
  | { readonly type: 'signing'; readonly id: string }
  | { readonly type: 'submitted'; readonly id: string; readonly hash: Hash }
  /** Stopped where it was, waiting for a retry or a discard. */
  | { readonly type: 'failed'; readonly id: string; readonly error: string }
  /** Encrypted and stored, but not added to the records (wallet said no, or the transaction failed). */
  | { readonly type: 'not-registered'; readonly id: string }
  /** A registration from an earlier visit did not add it (failed, vanished, or nobody can tell). */
  | { readonly type: 'earlier-registration-unfinished'; readonly id: string; readonly error: string }
  | { readonly type: 'finished'; readonly id: string }
  | { readonly type: 'removed'; readonly ids: readonly string[] };

/** What one action does to the upload it names (the same upload back when it names another). */
export function applyToUpload(upload: PendingUpload, action: UploadAction): PendingUpload {
  if (!('id' in action) || action.id !== upload.id) return upload;
  switch (action.type) {
    case 'encrypting':
      return { ...upload, stage: 'encrypting', error: null };
    case 'encrypt-progress':
      return { ...upload, encrypted: action.progress };
    case 'encrypted':
      return { ...upload, envelope: action.envelope, contentKey: action.contentKey, file: null };
    case 'storing':
      return { ...upload, stage: 'storing', stored: null, error: null };
    case 'store-progress':
      return { ...upload, stored: action.progress };
    case 'stored':
      return { ...upload, cid: action.cid, pinnedAtBlock: action.pinnedAtBlock };
    case 'signing':
      return { ...upload, stage: 'signing', error: null };
    case 'submitted':
      return { ...upload, stage: 'confirming', registrationTx: action.hash };
    case 'failed':
      // The stage stays where it stopped, so the bar and a retry both resume from there.
      return { ...upload, error: action.error };
    case 'not-registered':
      return { ...upload, stage: 'signing', error: UPLOAD_MESSAGES.notRegistered };
    case 'earlier-registration-unfinished':
      return { ...upload, stage: 'signing', error: action.error, awaitingEarlierRegistration: false };
    case 'finished':
      return { ...upload, stage: 'done', error: null, awaitingEarlierRegistration: false };
  }
}

export function uploadsReducer(uploads: readonly PendingUpload[], action: UploadAction): readonly PendingUpload[] {
  switch (action.type) {
    case 'added':
      return [...uploads, action.upload];
    case 'restored': {
      const restored = new Set(action.uploads.map((u) => u.id));
      return [...uploads.filter((u) => !restored.has(u.id)), ...action.uploads];
    }
    case 'removed': {
      const removed = new Set(action.ids);
      return uploads.filter((u) => !removed.has(u.id));
    }
    default:
      return uploads.map((upload) => applyToUpload(upload, action));
  }
}

/** A new upload of a picked file (or a typed note, with its kind). */
export function newUpload(id: string, file: File, kind?: RecordKind): PendingUpload {
  return { id, fileName: file.name, stage: 'encrypting', encrypted: null, stored: null, error: null, envelope: null, contentKey: null, cid: null, file, kind };
}

export type UploadStep =
  | { readonly kind: 'encrypt'; readonly file: File }
  | { readonly kind: 'store'; readonly envelope: Uint8Array; readonly contentKey: Uint8Array }
  | { readonly kind: 'register'; readonly cid: string; readonly contentKey: Uint8Array }
  /** Neither ciphertext nor file: nothing to resume from (cannot happen for uploads made here or restored). */
  | { readonly kind: 'stuck' };

/** What to do next for an upload: the first step it has not done. */
export function nextStep(upload: PendingUpload): UploadStep {
  if (!upload.envelope || !upload.contentKey) return upload.file ? { kind: 'encrypt', file: upload.file } : { kind: 'stuck' };
  if (!upload.cid) return { kind: 'store', envelope: upload.envelope, contentKey: upload.contentKey };
  return { kind: 'register', cid: upload.cid, contentKey: upload.contentKey };
}

/** The draft's own locator: "where" is this browser's draft store until the ciphertext is pinned. */
export const draftPlace = (id: string) => `chartkey-draft:${id}`;

/** The draft saved once an upload is encrypted: the ciphertext and its content key sealed to the patient. */
export function draftFor(
  upload: { readonly id: string; readonly envelope: Uint8Array; readonly contentKey: Uint8Array },
  { owner, chainId, patientPublicKey, now }: { owner: string; chainId: number; patientPublicKey: Uint8Array; now: number },
): StoredDraft {
  return {
    id: upload.id,
    owner,
    chainId,
    createdAt: now,
    envelope: upload.envelope,
    sealedKey: sealLocator({ cid: draftPlace(upload.id), contentKey: upload.contentKey }, patientPublicKey),
    cid: null,
  };
}

/**
 * Drafts from an earlier visit (or another tab) as uploads: stopped before storing, or (already
 * stored) before the wallet added them, or sent and not yet heard back from. `open` reads a draft's
 * content key and name with the patient's key; a draft it cannot open (sealed to another key, e.g.
 * a rotated one) is not ours to show.
 */
export function restoreDrafts(
  drafts: readonly StoredDraft[],
  open: (draft: StoredDraft) => { readonly fileName: string; readonly contentKey: Uint8Array },
): PendingUpload[] {
  return drafts.flatMap((draft): PendingUpload[] => {
    let opened: { readonly fileName: string; readonly contentKey: Uint8Array };
    try {
      opened = open(draft);
    } catch {
      return [];
    }
    const awaiting = draft.cid !== null && draft.registrationTx !== undefined;
    return [
      {
        id: draft.id,
        fileName: opened.fileName,
        stage: awaiting ? 'confirming' : draft.cid ? 'signing' : 'storing',
        encrypted: null,
        stored: null,
        envelope: draft.envelope,
        contentKey: opened.contentKey,
        cid: draft.cid,
        file: null,
        error: awaiting ? null : UPLOAD_MESSAGES.unfinishedFromEarlierVisit,
        pinnedAtBlock: draft.pinnedAtBlock,
        registrationTx: draft.registrationTx,
        awaitingEarlierRegistration: awaiting,
      },
    ];
  });
}

/** Restored uploads whose registration from an earlier visit should be followed to its end. */
export function earlierRegistrations(uploads: readonly PendingUpload[]): { readonly id: string; readonly hash: Hash }[] {
  return uploads.flatMap(({ id, awaitingEarlierRegistration, registrationTx }) =>
    awaitingEarlierRegistration && registrationTx ? [{ id, hash: registrationTx }] : [],
  );
}

type RecordsForDrafts = readonly Pick<PatientRecord, 'recordId' | 'patientLocator' | 'blockNumber'>[];

/**
 * Ids (sorted) of uploads at rest whose file a record already uses: added after all (the
 * confirmation was missed, e.g. the page closed), so shown as done, not offered a retry that would
 * add it twice.
 */
export function uploadsAddedMeanwhile(uploads: readonly PendingUpload[], records: RecordsForDrafts, cidOf: (locator: Hex) => string | null): string[] {
  return uploads
    .flatMap(({ id, cid, pinnedAtBlock, error, awaitingEarlierRegistration }) => {
      const atRest = error !== null || awaitingEarlierRegistration === true;
      return atRest && cid !== null && recordHoldingDraft({ cid, pinnedAtBlock }, records, cidOf) !== null ? [id] : [];
    })
    .sort();
}

/** The uploads as shown: those in `done` as finished. */
export function showAsDone(uploads: readonly PendingUpload[], done: ReadonlySet<string>): readonly PendingUpload[] {
  if (done.size === 0) return uploads;
  return uploads.map((u) => (done.has(u.id) ? applyToUpload(u, { type: 'finished', id: u.id }) : u));
}

/** Whether a registration followed from an earlier visit ended with the file in the records. */
export function isRegistered(upload: Pick<PendingUpload, 'cid' | 'pinnedAtBlock'>, records: RecordsForDrafts, cidOf: (locator: Hex) => string | null): boolean {
  return upload.cid !== null && recordHoldingDraft({ cid: upload.cid, pinnedAtBlock: upload.pinnedAtBlock }, records, cidOf) !== null;
}

/** What discarding did: nothing stored, the stored file's fate (lib/drafts/reconcile), or a deletion that failed. */
export type DiscardResult =
  | { readonly kind: 'nothing-stored' }
  | { readonly kind: 'fate'; readonly fate: DiscardedFileFate }
  | { readonly kind: 'delete-failed'; readonly reason: string };

export function discardOutcome(fileName: string | undefined, result: DiscardResult): DiscardOutcome {
  const name = fileName ?? 'the upload';
  if (result.kind === 'nothing-stored') return { tone: 'success', message: `Discarded “${name}”.` };
  if (result.kind === 'delete-failed') {
    return {
      tone: 'warning',
      message: `Discarded “${name}”, but its encrypted file could not be deleted from storage: ${result.reason} It stays there, unreadable without your key.`,
    };
  }
  switch (result.fate) {
    case 'registered':
      return { tone: 'info', message: `“${name}” had already been added to your records, so it is kept there.` };
    case 'keep-pending':
      return {
        tone: 'info',
        message: `Discarded “${name}”. A transaction from your account is still waiting on the chain and may add it to your records, so its encrypted file stays in storage.`,
      };
    case 'delete':
      return { tone: 'success', message: `Discarded “${name}” and deleted its encrypted file from storage.` };
  }
}
