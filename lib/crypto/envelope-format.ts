/**
 * Envelope v1: constants and the pure, synchronous pieces of the format (header, nonces,
 * padding rule, metadata block). The byte-level specification is docs/envelope-v1.md; any
 * change here must be mirrored there and in the test vectors.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import nacl from 'tweetnacl';
import { bytesEqual, concatBytes, decodeUtf8Strict, readUint16BE, utf8, writeUint16BE, writeUint32BE } from './bytes';
import { InvalidInputError, TamperedError, TruncatedError, UnsupportedVersionError, WrongKeyError } from './errors';

export type RecordKind = 'document' | 'image' | 'note' | 'fhir' | 'other';
export const RECORD_KINDS: readonly RecordKind[] = ['document', 'image', 'note', 'fhir', 'other'];

export type RecordMetadata = {
  /** Original file name (or a title for notes). */
  name: string;
  /** IANA media type, e.g. "application/pdf". */
  mediaType: string;
  /** Exact plaintext size in bytes; checked again after decryption. */
  size: number;
  /** Milliseconds since the Unix epoch. */
  createdAt: number;
  kind: RecordKind;
};

/** ASCII "CKEN": lets a reader say "not a Chartkey record" before trying any key. */
export const ENVELOPE_MAGIC = Uint8Array.of(0x43, 0x4b, 0x45, 0x4e);
export const ENVELOPE_VERSION = 0x01;
/** Header flag bit 0: the body was compressed with raw DEFLATE (RFC 1951) before padding. */
export const FLAG_COMPRESSED = 0x01;
const KNOWN_FLAGS = FLAG_COMPRESSED;

export const CONTENT_KEY_BYTES = nacl.secretbox.keyLength; // 32
export const NONCE_PREFIX_BYTES = 16;
export const TAG_BYTES = nacl.secretbox.overheadLength; // 16
export const COMMITMENT_BYTES = 32;
/** v1 writes and accepts only 64 KiB plaintext chunks. */
export const CHUNK_SIZE_LOG2 = 16;
export const CHUNK_SIZE = 2 ** CHUNK_SIZE_LOG2;
export const CHUNK_CIPHERTEXT_SIZE = CHUNK_SIZE + TAG_BYTES;

// Header field offsets (docs/envelope-v1.md §Header).
const OFFSET_MAGIC = 0;
const OFFSET_VERSION = 4;
const OFFSET_FLAGS = 5;
const OFFSET_CHUNK_LOG2 = 6;
const OFFSET_NONCE_PREFIX = 7;
const OFFSET_METADATA_LENGTH = 23;
const OFFSET_COMMITMENT = 25;
/** Bytes covered by the key commitment: everything in the header before the commitment. */
const COMMITTED_HEADER_BYTES = OFFSET_COMMITMENT;
export const HEADER_BYTES = OFFSET_COMMITMENT + COMMITMENT_BYTES; // 57

export const COMMITMENT_LABEL = 'chartkey/commit/v1';

/** Metadata plaintext is padded to a multiple of this, so its length hides the name's length. */
export const METADATA_PADDING_UNIT = 256;
export const MAX_METADATA_PLAINTEXT_BYTES = 4096;
/** Reading this many leading bytes of any v1 envelope is always enough for `readRecordMetadata`. */
export const MAX_METADATA_PREFIX_BYTES = HEADER_BYTES + MAX_METADATA_PLAINTEXT_BYTES + TAG_BYTES;

/** Padding: the smallest padded body, and the step size above 1 MiB. */
export const MIN_PADDED_BODY_BYTES = 256;
export const LARGE_PADDING_STEP_BYTES = 1024 * 1024;
/** ISO/IEC 7816-4 padding marker: body ‖ 0x80 ‖ 0x00… */
export const PADDING_MARKER = 0x80;

const NONCE_FLAG_FINAL = 0x01;
const NONCE_FLAG_METADATA = 0x02;

export type EnvelopeHeader = {
  readonly compressed: boolean;
  readonly noncePrefix: Uint8Array;
  readonly metadataCiphertextLength: number;
};

/**
 * Padded body length for a body of `bodyLength` bytes (after optional compression): room for
 * the body plus the 0x80 marker, rounded up to a power of two (at least 256 B) up to 1 MiB,
 * then to a multiple of 1 MiB. Ciphertext size therefore reveals only the bucket.
 */
export function paddedBodyLength(bodyLength: number): number {
  const needed = bodyLength + 1;
  if (needed <= LARGE_PADDING_STEP_BYTES) {
    let bucket = MIN_PADDED_BODY_BYTES;
    while (bucket < needed) bucket *= 2;
    return bucket;
  }
  return Math.ceil(needed / LARGE_PADDING_STEP_BYTES) * LARGE_PADDING_STEP_BYTES;
}

