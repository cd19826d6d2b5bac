import nacl from 'tweetnacl';
import { toHex, type Hex } from 'viem';
import { describe, expect, it, vi } from 'vitest';
import { deriveUnpinCredentials, sealLocator, type KeyPair } from '@/lib/crypto';
import { StorageError, UnpinUnclaimedError } from '@/lib/ipfs/errors';
import { removalNotice, removeEndedCiphertext, replacementNotice } from './storage-cleanup';

const CID = 'bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4';
const OTHER_CID = 'bafkreiabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcd';

function patient(): KeyPair {
  return nacl.box.keyPair();
}

function locator(keyPair: KeyPair, cid: string, contentKey = nacl.randomBytes(32)): Hex {
  return toHex(sealLocator({ cid, contentKey }, keyPair.publicKey));
}

describe('removeEndedCiphertext', () => {
  it('unpins the ended version’s file with the secret derived from the patient key and its content key', async () => {
    const keyPair = patient();
    const contentKey = nacl.randomBytes(32);
    const ended = locator(keyPair, CID, contentKey);
    const unpin = vi.fn(() => Promise.resolve());
    await expect(removeEndedCiphertext(ended, keyPair, [locator(keyPair, OTHER_CID)], { unpin })).resolves.toEqual({ kind: 'deleted' });
    expect(unpin).toHaveBeenCalledWith(CID, deriveUnpinCredentials(keyPair.secretKey, contentKey).secret);
  });

  it('keeps a file another current record still uses, ignoring the ended locator itself', async () => {
    const keyPair = patient();
    const ended = locator(keyPair, CID);
    const unpin = vi.fn(() => Promise.resolve());
    await expect(removeEndedCiphertext(ended, keyPair, [locator(keyPair, CID)], { unpin })).resolves.toEqual({ kind: 'in-use' });
    // A list read just before the removal still holds the ended locator: that alone is no reason to keep it.
    await expect(removeEndedCiphertext(ended, keyPair, [ended.toUpperCase() as Hex, ended], { unpin })).resolves.toEqual({ kind: 'deleted' });
    expect(unpin).toHaveBeenCalledTimes(1);
  });

  it('turns any failure into a sentence, never a thrown error', async () => {
    const keyPair = patient();
    const ended = locator(keyPair, CID);
    const unclaimed = await removeEndedCiphertext(ended, keyPair, [], { unpin: () => Promise.reject(new UnpinUnclaimedError()) });
    expect(unclaimed).toEqual({ kind: 'kept', reason: new UnpinUnclaimedError().message });
    const odd = await removeEndedCiphertext(ended, keyPair, [], { unpin: () => Promise.reject(new Error('socket hang up')) });
    expect(odd).toEqual({ kind: 'kept', reason: 'The storage node did not delete the encrypted file.' });

    // A locator that is not sealed to this key cannot be unpinned (and is not tried).
    const unpin = vi.fn(() => Promise.resolve());
    const foreign = await removeEndedCiphertext(locator(patient(), CID), keyPair, [], { unpin });
    expect(foreign.kind).toBe('kept');
    expect(unpin).not.toHaveBeenCalled();
  });
});

describe('notices', () => {
  it('says the removal happened, then what became of the file', () => {
    expect(removalNotice('x-ray.png', { kind: 'deleted' })).toEqual({
      tone: 'success',
      message: '“x-ray.png” was removed, and nobody can open it through Chartkey any more. Its encrypted file was deleted from Chartkey’s storage.',
    });
    expect(removalNotice('x-ray.png', { kind: 'in-use' }).message).toMatch(/another of your records uses the same file/);
    const kept = removalNotice('x-ray.png', { kind: 'kept', reason: new StorageError('The storage node could not be reached.').message });
    expect(kept.tone).toBe('warning');
    expect(kept.message).toBe(
      '“x-ray.png” was removed, and nobody can open it through Chartkey any more. The storage node could not be reached. It stays encrypted, and only people you shared it with ever had its key.',
    );
  });

  it('adds nothing after a new version unless the earlier file was kept', () => {
    expect(replacementNotice({ kind: 'deleted' })).toBeNull();
    expect(replacementNotice({ kind: 'in-use' })).toBeNull();
    expect(replacementNotice({ kind: 'kept', reason: 'The storage node could not be reached.' })).toEqual({
      tone: 'warning',
      message:
        'The new version is saved, but the earlier version’s encrypted file is still in Chartkey’s storage. The storage node could not be reached. It stays encrypted, and only people it was shared with had its key.',
    });
  });

  it('confirms a replace the patient started on the record, naming it', () => {
    expect(replacementNotice({ kind: 'deleted' }, 'x-ray.png')).toEqual({
      tone: 'success',
      message: 'A new version of “x-ray.png” is saved. Earlier versions can no longer be opened through Chartkey.',
    });
    expect(replacementNotice({ kind: 'kept', reason: 'The storage node could not be reached.' }, 'x-ray.png')?.message).toMatch(
      /^A new version of “x-ray.png” is saved, but the earlier version’s encrypted file is still in Chartkey’s storage\./,
    );
  });
});
