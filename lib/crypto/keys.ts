/**
 * Record-encryption keys derived from a wallet signature, so a patient or clinician never has
 * to back up a separate secret: signing the same fixed message with the same account gives
 * the same X25519 key pair on any device.
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import nacl from 'tweetnacl';
import { bytesToHex, getAddress, hexToBytes, isAddress, isHex, type Address, type Hex } from 'viem';
import { bytesEqual, utf8 } from './bytes';
import {
  InvalidInputError,
  InvalidSignatureError,
  NonDeterministicSignerError,
  RegisteredKeyMismatchError,
} from './errors';

export type KeyPair = { readonly publicKey: Uint8Array; readonly secretKey: Uint8Array };

/** Bumping this changes every derived key; it appears in the signed message and in HKDF's info. */
export const KEY_DERIVATION_VERSION = 1;
export const KEY_DERIVATION_SALT = 'chartkey/key-derivation-salt/v1';
export const KEY_DERIVATION_INFO = 'chartkey/x25519/v1';

/** Order of the secp256k1 group; needed to normalise s (EIP-2) and range-check r and s. */
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const SECP256K1_HALF_N = SECP256K1_N >> 1n;
const EIP2098_Y_PARITY_BIT = 1n << 255n;

/**
 * The exact text the wallet signs. It names the app and purpose, binds the chain and account,
 * and warns the user: anyone holding this signature can derive the key and read the records.
 * ASCII only, so every wallet renders it identically.
 */
export function keyDerivationMessage({ chainId, address }: { chainId: number; address: string }): string {
  if (!Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new InvalidInputError('The network id is not valid, so the key message cannot be prepared.');
  }
  if (!isAddress(address, { strict: false })) {
    throw new InvalidInputError('The account address is not valid, so the key message cannot be prepared.');
  }
  // Checksummed, so upper/lower-case variants of one address sign the same message.
  const account: Address = getAddress(address);
  return [
    'Chartkey: derive your record-encryption key',
    '',
    'Signing this creates the key that encrypts and decrypts your health records in Chartkey. It is free and does not send a transaction.',
    '',
    'Only sign this message in the Chartkey app. NEVER sign it on any other website: anyone with this signature can read your health records.',
    '',
    `Chain ID: ${chainId}`,
    `Address: ${account}`,
    `Key version: ${KEY_DERIVATION_VERSION}`,
  ].join('\n');
}

/**
 * Derives the X25519 key pair from a signature of `keyDerivationMessage`.
 *
 * Accepts 65-byte r‖s‖v (v ∈ {0, 1, 27, 28}) and 64-byte EIP-2098 compact r‖yParityAndS
 * signatures. The recovery bit is dropped and s is normalised to low-s, because both the
 * (r, s) and (r, n − s) forms are valid signatures of the same message and must give the
 * same key. The input keying material is r‖s (64 bytes, big-endian).
 */
export function deriveKeyPairFromSignature(signature: Hex): KeyPair {
  const { r, s } = parseSignature(signature);
  const lowS = s > SECP256K1_HALF_N ? SECP256K1_N - s : s;
  const ikm = new Uint8Array(64);
  ikm.set(bigintTo32Bytes(r), 0);
  ikm.set(bigintTo32Bytes(lowS), 32);
  const secretKey = hkdf(sha256, ikm, utf8(KEY_DERIVATION_SALT), utf8(KEY_DERIVATION_INFO), 32);
  ikm.fill(0);
  // tweetnacl clamps the scalar inside scalarMult, so any 32 bytes are a valid secret key.
  return nacl.box.keyPair.fromSecretKey(secretKey);
}

/**
 * Derives the key pair from two signatures of the same message and refuses when they
 * disagree. Signers that randomise their nonce (some hardware or MPC wallets) or smart-contract
 * wallets would otherwise hand out a different key each session and lock the user out.
 */
export function deriveKeyPairDeterministically(signatureA: Hex, signatureB: Hex): KeyPair {
  const first = deriveKeyPairFromSignature(signatureA);
  const second = deriveKeyPairFromSignature(signatureB);
  if (!bytesEqual(first.secretKey, second.secretKey)) {
    throw new NonDeterministicSignerError();
  }
  return first;
}

/** Throws unless the derived key is the one already registered on-chain for this account. */
export function assertMatchesRegisteredKey(keyPair: KeyPair, registeredPublicKey: Hex | Uint8Array): void {
  const registered = typeof registeredPublicKey === 'string' ? hexToPublicKey(registeredPublicKey) : registeredPublicKey;
  if (!bytesEqual(keyPair.publicKey, registered)) {
    throw new RegisteredKeyMismatchError();
  }
}

/** A 32-byte X25519 public key as a bytes32 hex string (how the contracts store it). */
export function publicKeyToHex(publicKey: Uint8Array): Hex {
  if (publicKey.length !== nacl.box.publicKeyLength) {
    throw new InvalidInputError('An encryption public key must be exactly 32 bytes.');
  }
  return bytesToHex(publicKey);
}

export function hexToPublicKey(hex: Hex): Uint8Array {
  if (!isHex(hex, { strict: true }) || hex.length !== 2 + 2 * nacl.box.publicKeyLength) {
    throw new InvalidInputError('An encryption public key must be a 32-byte hex value.');
  }
  return hexToBytes(hex);
}

function parseSignature(signature: Hex): { r: bigint; s: bigint } {
  if (typeof signature !== 'string' || !isHex(signature, { strict: true })) {
    throw new InvalidSignatureError();
  }
  const bytes = hexToBytes(signature);
  let r: bigint;
  let s: bigint;
  if (bytes.length === 65) {
    const v = bytes[64];
    if (v !== 0 && v !== 1 && v !== 27 && v !== 28) throw new InvalidSignatureError();
    r = bytesToBigint(bytes.subarray(0, 32));
    s = bytesToBigint(bytes.subarray(32, 64));
  } else if (bytes.length === 64) {
    // EIP-2098: the top bit of the second word carries y-parity; the rest is s.
    r = bytesToBigint(bytes.subarray(0, 32));
    s = bytesToBigint(bytes.subarray(32, 64)) & ~EIP2098_Y_PARITY_BIT;
  } else {
    throw new InvalidSignatureError();
  }
  if (r <= 0n || r >= SECP256K1_N || s <= 0n || s >= SECP256K1_N) {
    throw new InvalidSignatureError();
  }
  return { r, s };
}

function bytesToBigint(bytes: Uint8Array): bigint {
  return BigInt(bytesToHex(bytes));
}

function bigintTo32Bytes(value: bigint): Uint8Array {
  return hexToBytes(`0x${value.toString(16).padStart(64, '0')}`);
}