export function isValidPaddedBodyLength(length: number): boolean {
  return length >= MIN_PADDED_BODY_BYTES && paddedBodyLength(length - 1) === length;
}

/** Number of body chunks for a padded body length: one short chunk below 64 KiB, else full chunks. */
export function bodyChunkCount(paddedLength: number): number {
  return paddedLength < CHUNK_SIZE ? 1 : paddedLength / CHUNK_SIZE;
}

/**
 * 24-byte XSalsa20 nonce: prefix(16) ‖ index uint32 BE(4) ‖ flags(1) ‖ 0x000000.
 * Binding the index stops reordering, the final flag stops truncation at a chunk boundary,
 * and the per-record random prefix stops chunks moving between records.
 */
export function bodyChunkNonce(noncePrefix: Uint8Array, index: number, final: boolean): Uint8Array {
  return buildNonce(noncePrefix, index, final ? NONCE_FLAG_FINAL : 0);
}

export function metadataNonce(noncePrefix: Uint8Array): Uint8Array {
  return buildNonce(noncePrefix, 0, NONCE_FLAG_METADATA);
}

function buildNonce(noncePrefix: Uint8Array, index: number, flags: number): Uint8Array {
  if (!Number.isInteger(index) || index < 0 || index > 0xffffffff) {
    throw new InvalidInputError('This record is too large to encrypt.');
  }
  const nonce = new Uint8Array(nacl.secretbox.nonceLength);
  nonce.set(noncePrefix, 0);
  writeUint32BE(nonce, NONCE_PREFIX_BYTES, index);
  nonce[NONCE_PREFIX_BYTES + 4] = flags;
  return nonce;
}

/**
 * HMAC-SHA256(contentKey, "chartkey/commit/v1" ‖ header[0..25)). XSalsa20-Poly1305 is not
 * key-committing (one ciphertext can be crafted to open under two keys); checking this first
 * binds the envelope to exactly one content key and authenticates every header field.
 */
function headerCommitment(contentKey: Uint8Array, committedHeader: Uint8Array): Uint8Array {
  return hmac(sha256, contentKey, concatBytes(utf8(COMMITMENT_LABEL), committedHeader));
}

export function encodeHeader(header: EnvelopeHeader, contentKey: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  bytes.set(ENVELOPE_MAGIC, OFFSET_MAGIC);
  bytes[OFFSET_VERSION] = ENVELOPE_VERSION;
  bytes[OFFSET_FLAGS] = header.compressed ? FLAG_COMPRESSED : 0;
  bytes[OFFSET_CHUNK_LOG2] = CHUNK_SIZE_LOG2;
  bytes.set(header.noncePrefix, OFFSET_NONCE_PREFIX);
  writeUint16BE(bytes, OFFSET_METADATA_LENGTH, header.metadataCiphertextLength);
  bytes.set(headerCommitment(contentKey, bytes.subarray(0, COMMITTED_HEADER_BYTES)), OFFSET_COMMITMENT);
  return bytes;
}

/**
 * Parses and authenticates the header. `bytes` may be shorter than a header when the
 * envelope was cut off; that is reported as truncation, not tampering.
 */
export function parseHeader(bytes: Uint8Array, contentKey: Uint8Array): EnvelopeHeader {
  if (bytes.length < OFFSET_VERSION + 1) throw new TruncatedError();
  if (!ENVELOPE_MAGIC.every((byte, i) => bytes[OFFSET_MAGIC + i] === byte)) throw new TamperedError();
  if (bytes[OFFSET_VERSION] !== ENVELOPE_VERSION) throw new UnsupportedVersionError();
  if (bytes.length < HEADER_BYTES) throw new TruncatedError();
  const expected = headerCommitment(contentKey, bytes.subarray(0, COMMITTED_HEADER_BYTES));
  if (!bytesEqual(expected, bytes.subarray(OFFSET_COMMITMENT, HEADER_BYTES))) throw new WrongKeyError();

  // Everything below was authenticated by the commitment, so an odd value means a writer we
  // don't understand (newer flags) or a broken writer, never random corruption.
  const layout = readHeaderLayout(bytes);
  if (layout === 'unsupported') throw new UnsupportedVersionError();
  if (layout === 'malformed') throw new TamperedError();
  return {
    compressed: layout.compressed,
    noncePrefix: bytes.slice(OFFSET_NONCE_PREFIX, OFFSET_NONCE_PREFIX + NONCE_PREFIX_BYTES),
    metadataCiphertextLength: layout.metadataCiphertextLength,
  };
}

