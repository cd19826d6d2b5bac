/**
 * Known-answer tests. The "independent" checks re-implement decryption straight from
 * docs/envelope-v1.md with other libraries (@noble/ciphers XSalsa20-Poly1305, node:crypto
 * HMAC/HKDF/X25519, node:zlib) and never call this library's parsing code, so the format is
 * reproducible outside it.
 */
import { createHash, createHmac, createPrivateKey, createPublicKey, diffieHellman, hkdfSync } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { blake2b } from '@noble/hashes/blake2.js';
import { hsalsa, xsalsa20poly1305 } from '@noble/ciphers/salsa.js';
import { bytesToHex, hexToBytes, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { decryptRecord, deriveKeyPairFromSignature, encryptRecord, keyDerivationMessage, openLocator, readRecordMetadata, sealLocator } from './index';
import { deterministicBytes } from './vectors/deterministic-bytes';
import envelopeVectors from './vectors/envelope-v1.json';
import keyVector from './vectors/key-derivation-v1.json';
import locatorVector from './vectors/locator-v1.json';
import type { EnvelopeVector, KeyDerivationVector, LocatorVector, PlaintextSpec } from './vectors/vector-types';

const envelopes = envelopeVectors.vectors as EnvelopeVector[];
const keyDerivation = keyVector as KeyDerivationVector;
const locator = locatorVector as LocatorVector;

function plaintextOf(spec: PlaintextSpec): Uint8Array {
  return spec.type === 'utf8' ? new TextEncoder().encode(spec.text) : deterministicBytes(spec.seed, spec.length);
}

function sha256Hex(bytes: Uint8Array): Hex {
  return `0x${createHash('sha256').update(bytes).digest('hex')}`;
}

async function envelopeOf(vector: EnvelopeVector): Promise<Uint8Array> {
  if (vector.envelopeHex) return hexToBytes(vector.envelopeHex);
  const { envelope } = await encryptRecord(plaintextOf(vector.plaintext), vector.metadata, {
    contentKey: hexToBytes(vector.contentKey),
    noncePrefix: hexToBytes(vector.noncePrefix),
  });
  return envelope;
}

/** docs/envelope-v1.md, implemented from the spec text alone. */
function independentDecrypt(envelope: Uint8Array, key: Uint8Array): { plaintext: Uint8Array; metadata: unknown; compressed: boolean } {
  const u16 = (offset: number) => ((envelope[offset] ?? 0) << 8) | (envelope[offset + 1] ?? 0);
  expect(Buffer.from(envelope.subarray(0, 4)).toString('latin1')).toBe('CKEN');
  expect(envelope[4]).toBe(1);
  const flags = envelope[5] ?? 0;
  expect(flags & ~1).toBe(0);
  expect(envelope[6]).toBe(16);
  const chunkSize = 1 << 16;
  const prefix = envelope.subarray(7, 23);
  const metadataLength = u16(23);
  const commitment = createHmac('sha256', key).update('chartkey/commit/v1').update(envelope.subarray(0, 25)).digest();
  expect(bytesToHex(commitment)).toBe(bytesToHex(envelope.subarray(25, 57)));

  const nonce = (counter: number, flag: number) => {
    const n = new Uint8Array(24);
    n.set(prefix, 0);
    new DataView(n.buffer).setUint32(16, counter, false);
    n[20] = flag;
    return n;
  };
  const stripIsoPadding = (bytes: Uint8Array) => {
    let end = bytes.length - 1;
    while (bytes[end] === 0) end--;
    expect(bytes[end]).toBe(0x80);
    return bytes.subarray(0, end);
  };

  const metadataCiphertext = envelope.subarray(57, 57 + metadataLength);
  const metadataPlaintext = xsalsa20poly1305(key, nonce(0, 0x02)).decrypt(metadataCiphertext);
  expect(metadataPlaintext.length % 256).toBe(0);
  const metadata: unknown = JSON.parse(Buffer.from(stripIsoPadding(metadataPlaintext)).toString('utf8'));

  const body = envelope.subarray(57 + metadataLength);
  const chunkCiphertextSize = chunkSize + 16;
  const count = Math.ceil(body.length / chunkCiphertextSize);
  const padded: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const chunk = body.subarray(i * chunkCiphertextSize, (i + 1) * chunkCiphertextSize);
    padded.push(xsalsa20poly1305(key, nonce(i, i === count - 1 ? 0x01 : 0x00)).decrypt(chunk));
  }
  const paddedBody = Buffer.concat(padded);
  const unpadded = stripIsoPadding(paddedBody);
  const compressed = (flags & 1) === 1;
  return { plaintext: compressed ? inflateRawSync(unpadded) : unpadded, metadata, compressed };
}

