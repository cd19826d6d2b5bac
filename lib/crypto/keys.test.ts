import nacl from 'tweetnacl';
import { bytesToHex, hexToBytes, parseSignature, serializeCompactSignature, signatureToCompactSignature, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import {
  CryptoError,
  InvalidInputError,
  InvalidSignatureError,
  NonDeterministicSignerError,
  RegisteredKeyMismatchError,
  assertMatchesRegisteredKey,
  deriveKeyPairDeterministically,
  deriveKeyPairFromSignature,
  hexToPublicKey,
  keyDerivationMessage,
  publicKeyToHex,
} from './index';

// The local chain's public demo accounts: their keys are well known, never real accounts.
const patient = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const clinician = privateKeyToAccount('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a');
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

async function signKeyMessage(account = patient, chainId = 31337): Promise<Hex> {
  return account.signMessage({ message: keyDerivationMessage({ chainId, address: account.address }) });
}

function withV(signature: Hex, v: number): Hex {
  return `${signature.slice(0, 130)}${v.toString(16).padStart(2, '0')}` as Hex;
}

/** The other valid form of the same ECDSA signature: (r, n − s) with the recovery bit flipped. */
function highSForm(signature: Hex): Hex {
  const { r, s, yParity } = parseSignature(signature);
  const highS = N - BigInt(s);
  return `${r}${highS.toString(16).padStart(64, '0')}${(27 + (1 - (yParity ?? 0))).toString(16)}` as Hex;
}

describe('keyDerivationMessage', () => {
  it('names the app, the purpose, the chain and the checksummed address, and warns against phishing', () => {
    const message = keyDerivationMessage({ chainId: 31337, address: patient.address.toLowerCase() });
    expect(message).toContain('Chartkey');
    expect(message).toContain('record-encryption key');
    expect(message).toContain('Chain ID: 31337');
    expect(message).toContain(`Address: ${patient.address}`);
    expect(message).toMatch(/never sign it on any other website/i);
  });

  it('is the same for any capitalisation of the address, different per chain', () => {
    const lower = keyDerivationMessage({ chainId: 1, address: patient.address.toLowerCase() });
    expect(keyDerivationMessage({ chainId: 1, address: patient.address })).toBe(lower);
    expect(keyDerivationMessage({ chainId: 10, address: patient.address })).not.toBe(lower);
  });

  it('rejects an invalid address or chain id', () => {
    expect(() => keyDerivationMessage({ chainId: 1, address: '0x1234' })).toThrow(InvalidInputError);
    expect(() => keyDerivationMessage({ chainId: 0, address: patient.address })).toThrow(InvalidInputError);
    expect(() => keyDerivationMessage({ chainId: 1.5, address: patient.address })).toThrow(InvalidInputError);
  });
});

describe('deriveKeyPairFromSignature', () => {
  it('gives the same working X25519 key pair for the same signature', async () => {
    const signature = await signKeyMessage();
    const a = deriveKeyPairFromSignature(signature);
    const b = deriveKeyPairFromSignature(signature);
    expect(bytesToHex(a.secretKey)).toBe(bytesToHex(b.secretKey));
    expect(a.secretKey).toHaveLength(32);
    expect(bytesToHex(a.publicKey)).toBe(bytesToHex(nacl.scalarMult.base(a.secretKey)));
    // The pair actually works with nacl.box.
    const other = nacl.box.keyPair();
    const nonce = new Uint8Array(24);
    const boxed = nacl.box(Uint8Array.of(1, 2, 3), nonce, a.publicKey, other.secretKey);
    expect(nacl.box.open(boxed, nonce, other.publicKey, a.secretKey)).toEqual(Uint8Array.of(1, 2, 3));
  });

  it('ignores the recovery byte (v = 27, 28, 0 or 1)', async () => {
    const signature = await signKeyMessage();
    const expected = bytesToHex(deriveKeyPairFromSignature(signature).publicKey);
    for (const v of [27, 28, 0, 1]) {
      expect(bytesToHex(deriveKeyPairFromSignature(withV(signature, v)).publicKey)).toBe(expected);
    }
  });

  it('gives the same key for the high-s and low-s forms of one signature', async () => {
    const signature = await signKeyMessage();
    const high = highSForm(signature);
    expect(high).not.toBe(signature);
    expect(BigInt(`0x${high.slice(66, 130)}`) > N / 2n).toBe(true);
    expect(bytesToHex(deriveKeyPairFromSignature(high).secretKey)).toBe(
      bytesToHex(deriveKeyPairFromSignature(signature).secretKey),
    );
  });

  it('accepts the 64-byte EIP-2098 compact form', async () => {
    const signature = await signKeyMessage();
    const compact = serializeCompactSignature(signatureToCompactSignature(parseSignature(signature)));
    expect(hexToBytes(compact)).toHaveLength(64);
    expect(bytesToHex(deriveKeyPairFromSignature(compact).secretKey)).toBe(
      bytesToHex(deriveKeyPairFromSignature(signature).secretKey),
    );
  });

  it('gives different keys for different accounts and chains', async () => {
    const keys = new Set([
      bytesToHex(deriveKeyPairFromSignature(await signKeyMessage(patient, 31337)).publicKey),
      bytesToHex(deriveKeyPairFromSignature(await signKeyMessage(clinician, 31337)).publicKey),
      bytesToHex(deriveKeyPairFromSignature(await signKeyMessage(patient, 1)).publicKey),
    ]);
    expect(keys.size).toBe(3);
  });

  it('refuses malformed signatures with InvalidSignatureError', async () => {
    const signature = await signKeyMessage();
    const zeroR = `0x${'00'.repeat(32)}${signature.slice(66)}` as Hex;
    const sEqualsN = `${signature.slice(0, 66)}${N.toString(16)}1b` as Hex;
    for (const bad of ['0x1234', signature.slice(0, 128), withV(signature, 5), zeroR, sEqualsN, 'not hex'] as Hex[]) {
      expect(() => deriveKeyPairFromSignature(bad)).toThrow(InvalidSignatureError);
    }
  });
});

describe('deriveKeyPairDeterministically', () => {
  it('returns the key when both signatures agree (deterministic RFC 6979 signer)', async () => {
    const keyPair = deriveKeyPairDeterministically(await signKeyMessage(), await signKeyMessage());
    expect(bytesToHex(keyPair.publicKey)).toBe(bytesToHex(deriveKeyPairFromSignature(await signKeyMessage()).publicKey));
  });

  it('accepts two encodings of the same signature', async () => {
    const signature = await signKeyMessage();
    expect(() => deriveKeyPairDeterministically(signature, highSForm(signature))).not.toThrow();
  });

  it('refuses a signer whose signatures differ', async () => {
    // Stands in for a randomised signer: a different valid signature each time.
    const first = await signKeyMessage();
    const second = await patient.signMessage({ message: 'a different nonce would give a different signature' });
    const error = (() => {
      try {
        deriveKeyPairDeterministically(first, second);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(NonDeterministicSignerError);
    expect(error).toBeInstanceOf(CryptoError);
    expect((error as CryptoError).code).toBe('crypto.non-deterministic-signer');
    expect((error as CryptoError).message).toMatch(/different signature each time/);
  });
});

describe('assertMatchesRegisteredKey and public key hex', () => {
  it('passes for the registered key in hex or bytes, fails for another key', async () => {
    const keyPair = deriveKeyPairFromSignature(await signKeyMessage());
    const registeredHex = publicKeyToHex(keyPair.publicKey);
    expect(registeredHex).toMatch(/^0x[0-9a-f]{64}$/);
    expect(() => assertMatchesRegisteredKey(keyPair, registeredHex)).not.toThrow();
    expect(() => assertMatchesRegisteredKey(keyPair, keyPair.publicKey)).not.toThrow();
    const otherKey = deriveKeyPairFromSignature(await signKeyMessage(clinician)).publicKey;
    expect(() => assertMatchesRegisteredKey(keyPair, otherKey)).toThrow(RegisteredKeyMismatchError);
    expect(() => assertMatchesRegisteredKey(keyPair, publicKeyToHex(otherKey))).toThrow(RegisteredKeyMismatchError);
    // An unregistered (zero) key on-chain is a mismatch, not a pass.
    expect(() => assertMatchesRegisteredKey(keyPair, new Uint8Array(32))).toThrow(RegisteredKeyMismatchError);
  });

  it('round-trips public keys through bytes32 hex and rejects wrong lengths', () => {
    const { publicKey } = nacl.box.keyPair();
    expect(hexToPublicKey(publicKeyToHex(publicKey))).toEqual(publicKey);
    expect(() => publicKeyToHex(new Uint8Array(31))).toThrow(InvalidInputError);
    expect(() => hexToPublicKey('0x1234')).toThrow(InvalidInputError);
    expect(() => hexToPublicKey(`0x${'zz'.repeat(32)}` as Hex)).toThrow(InvalidInputError);
  });
});
