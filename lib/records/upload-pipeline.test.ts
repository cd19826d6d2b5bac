import nacl from 'tweetnacl';
import type { Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { openLocator, type KeyPair } from '@/lib/crypto';
import type { StoredDraft } from '@/lib/drafts/draft-store';
import {
  applyToUpload,
  discardOutcome,
  draftFor,
  draftPlace,
  earlierRegistrations,
  isRegistered,
  newUpload,
  nextStep,
  restoreDrafts,
  showAsDone,
  UPLOAD_MESSAGES,
  uploadsAddedMeanwhile,
  uploadsReducer,
  type PendingUpload,
  type UploadAction,
} from './upload-pipeline';

const keyPair = (): KeyPair => {
  const pair = nacl.box.keyPair();
  return { publicKey: pair.publicKey, secretKey: pair.secretKey };
};

const file = (name = 'scan.pdf') => new File(['%PDF-1.7'], name, { type: 'application/pdf' });
const ENVELOPE = new Uint8Array([1, 2, 3]);
const KEY = new Uint8Array(32).fill(9);
const HASH: Hex = `0x${'cd'.repeat(32)}`;

/** An upload moved through `actions` by the reducer. */
const through = (upload: PendingUpload, ...actions: UploadAction[]) => actions.reduce(applyToUpload, upload);

describe('uploadsReducer', () => {
  it('adds uploads in order and removes the named ones', () => {
    const a = newUpload('a', file('a.pdf'));
    const b = newUpload('b', file('b.pdf'));
    const added = [a, b].reduce((state, upload) => uploadsReducer(state, { type: 'added', upload }), [] as readonly PendingUpload[]);
    expect(added.map((u) => u.id)).toEqual(['a', 'b']);
    expect(uploadsReducer(added, { type: 'removed', ids: ['a'] }).map((u) => u.id)).toEqual(['b']);
  });

  it('lets restored drafts take the place of uploads with the same id, appended after the others', () => {
    const state = [newUpload('a', file()), newUpload('b', file())];
    const restoredB = { ...newUpload('b', file('restored.pdf')), file: null };
    const next = uploadsReducer(state, { type: 'restored', uploads: [restoredB, newUpload('c', file())] });
    expect(next.map((u) => [u.id, u.fileName])).toEqual([
      ['a', 'scan.pdf'],
      ['b', 'restored.pdf'],
      ['c', 'scan.pdf'],
    ]);
  });

  it('changes only the upload an action names', () => {
    const state = [newUpload('a', file()), newUpload('b', file())];
    const next = uploadsReducer(state, { type: 'failed', id: 'b', error: 'No.' });
    expect(next[0]).toBe(state[0]);
    expect(next[1]?.error).toBe('No.');
  });
});

describe('one upload’s way through the steps', () => {
  it('starts encrypting a picked file, with no progress yet', () => {
    const upload = newUpload('a', file(), 'note');
    expect(upload).toMatchObject({ stage: 'encrypting', error: null, encrypted: null, stored: null, envelope: null, cid: null, kind: 'note' });
    expect(nextStep(upload)).toEqual({ kind: 'encrypt', file: upload.file });
  });

  it('goes encrypt → store → register, each step planned from what the last produced', () => {
    let upload = through(newUpload('a', file()), { type: 'encrypting', id: 'a' }, { type: 'encrypt-progress', id: 'a', progress: { done: 1, total: 2 } });
    expect(upload.encrypted).toEqual({ done: 1, total: 2 });
    upload = through(upload, { type: 'encrypted', id: 'a', envelope: ENVELOPE, contentKey: KEY });
    // The plaintext file is let go once its ciphertext exists.
    expect(upload.file).toBeNull();
    expect(nextStep(upload)).toEqual({ kind: 'store', envelope: ENVELOPE, contentKey: KEY });

    upload = through(upload, { type: 'storing', id: 'a' }, { type: 'store-progress', id: 'a', progress: { done: 3, total: 3 } });
    expect(upload).toMatchObject({ stage: 'storing', stored: { done: 3, total: 3 } });
    upload = through(upload, { type: 'stored', id: 'a', cid: 'bafyone', pinnedAtBlock: 12n });
    expect(upload).toMatchObject({ cid: 'bafyone', pinnedAtBlock: 12n });
    expect(nextStep(upload)).toEqual({ kind: 'register', cid: 'bafyone', contentKey: KEY });

    upload = through(upload, { type: 'signing', id: 'a' }, { type: 'submitted', id: 'a', hash: HASH });
    expect(upload).toMatchObject({ stage: 'confirming', registrationTx: HASH });
    upload = through(upload, { type: 'finished', id: 'a' });
    expect(upload).toMatchObject({ stage: 'done', error: null, awaitingEarlierRegistration: false });
  });

  it('keeps the stage a failure stopped at, and a retry resumes from that step without redoing earlier ones', () => {
    const stored = through(newUpload('a', file()), { type: 'encrypted', id: 'a', envelope: ENVELOPE, contentKey: KEY }, { type: 'storing', id: 'a' });
    const failed = through(stored, { type: 'failed', id: 'a', error: 'Storage is down.' });
    expect(failed).toMatchObject({ stage: 'storing', error: 'Storage is down.' });
    expect(nextStep(failed).kind).toBe('store');
    // Starting the step again clears the error and the previous attempt's byte count.
    expect(through(failed, { type: 'store-progress', id: 'a', progress: { done: 1, total: 3 } }, { type: 'storing', id: 'a' })).toMatchObject({
      error: null,
      stored: null,
    });
  });

  it('is left at signing with a sentence when the wallet did not add it', () => {
    const upload = through(newUpload('a', file()), { type: 'signing', id: 'a' }, { type: 'not-registered', id: 'a' });
    expect(upload).toMatchObject({ stage: 'signing', error: UPLOAD_MESSAGES.notRegistered });
    const retried = through(upload, { type: 'signing', id: 'a' });
    expect(retried.error).toBeNull();
  });

  it('has nothing to resume from without ciphertext or file', () => {
    expect(nextStep({ ...newUpload('a', file()), file: null })).toEqual({ kind: 'stuck' });
  });
});

describe('drafts', () => {
  const patient = keyPair();

  it('saves the ciphertext with its content key sealed to the patient, placed in the draft store', () => {
    const draft = draftFor({ id: 'a', envelope: ENVELOPE, contentKey: KEY }, { owner: '0xabc', chainId: 31337, patientPublicKey: patient.publicKey, now: 5 });
    expect(draft).toMatchObject({ id: 'a', owner: '0xabc', chainId: 31337, createdAt: 5, envelope: ENVELOPE, cid: null });
    expect(openLocator(draft.sealedKey, patient)).toEqual({ cid: draftPlace('a'), contentKey: KEY });
    expect(() => openLocator(draft.sealedKey, keyPair())).toThrow();
  });

  const stored = (id: string, patch: Partial<StoredDraft> = {}): StoredDraft => ({
    id,
    owner: '0xabc',
    chainId: 31337,
    createdAt: 1,
    envelope: ENVELOPE,
    sealedKey: new Uint8Array([id.charCodeAt(0)]),
    cid: null,
    ...patch,
  });
  const open = (draft: StoredDraft) => {
    if (draft.id === 'foreign') throw new Error('sealed to another key');
    return { fileName: `${draft.id}.pdf`, contentKey: KEY };
  };

  it('brings drafts back at the step they stopped at, leaving out those it cannot open', () => {
    const restored = restoreDrafts(
      [stored('a'), stored('b', { cid: 'bafyb', pinnedAtBlock: 7n }), stored('c', { cid: 'bafyc', registrationTx: HASH }), stored('foreign')],
      open,
    );
    expect(restored.map((u) => u.id)).toEqual(['a', 'b', 'c']);
    const [a, b, c] = restored;
    // Not stored yet: offered a retry, which stores it.
    expect(a).toMatchObject({ fileName: 'a.pdf', stage: 'storing', error: UPLOAD_MESSAGES.unfinishedFromEarlierVisit, awaitingEarlierRegistration: false, file: null });
    expect(a && nextStep(a)).toEqual({ kind: 'store', envelope: ENVELOPE, contentKey: KEY });
    // Stored, never sent: offered a retry, which registers it.
    expect(b).toMatchObject({ stage: 'signing', error: UPLOAD_MESSAGES.unfinishedFromEarlierVisit, cid: 'bafyb', pinnedAtBlock: 7n });
    expect(b && nextStep(b).kind).toBe('register');
    // Sent on the earlier visit: waiting for its outcome, no retry offered yet.
    expect(c).toMatchObject({ stage: 'confirming', error: null, awaitingEarlierRegistration: true, registrationTx: HASH });
    expect(earlierRegistrations(restored)).toEqual([{ id: 'c', hash: HASH }]);
  });

  it('offers a retry when an earlier visit’s registration did not add the file', () => {
    const [c] = restoreDrafts([stored('c', { cid: 'bafyc', registrationTx: HASH })], open);
    if (!c) throw new Error('restored nothing');
    const after = applyToUpload(c, { type: 'earlier-registration-unfinished', id: 'c', error: UPLOAD_MESSAGES.earlierRegistrationFailed });
    expect(after).toMatchObject({ stage: 'signing', error: UPLOAD_MESSAGES.earlierRegistrationFailed, awaitingEarlierRegistration: false });
    expect(earlierRegistrations([after])).toEqual([]);
  });
});

describe('uploads a record already holds', () => {
  const cids: Record<string, string> = { '0x01': 'bafyold', '0x02': 'bafynew' };
  const cidOf = (locator: Hex) => cids[locator] ?? null;
  const records = [
    { recordId: 1n, patientLocator: '0x01' as Hex, blockNumber: 5n },
    { recordId: 2n, patientLocator: '0x02' as Hex, blockNumber: 20n },
  ];
  const atRest = (id: string, cid: string | null, patch: Partial<PendingUpload> = {}): PendingUpload => ({
    ...newUpload(id, file()),
    file: null,
    envelope: ENVELOPE,
    contentKey: KEY,
    cid,
    error: 'stopped',
    ...patch,
  });

  it('finds uploads at rest whose file a record written since pinning uses, sorted', () => {
    const uploads = [
      atRest('z', 'bafynew', { pinnedAtBlock: 10n }),
      atRest('y', 'bafyold', { pinnedAtBlock: 10n }), // only an older record holds that file: not this upload's
      atRest('x', 'bafyold'), // pinned before the block was kept: every record is checked
      atRest('w', 'bafynew', { error: null }), // still moving: its own confirmation will finish it
      atRest('v', 'bafynew', { error: null, awaitingEarlierRegistration: true }),
      atRest('u', null),
    ];
    expect(uploadsAddedMeanwhile(uploads, records, cidOf)).toEqual(['v', 'x', 'z']);
    expect(isRegistered(atRest('y', 'bafyold', { pinnedAtBlock: 10n }), records, cidOf)).toBe(false);
    expect(isRegistered(atRest('u', null), records, cidOf)).toBe(false);
  });

  it('shows those as done, leaving the others as they are', () => {
    const uploads = [atRest('a', 'bafynew', { awaitingEarlierRegistration: true }), atRest('b', null)];
    const shown = showAsDone(uploads, new Set(['a']));
    expect(shown[0]).toMatchObject({ stage: 'done', error: null, awaitingEarlierRegistration: false });
    expect(shown[1]).toBe(uploads[1]);
    expect(showAsDone(uploads, new Set())).toBe(uploads);
  });
});

describe('discardOutcome', () => {
  it('says what became of the upload and its stored file', () => {
    expect(discardOutcome('scan.pdf', { kind: 'nothing-stored' })).toEqual({ tone: 'success', message: 'Discarded “scan.pdf”.' });
    expect(discardOutcome(undefined, { kind: 'nothing-stored' }).message).toBe('Discarded “the upload”.');
    expect(discardOutcome('scan.pdf', { kind: 'fate', fate: 'delete' })).toEqual({
      tone: 'success',
      message: 'Discarded “scan.pdf” and deleted its encrypted file from storage.',
    });
    expect(discardOutcome('scan.pdf', { kind: 'fate', fate: 'registered' })).toEqual({
      tone: 'info',
      message: '“scan.pdf” had already been added to your records, so it is kept there.',
    });
    expect(discardOutcome('scan.pdf', { kind: 'fate', fate: 'keep-pending' })).toMatchObject({ tone: 'info', message: expect.stringContaining('still waiting on the chain') });
    expect(discardOutcome('scan.pdf', { kind: 'delete-failed', reason: 'Storage is down.' })).toEqual({
      tone: 'warning',
      message: 'Discarded “scan.pdf”, but its encrypted file could not be deleted from storage: Storage is down. It stays there, unreadable without your key.',
    });
  });
});