/**
 * The header's flags, chunk size and metadata length, judged without the key (§3.1 checks 6–7):
 * 'unsupported' for unknown flag bits or a chunk size other than 64 KiB, 'malformed' for a
 * metadata length not of the form 16 + 256·j with 1 ≤ j ≤ 16. `parseHeader` calls it only after
 * the commitment verified; the storage route uses it to refuse what cannot be an envelope.
 */
export function readHeaderLayout(bytes: Uint8Array): { compressed: boolean; metadataCiphertextLength: number } | 'unsupported' | 'malformed' {
  const flags = bytes[OFFSET_FLAGS] ?? 0;
  if ((flags & ~KNOWN_FLAGS) !== 0) return 'unsupported';
  if (bytes[OFFSET_CHUNK_LOG2] !== CHUNK_SIZE_LOG2) return 'unsupported';
  const metadataCiphertextLength = readUint16BE(bytes, OFFSET_METADATA_LENGTH);
  const metadataPlaintextLength = metadataCiphertextLength - TAG_BYTES;
  if (
    metadataPlaintextLength < METADATA_PADDING_UNIT ||
    metadataPlaintextLength > MAX_METADATA_PLAINTEXT_BYTES ||
    metadataPlaintextLength % METADATA_PADDING_UNIT !== 0
  ) {
    return 'malformed';
  }
  return { compressed: (flags & FLAG_COMPRESSED) !== 0, metadataCiphertextLength };
}

export function validateMetadata(metadata: RecordMetadata): void {
  if (typeof metadata.name !== 'string' || typeof metadata.mediaType !== 'string') {
    throw new InvalidInputError('The record needs a name and a file type.');
  }
  if (!Number.isSafeInteger(metadata.size) || metadata.size < 0) {
    throw new InvalidInputError('The record size is not a valid number of bytes.');
  }
  if (!Number.isSafeInteger(metadata.createdAt) || metadata.createdAt < 0) {
    throw new InvalidInputError('The record date is not valid.');
  }
  if (!RECORD_KINDS.includes(metadata.kind)) {
    throw new InvalidInputError('The record type is not one Chartkey knows.');
  }
}

/**
 * Metadata plaintext: UTF-8 JSON with keys in the fixed order name, mediaType, size,
 * createdAt, kind; then 0x80 and zero bytes up to the next multiple of 256 bytes.
 */
export function encodeMetadata(metadata: RecordMetadata): Uint8Array {
  validateMetadata(metadata);
  const json = utf8(
    JSON.stringify({
      name: metadata.name,
      mediaType: metadata.mediaType,
      size: metadata.size,
      createdAt: metadata.createdAt,
      kind: metadata.kind,
    }),
  );
  const paddedLength = Math.ceil((json.length + 1) / METADATA_PADDING_UNIT) * METADATA_PADDING_UNIT;
  if (paddedLength > MAX_METADATA_PLAINTEXT_BYTES) {
    throw new InvalidInputError('The file name or type is too long. Please shorten the name and try again.');
  }
  const padded = new Uint8Array(paddedLength);
  padded.set(json, 0);
  padded[json.length] = PADDING_MARKER;
  return padded;
}

/** Inverse of `encodeMetadata`; anything malformed was written by a broken or hostile writer. */
export function decodeMetadata(padded: Uint8Array): RecordMetadata {
  const markerIndex = lastNonZeroIndex(padded);
  if (markerIndex < 0 || padded[markerIndex] !== PADDING_MARKER) throw new TamperedError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeUtf8Strict(padded.subarray(0, markerIndex)));
  } catch (cause) {
    throw new TamperedError({ cause });
  }
  if (typeof parsed !== 'object' || parsed === null) throw new TamperedError();
  const fields = parsed as Record<string, unknown>;
  const { name, mediaType, size, createdAt, kind } = fields;
  if (
    typeof name !== 'string' ||
    typeof mediaType !== 'string' ||
    typeof size !== 'number' ||
    typeof createdAt !== 'number' ||
    typeof kind !== 'string' ||
    !isRecordKind(kind) ||
    !Number.isSafeInteger(size) ||
    size < 0 ||
    !Number.isSafeInteger(createdAt) ||
    createdAt < 0
  ) {
    throw new TamperedError();
  }
  return { name, mediaType, size, createdAt, kind };
}

function isRecordKind(value: string): value is RecordKind {
  return (RECORD_KINDS as readonly string[]).includes(value);
}

export function lastNonZeroIndex(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0; i--) {
    if (bytes[i] !== 0) return i;
  }
  return -1;
}
