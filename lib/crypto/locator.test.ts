import { blake2b } from '@noble/hashes/blake2.js';
import nacl from 'tweetnacl';
import { toHex } from 'viem';
import { describe, expect, it } from 'vitest';
import {
  cidOpener,
  type CryptoError,
  InvalidInputError,
  InvalidShareError,
  MAX_CID_BYTES,
  UnsupportedVersionError,
  WrongKeyError,
  generateContentKey,
  openLocator,
  sealLocator,
} from './index';

const CID = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).includes(Buffer.from(needle));
}

describe('sealed locator', () => {
  it('round-trips the CID and content key for the intended reader', () => {
    const reader = nacl.box.keyPair();
    const contentKey = generateContentKey();
    const sealed = sealLocator({ cid: CID, contentKey }, reader.publicKey);
    expect(openLocator(sealed, reader)).toEqual({ cid: CID, contentKey });
  });

  it('is small: version + ephemeral key + tag + key + CID, nothing else', () => {
    const sealed = sealLocator({ cid: CID, contentKey: generateContentKey() }, nacl.box.keyPair().publicKey);
    expect(sealed.length).toBe(1 + 32 + 16 + 32 + CID.length);
  });

  it('reveals neither the CID, the key nor the writer, and differs on every seal', () => {
    const reader = nacl.box.keyPair();
    const patient = nacl.box.keyPair();
    const contentKey = generateContentKey();
    const a = sealLocator({ cid: CID, contentKey }, reader.publicKey);
    const b = sealLocator({ cid: CID, contentKey }, reader.publicKey);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    for (const sealed of [a, b]) {
      expect(contains(sealed, new TextEncoder().encode(CID.slice(0, 16)))).toBe(false);
      expect(contains(sealed, contentKey.subarray(0, 8))).toBe(false);
      expect(contains(sealed, patient.publicKey.subarray(0, 8))).toBe(false);
      expect(contains(sealed, reader.publicKey.subarray(0, 8))).toBe(false);
    }
  });

  it('fails with WrongKeyError for any other reader', () => {
    const sealed = sealLocator({ cid: CID, contentKey: generateContentKey() }, nacl.box.keyPair().publicKey);
    const error = captureError(() => openLocator(sealed, nacl.box.keyPair()));
    expect(error).toBeInstanceOf(WrongKeyError);
    expect((error as CryptoError).code).toBe('crypto.wrong-key');
  });

  it('rejects every single-bit change', () => {
    const reader = nacl.box.keyPair();
    const sealed = sealLocator({ cid: CID, contentKey: generateContentKey() }, reader.publicKey);
    for (let bit = 0; bit < sealed.length * 8; bit++) {
      const changed = sealed.slice();
      changed[bit >> 3] = (changed[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      const error = captureError(() => openLocator(changed, reader));
      expect(error, `bit ${bit}`).toBeInstanceOf(bit < 8 ? UnsupportedVersionError : WrongKeyError);
    }
  });

  it('reports an unknown version byte and a cut-off blob', () => {
    const reader = nacl.box.keyPair();
    const sealed = sealLocator({ cid: CID, contentKey: generateContentKey() }, reader.publicKey);
    const future = sealed.slice();
    future[0] = 2;
    expect(() => openLocator(future, reader)).toThrow(UnsupportedVersionError);
    expect(() => openLocator(sealed.subarray(0, 40), reader)).toThrow(InvalidShareError);
    expect(() => openLocator(new Uint8Array(0), reader)).toThrow(InvalidShareError);
    expect(() => openLocator(sealed.subarray(0, sealed.length - 1), reader)).toThrow(WrongKeyError);
  });

  it('refuses hostile shares that authenticate but hold no CID, with one sentence and no key left behind', () => {
    const reader = nacl.box.keyPair();
    // A sender can seal anything to the reader's public key; sealLocator refuses these, so seal by hand.
    const sealRaw = (payload: Uint8Array) => {
      const ephemeral = nacl.box.keyPair();
      const nonce = blake2b(new Uint8Array([...ephemeral.publicKey, ...reader.publicKey]), { dkLen: nacl.box.nonceLength });
      return new Uint8Array([1, ...ephemeral.publicKey, ...nacl.box(payload, nonce, reader.publicKey, ephemeral.secretKey)]);
    };
    const withCid = (cid: string) => sealRaw(new Uint8Array([...generateContentKey(), ...new TextEncoder().encode(cid)]));

    expect(openLocator(withCid(CID), reader).cid).toBe(CID); // the hand-sealing matches the format
    // A browser draft's place-holder (sealed to the patient only) stays openable.
    expect(openLocator(sealLocator({ cid: 'chartkey-draft:3f2b-11', contentKey: generateContentKey() }, reader.publicKey), reader).cid).toBe('chartkey-draft:3f2b-11');
    const hostile = {
      'a CID longer than the limit': withCid('b'.repeat(MAX_CID_BYTES + 1)),
      'a path instead of a CID': withCid('../api/ipfs/other'),
      'a URL instead of a CID': withCid('https://attacker.example/x'),
      'bytes that are not UTF-8': sealRaw(new Uint8Array([...generateContentKey(), 0xff, 0xfe])),
      'a megabyte of padding': new Uint8Array([...withCid(CID), ...new Uint8Array(1024 * 1024)]),
    };
    for (const [what, sealed] of Object.entries(hostile)) {
      const error = captureError(() => openLocator(sealed, reader));
      expect(error, what).toBeInstanceOf(InvalidShareError);
      expect((error as CryptoError).message, what).toMatch(/^This share is invalid or damaged/);
    }
  });

  it('refuses invalid input with clear errors', () => {
    const { publicKey } = nacl.box.keyPair();
    expect(() => sealLocator({ cid: CID, contentKey: new Uint8Array(16) }, publicKey)).toThrow(InvalidInputError);
    expect(() => sealLocator({ cid: '', contentKey: generateContentKey() }, publicKey)).toThrow(InvalidInputError);
    expect(() => sealLocator({ cid: 'b'.repeat(MAX_CID_BYTES + 1), contentKey: generateContentKey() }, publicKey)).toThrow(
      InvalidInputError,
    );
    expect(() => sealLocator({ cid: '../etc/passwd', contentKey: generateContentKey() }, publicKey)).toThrow(InvalidInputError);
    expect(() => sealLocator({ cid: CID, contentKey: generateContentKey() }, new Uint8Array(31))).toThrow(InvalidInputError);
  });
});

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('cidOpener', () => {
  it('opens the locators sealed to the key, and gives null for any other', () => {
    const patient = nacl.box.keyPair();
    const stranger = nacl.box.keyPair();
    const mine = toHex(sealLocator({ cid: 'bafyMine', contentKey: new Uint8Array(32).fill(7) }, patient.publicKey));
    const theirs = toHex(sealLocator({ cid: 'bafyTheirs', contentKey: new Uint8Array(32).fill(8) }, stranger.publicKey));
    const cidOf = cidOpener(patient);
    expect(cidOf(mine)).toBe('bafyMine');
    expect(cidOf(mine)).toBe('bafyMine');
    expect(cidOf(theirs)).toBeNull();
    expect(cidOf('0x01')).toBeNull();
  });
});
