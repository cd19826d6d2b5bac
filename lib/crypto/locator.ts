/**
 * Sealed locator: the record's CID and content key, encrypted to one reader's X25519 public
 * key so it can sit in calldata and event logs without revealing where the record lives or
 * who wrote it.
 *
 * Layout (see docs/envelope-v1.md §Locator): version(1) ‖ ephemeralPublicKey(32) ‖
 * box(contentKey(32) ‖ utf8(cid)). Everything after the version byte is byte-for-byte a
 * libsodium `crypto_box_seal` output (nonce = BLAKE2b-192(ephemeralPk ‖ readerPk)), so it can
 * be opened with any libsodium binding. Hand-assembled because tweetnacl has no sealed box.
 */
import { blake2b } from '@noble/hashes/blake2.js';
import nacl from 'tweetnacl';
import { hexToBytes, type Hex } from 'viem';
import { concatBytes, decodeUtf8Strict, utf8 } from './bytes';
import { CONTENT_KEY_BYTES } from './envelope-format';
import { InvalidInputError, InvalidShareError, UnsupportedVersionError, WrongKeyError } from './errors';
import type { KeyPair } from './keys';

export const LOCATOR_VERSION = 0x01;
/** Generous for any CIDv0/CIDv1 string, small enough to keep calldata cheap. */
export const MAX_CID_BYTES = 128;

const EPHEMERAL_KEY_BYTES = nacl.box.publicKeyLength;
const BOX_OVERHEAD = nacl.box.overheadLength;
const MIN_SEALED_BYTES = 1 + EPHEMERAL_KEY_BYTES + BOX_OVERHEAD + CONTENT_KEY_BYTES + 1;
const MAX_SEALED_BYTES = MIN_SEALED_BYTES - 1 + MAX_CID_BYTES;
/**
 * CIDs are multibase text (base32 `b…`, base58btc `Qm…`, base36 `k…`): letters and digits. Also
 * allowed: `-`, `_` and `:`, which no CID contains but the place-holder of a browser draft
 * (`chartkey-draft:<id>`, sealed to the patient only, never on-chain) does. Anything else in an
 * opened locator (a path, a URL, spaces) came from a hostile sender.
 */
const CID_TEXT = /^[A-Za-z0-9:_-]+$/;

export type RecordLocator = { readonly cid: string; readonly contentKey: Uint8Array };

export function sealLocator(
  locator: RecordLocator,
  readerPublicKey: Uint8Array,
  /** Test vectors only: a fixed ephemeral secret key. Never pass one in production. */
  opts?: { ephemeralSecretKey?: Uint8Array },
): Uint8Array {
  if (locator.contentKey.length !== CONTENT_KEY_BYTES) {
    throw new InvalidInputError('A record key must be exactly 32 bytes.');
  }
  const cidBytes = utf8(locator.cid);
  if (cidBytes.length === 0 || cidBytes.length > MAX_CID_BYTES || !CID_TEXT.test(locator.cid)) {
    throw new InvalidInputError('The record address is missing, too long or not a CID, so it cannot be shared.');
  }
  if (readerPublicKey.length !== nacl.box.publicKeyLength) {
    throw new InvalidInputError("The reader's encryption public key must be exactly 32 bytes.");
  }
  if (opts?.ephemeralSecretKey && opts.ephemeralSecretKey.length !== nacl.box.secretKeyLength) {
    throw new InvalidInputError('An ephemeral secret key must be exactly 32 bytes.');
  }
  const ephemeral = opts?.ephemeralSecretKey
    ? nacl.box.keyPair.fromSecretKey(opts.ephemeralSecretKey)
    : nacl.box.keyPair();
  const plaintext = concatBytes(locator.contentKey, cidBytes);
  const boxed = nacl.box(plaintext, sealNonce(ephemeral.publicKey, readerPublicKey), readerPublicKey, ephemeral.secretKey);
  plaintext.fill(0);
  ephemeral.secretKey.fill(0);
  return concatBytes(Uint8Array.of(LOCATOR_VERSION), ephemeral.publicKey, boxed);
}

export function openLocator(sealed: Uint8Array, readerKeyPair: KeyPair): { cid: string; contentKey: Uint8Array } {
  if (sealed.length < 1) throw new InvalidShareError();
  if (sealed[0] !== LOCATOR_VERSION) throw new UnsupportedVersionError();
  // Checked before any X25519 work, so an oversized blob costs the reader nothing.
  if (sealed.length < MIN_SEALED_BYTES || sealed.length > MAX_SEALED_BYTES) throw new InvalidShareError();
  const ephemeralPublicKey = sealed.subarray(1, 1 + EPHEMERAL_KEY_BYTES);
  const boxed = sealed.subarray(1 + EPHEMERAL_KEY_BYTES);
  const opened = nacl.box.open(
    boxed,
    sealNonce(ephemeralPublicKey, readerKeyPair.publicKey),
    ephemeralPublicKey,
    readerKeyPair.secretKey,
  );
  // A wrong reader key and a modified blob both fail authentication here; for a locator
  // fetched from the reader's own grant, "not for your key" is the helpful explanation.
  if (!opened) throw new WrongKeyError();
  const contentKey = opened.slice(0, CONTENT_KEY_BYTES);
  let cid: string;
  try {
    cid = decodeUtf8Strict(opened.subarray(CONTENT_KEY_BYTES));
  } catch (cause) {
    contentKey.fill(0);
    throw new InvalidShareError({ cause });
  } finally {
    opened.fill(0);
  }
  if (!CID_TEXT.test(cid)) {
    contentKey.fill(0);
    throw new InvalidShareError();
  }
  return { cid, contentKey };
}

/**
 * The CID behind a locator sealed to `keyPair`, or null when it is not sealed to it. Each locator
 * is opened once (an X25519 operation each), however often the records are checked again.
 */
export function cidOpener(keyPair: KeyPair): (locator: Hex) => string | null {
  const opened = new Map<Hex, string | null>();
  return (locator) => {
    if (!opened.has(locator)) {
      let cid: string | null = null;
      try {
        const opened = openLocator(hexToBytes(locator), keyPair);
        opened.contentKey.fill(0); // only the CID is wanted here
        cid = opened.cid;
      } catch {
        // Sealed to another key, or damaged: not a locator of this patient's.
      }
      opened.set(locator, cid);
    }
    return opened.get(locator) ?? null;
  };
}

/** libsodium's sealed-box nonce: BLAKE2b with a 24-byte digest over epk ‖ recipient pk. */
function sealNonce(ephemeralPublicKey: Uint8Array, readerPublicKey: Uint8Array): Uint8Array {
  return blake2b(concatBytes(ephemeralPublicKey, readerPublicKey), { dkLen: nacl.box.nonceLength });
}