describe('envelope v1 known-answer vectors', () => {
  it.each(envelopes.map((v) => [v.name, v] as const))('%s: encryption gives the pinned bytes', async (_name, vector) => {
    const plaintext = plaintextOf(vector.plaintext);
    expect(sha256Hex(plaintext)).toBe(vector.plaintextSha256);
    const { envelope } = await encryptRecord(plaintext, vector.metadata, {
      contentKey: hexToBytes(vector.contentKey),
      noncePrefix: hexToBytes(vector.noncePrefix),
    });
    if (vector.exactAcrossImplementations) {
      expect(envelope.length).toBe(vector.envelopeLength);
      expect(sha256Hex(envelope)).toBe(vector.envelopeSha256);
      if (vector.envelopeHex) expect(bytesToHex(envelope)).toBe(vector.envelopeHex);
    } else {
      // Compressed bodies may differ between DEFLATE implementations; the header flag may not.
      expect(envelope[5]).toBe(hexToBytes(vector.envelopeHex ?? '0x')[5]);
    }
  });

  it.each(envelopes.map((v) => [v.name, v] as const))('%s: this library decrypts the pinned bytes', async (_name, vector) => {
    const envelope = await envelopeOf(vector);
    const key = hexToBytes(vector.contentKey);
    const { plaintext, metadata } = await decryptRecord(envelope, key);
    expect(sha256Hex(plaintext)).toBe(vector.plaintextSha256);
    expect(metadata).toEqual(vector.metadata);
    expect(readRecordMetadata(envelope.subarray(0, 57 + 4096 + 16), key)).toEqual(vector.metadata);
  });

  it.each(envelopes.map((v) => [v.name, v] as const))('%s: an independent implementation decrypts it', async (_name, vector) => {
    const envelope = await envelopeOf(vector);
    const result = independentDecrypt(envelope, hexToBytes(vector.contentKey));
    expect(sha256Hex(result.plaintext)).toBe(vector.plaintextSha256);
    expect(result.metadata).toEqual(vector.metadata);
    expect(result.compressed).toBe(vector.name === 'compressed-fhir');
  });
});

describe('key derivation known-answer vector', () => {
  it('the signed message text is pinned (changing it would change every user key)', () => {
    expect(keyDerivationMessage({ chainId: keyDerivation.chainId, address: keyDerivation.address })).toBe(keyDerivation.message);
  });

  it('the demo account signs it to the pinned signature, which derives the pinned keys', async () => {
    const account = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
    expect(account.address).toBe(keyDerivation.address);
    expect(await account.signMessage({ message: keyDerivation.message })).toBe(keyDerivation.signature);
    const keyPair = deriveKeyPairFromSignature(keyDerivation.signature);
    expect(bytesToHex(keyPair.secretKey)).toBe(keyDerivation.secretKey);
    expect(bytesToHex(keyPair.publicKey)).toBe(keyDerivation.publicKey);
  });

  it('matches an independent HKDF and X25519 (node:crypto)', () => {
    const signature = hexToBytes(keyDerivation.signature);
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const s = BigInt(bytesToHex(signature.subarray(32, 64)));
    const lowS = s > n / 2n ? n - s : s;
    const ikm = Buffer.concat([signature.subarray(0, 32), Buffer.from(lowS.toString(16).padStart(64, '0'), 'hex')]);
    const secretKey = Buffer.from(hkdfSync('sha256', ikm, 'chartkey/key-derivation-salt/v1', 'chartkey/x25519/v1', 32));
    expect(bytesToHex(secretKey)).toBe(keyDerivation.secretKey);
    expect(bytesToHex(x25519PublicKey(secretKey))).toBe(keyDerivation.publicKey);
  });
});

describe('sealed locator known-answer vector', () => {
  it('seals to the pinned bytes with the fixed ephemeral key and opens again', () => {
    const sealed = sealLocator({ cid: locator.cid, contentKey: hexToBytes(locator.contentKey) }, hexToBytes(locator.readerPublicKey), {
      ephemeralSecretKey: hexToBytes(locator.ephemeralSecretKey),
    });
    expect(bytesToHex(sealed)).toBe(locator.sealed);
    const reader = { publicKey: hexToBytes(locator.readerPublicKey), secretKey: hexToBytes(locator.readerSecretKey) };
    expect(openLocator(hexToBytes(locator.sealed), reader)).toEqual({ cid: locator.cid, contentKey: hexToBytes(locator.contentKey) });
  });

  it('opens with an independent crypto_box_seal_open (node X25519 + noble HSalsa20/XSalsa20-Poly1305)', () => {
    const sealed = hexToBytes(locator.sealed);
    expect(sealed[0]).toBe(1);
    const ephemeralPublicKey = sealed.subarray(1, 33);
    const readerSecretKey = Buffer.from(hexToBytes(locator.readerSecretKey));
    expect(bytesToHex(x25519PublicKey(readerSecretKey))).toBe(locator.readerPublicKey);
    const shared = diffieHellman({
      privateKey: x25519PrivateKeyObject(readerSecretKey),
      publicKey: createPublicKey({ key: Buffer.concat([X25519_SPKI_PREFIX, ephemeralPublicKey]), format: 'der', type: 'spki' }),
    });
    const nonce = blake2b(Buffer.concat([ephemeralPublicKey, hexToBytes(locator.readerPublicKey)]), { dkLen: 24 });
    const opened = xsalsa20poly1305(hsalsaBoxKey(shared), nonce).decrypt(sealed.subarray(33));
    expect(bytesToHex(opened.subarray(0, 32))).toBe(locator.contentKey);
    expect(Buffer.from(opened.subarray(32)).toString('utf8')).toBe(locator.cid);
  });
});

const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

function x25519PrivateKeyObject(secretKey: Buffer) {
  return createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, secretKey]), format: 'der', type: 'pkcs8' });
}

function x25519PublicKey(secretKey: Buffer): Uint8Array {
  const spki = createPublicKey(x25519PrivateKeyObject(secretKey)).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(spki.length - 32));
}

/** crypto_box_beforenm: HSalsa20(shared secret, 16 zero bytes) with the "expand 32-byte k" constants. */
function hsalsaBoxKey(shared: Uint8Array): Uint8Array {
  const sigma = new Uint32Array([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]);
  const key = new Uint32Array(new Uint8Array(shared).buffer);
  const out = new Uint32Array(8);
  hsalsa(sigma, key, new Uint32Array(4), out);
  return new Uint8Array(out.buffer);
}
