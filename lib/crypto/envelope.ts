/**
 * Envelope v1 encryption and decryption (docs/envelope-v1.md), streaming at the core so a
 * 200 MB file is processed one 64 KiB chunk at a time; `encryptRecord`/`decryptRecord` are
 * thin in-memory wrappers over the same code.
 */
import nacl from 'tweetnacl';
import { MAX_RECORD_BYTES } from '@/lib/limits';
import { concatBytes } from './bytes';
import { CryptoError, InvalidInputError, TamperedError, TruncatedError } from './errors';
import {
  CHUNK_CIPHERTEXT_SIZE,
  CHUNK_SIZE,
  CONTENT_KEY_BYTES,
  HEADER_BYTES,
  MIN_PADDED_BODY_BYTES,
  NONCE_PREFIX_BYTES,
  PADDING_MARKER,
  TAG_BYTES,
  bodyChunkCount,
  bodyChunkNonce,
  decodeMetadata,
  encodeHeader,
  encodeMetadata,
  isValidPaddedBodyLength,
  lastNonZeroIndex,
  metadataNonce,
  paddedBodyLength,
  parseHeader,
  type EnvelopeHeader,
  type RecordMetadata,
} from './envelope-format';
import {
  ByteReader,
  collectBytes,
  iterableToReadable,
  readableToIterable,
  throughTransform,
  type ByteSource,
} from './streams';

/** Called with plaintext bytes processed so far and the record's total plaintext size. */
export type ProgressCallback = (done: number, total: number) => void;

export type EncryptOptions = {
  /** Test vectors only. A fresh random key is generated when omitted. */
  contentKey?: Uint8Array;
  /** Test vectors only. Never reuse a prefix with the same key. */
  noncePrefix?: Uint8Array;
  onProgress?: ProgressCallback;
};

export type DecryptOptions = {
  onProgress?: ProgressCallback;
  /** Called once the metadata block has been decrypted, before any body bytes. */
  onMetadata?: (metadata: RecordMetadata) => void;
  /**
   * The most plaintext this reader accepts, whatever the record's metadata claims (default: the
   * product's record limit). Only measurements of larger inputs raise it.
   */
  maxPlaintextBytes?: number;
};

/**
 * Compress only when raw DEFLATE shrinks the first chunk by at least this fraction: photos,
 * PDFs and archives are already compressed and would only pay the CPU cost.
 */
const COMPRESSION_MIN_SAVING = 0.1;
const COMPRESSION_FORMAT = 'deflate-raw';

export function generateContentKey(): Uint8Array {
  return nacl.randomBytes(CONTENT_KEY_BYTES);
}

// ---------------------------------------------------------------------------------------------
// Encryption

/**
 * Streaming encryption. Returns the content key (random unless injected) and the envelope as
 * an async iterable of byte chunks. Input is read lazily as the output is consumed.
 *
 * `metadata.size` must equal the number of plaintext bytes the source yields; otherwise the
 * output stream fails before its final chunk, so a partial envelope can never decrypt.
 */
export function encryptRecordChunks(
  source: ByteSource,
  metadata: RecordMetadata,
  opts: EncryptOptions = {},
): { contentKey: Uint8Array; envelopeChunks: AsyncGenerator<Uint8Array> } {
  const contentKey = opts.contentKey ?? generateContentKey();
  const noncePrefix = opts.noncePrefix ?? nacl.randomBytes(NONCE_PREFIX_BYTES);
  if (contentKey.length !== CONTENT_KEY_BYTES) throw new InvalidInputError('A record key must be exactly 32 bytes.');
  if (noncePrefix.length !== NONCE_PREFIX_BYTES) throw new InvalidInputError('A nonce prefix must be exactly 16 bytes.');
  const metadataPlaintext = encodeMetadata(metadata); // validates metadata eagerly
  return {
    contentKey,
    envelopeChunks: encryptGenerator(source, metadata, metadataPlaintext, contentKey, noncePrefix, opts.onProgress),
  };
}

async function* encryptGenerator(
  source: ByteSource,
  metadata: RecordMetadata,
  metadataPlaintext: Uint8Array,
  contentKey: Uint8Array,
  noncePrefix: Uint8Array,
  onProgress: ProgressCallback | undefined,
): AsyncGenerator<Uint8Array> {
  const input = new ByteReader(countPlaintext(source, metadata.size, onProgress));
  try {
    const sample = await input.read(CHUNK_SIZE);
    const compressed = await compressesWell(sample);
    const header: EnvelopeHeader = {
      compressed,
      noncePrefix,
      metadataCiphertextLength: metadataPlaintext.length + TAG_BYTES,
    };
    yield concatBytes(
      encodeHeader(header, contentKey),
      nacl.secretbox(metadataPlaintext, metadataNonce(noncePrefix), contentKey),
    );

    const plaintext = prepend(sample, input.remaining());
    const body = compressed ? throughTransform(plaintext, new CompressionStream(COMPRESSION_FORMAT)) : plaintext;

    // Full chunks of body are never final (the 0x80 marker always follows the body), so they
    // are sealed and emitted as soon as they fill: one chunk of plaintext in memory at a time.
    const chunk = new Uint8Array(CHUNK_SIZE);
    let filled = 0;
    let index = 0;
    let bodyLength = 0;
    for await (const piece of body) {
      bodyLength += piece.length;
      let offset = 0;
      while (offset < piece.length) {
        const n = Math.min(CHUNK_SIZE - filled, piece.length - offset);
        chunk.set(piece.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled === CHUNK_SIZE) {
          yield nacl.secretbox(chunk, bodyChunkNonce(noncePrefix, index, false), contentKey);
          index += 1;
          filled = 0;
        }
      }
    }

    // Padding: marker, then zeros up to the bucket, spread over the remaining chunks.
    const paddedLength = paddedBodyLength(bodyLength);
    const chunkCount = bodyChunkCount(paddedLength);
    const lastChunkSize = Math.min(CHUNK_SIZE, paddedLength);
    chunk[filled] = PADDING_MARKER;
    chunk.fill(0, filled + 1);
    for (; index < chunkCount; index++) {
      const final = index === chunkCount - 1;
      const plaintextChunk = final ? chunk.subarray(0, lastChunkSize) : chunk;
      yield nacl.secretbox(plaintextChunk, bodyChunkNonce(noncePrefix, index, final), contentKey);
      chunk.fill(0);
    }
  } finally {
    await input.close();
  }
}

async function* prepend(first: Uint8Array, rest: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (first.length > 0) yield first;
  yield* rest;
}

/** Counts plaintext as it is read, reports progress, and enforces `metadata.size`. */
async function* countPlaintext(
  source: ByteSource,
  expectedSize: number,
  onProgress: ProgressCallback | undefined,
): AsyncGenerator<Uint8Array> {
  let done = 0;
  onProgress?.(0, expectedSize);
  for await (const piece of source) {
    if (!(piece instanceof Uint8Array)) {
      throw new InvalidInputError('Encryption expects the file contents as bytes (Uint8Array).');
    }
    done += piece.length;
    if (done > expectedSize) throw sizeMismatch();
    yield piece;
    onProgress?.(done, expectedSize);
  }
  if (done !== expectedSize) throw sizeMismatch();
}

function sizeMismatch(): InvalidInputError {
  return new InvalidInputError(
    "The file's size changed while it was being encrypted, or doesn't match its details. Please choose the file again.",
  );
}

async function compressesWell(sample: Uint8Array): Promise<boolean> {
  if (sample.length === 0) return false;
  const compressed = await collectBytes(throughTransform([sample], new CompressionStream(COMPRESSION_FORMAT)));
  return compressed.length <= sample.length * (1 - COMPRESSION_MIN_SAVING);
}

// ---------------------------------------------------------------------------------------------
// Decryption

/**
 * Streaming decryption: yields plaintext as each chunk authenticates.
 *
 * Bytes yielded before an error are authentic but possibly incomplete; a consumer that acts
 * on partial output must discard it if the iteration throws (truncation is only detectable
 * at the end). `decryptRecord` does this for you.
 */
export async function* decryptRecordChunks(
  source: ByteSource,
  contentKey: Uint8Array,
  opts: DecryptOptions = {},
): AsyncGenerator<Uint8Array> {
  if (contentKey.length !== CONTENT_KEY_BYTES) throw new InvalidInputError('A record key must be exactly 32 bytes.');
  const reader = new ByteReader(source);
  try {
    const header = parseHeader(await reader.read(HEADER_BYTES), contentKey);
    const metadata = openMetadataBlock(await reader.read(header.metadataCiphertextLength), header, contentKey);
    // The writer chooses metadata.size, so it cannot be what bounds decompression on its own: a
    // 262 KB envelope claiming 256 MiB would otherwise inflate to 256 MiB in the reader's browser.
    if (metadata.size > (opts.maxPlaintextBytes ?? MAX_RECORD_BYTES)) throw new TamperedError();
    opts.onMetadata?.(metadata);
    opts.onProgress?.(0, metadata.size);

    const body = stripPadding(openBodyChunks(reader, header.noncePrefix, contentKey));
    const plaintext = header.compressed ? inflate(body) : body;
    let produced = 0;
    for await (const piece of plaintext) {
      produced += piece.length;
      // Stops inflating at the declared size, which is itself within the reader's limit (above).
      if (produced > metadata.size) throw new TamperedError();
      yield piece;
      opts.onProgress?.(produced, metadata.size);
    }
    if (produced !== metadata.size) throw new TamperedError();
  } finally {
    await reader.close();
  }
}

function openMetadataBlock(ciphertext: Uint8Array, header: EnvelopeHeader, contentKey: Uint8Array): RecordMetadata {
  if (ciphertext.length < header.metadataCiphertextLength) throw new TruncatedError();
  const padded = nacl.secretbox.open(ciphertext, metadataNonce(header.noncePrefix), contentKey);
  if (!padded) throw new TamperedError();
  return decodeMetadata(padded);
}

/** Decrypts body chunks in order, yielding padded plaintext chunks. */
async function* openBodyChunks(
  reader: ByteReader,
  noncePrefix: Uint8Array,
  contentKey: Uint8Array,
): AsyncGenerator<Uint8Array> {
  let paddedLength = 0;
  for (let index = 0; ; index++) {
    const ciphertext = await reader.read(CHUNK_CIPHERTEXT_SIZE);
    // Every envelope has at least one body chunk, and the stream only continues past a chunk
    // that opened as non-final, so running out here means the end was cut off.
    if (ciphertext.length === 0) throw new TruncatedError();
    const isLast = await reader.atEnd();
    let plaintext: Uint8Array | null;
    if (!isLast) {
      plaintext = nacl.secretbox.open(ciphertext, bodyChunkNonce(noncePrefix, index, false), contentKey);
      if (!plaintext) throw new TamperedError();
    } else {
      if (!hasFinalChunkShape(index, ciphertext.length)) throw new TruncatedError();
      plaintext = nacl.secretbox.open(ciphertext, bodyChunkNonce(noncePrefix, index, true), contentKey);
      if (!plaintext) {
        // Authentic as a middle chunk: the chunks after it were cut off.
        const middle = nacl.secretbox.open(ciphertext, bodyChunkNonce(noncePrefix, index, false), contentKey);
        throw middle ? new TruncatedError() : new TamperedError();
      }
    }
    paddedLength += plaintext.length;
    yield plaintext;
    if (isLast) break;
  }
  if (!isValidPaddedBodyLength(paddedLength)) throw new TamperedError();
}

/** The last chunk is a full chunk, or — as the only chunk — a power-of-two bucket below 64 KiB. */
function hasFinalChunkShape(index: number, ciphertextLength: number): boolean {
  if (ciphertextLength === CHUNK_CIPHERTEXT_SIZE) return true;
  const plaintextLength = ciphertextLength - TAG_BYTES;
  return (
    index === 0 &&
    plaintextLength >= MIN_PADDED_BODY_BYTES &&
    plaintextLength < CHUNK_SIZE &&
    (plaintextLength & (plaintextLength - 1)) === 0
  );
}

/**
 * Removes the trailing `0x80 00…` padding without buffering it: the padding can span many
 * chunks, so the last non-zero byte seen and the count of zeros after it are held back until
 * either more data proves they belong to the body or the stream ends.
 */
async function* stripPadding(paddedChunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let heldByte: number | undefined;
  let heldZeros = 0;
  for await (const chunk of paddedChunks) {
    const last = lastNonZeroIndex(chunk);
    if (last < 0) {
      heldZeros += chunk.length;
      continue;
    }
    if (heldByte !== undefined) {
      yield Uint8Array.of(heldByte);
      yield* zeros(heldZeros);
    }
    if (last > 0) yield chunk.subarray(0, last);
    heldByte = chunk[last];
    heldZeros = chunk.length - last - 1;
  }
  if (heldByte !== PADDING_MARKER) throw new TamperedError();
}

function* zeros(count: number): Generator<Uint8Array> {
  for (let left = count; left > 0; left -= CHUNK_SIZE) yield new Uint8Array(Math.min(left, CHUNK_SIZE));
}

async function* inflate(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* throughTransform(body, new DecompressionStream(COMPRESSION_FORMAT));
  } catch (error) {
    if (error instanceof CryptoError) throw error;
    // Authenticated but undecodable: written by a broken or hostile writer.
    throw new TamperedError({ cause: error });
  }
}

// ---------------------------------------------------------------------------------------------
// In-memory and Streams API wrappers

export async function encryptRecord(
  plaintext: Uint8Array,
  metadata: RecordMetadata,
  opts?: EncryptOptions,
): Promise<{ envelope: Uint8Array; contentKey: Uint8Array }> {
  const { contentKey, envelopeChunks } = encryptRecordChunks([plaintext], metadata, opts);
  return { envelope: await collectBytes(envelopeChunks), contentKey };
}

export async function decryptRecord(
  envelope: Uint8Array,
  contentKey: Uint8Array,
  opts?: Pick<DecryptOptions, 'onProgress' | 'maxPlaintextBytes'>,
): Promise<{ plaintext: Uint8Array; metadata: RecordMetadata }> {
  let metadata: RecordMetadata | undefined;
  const plaintext = await collectBytes(
    decryptRecordChunks([envelope], contentKey, {
      onProgress: opts?.onProgress,
      maxPlaintextBytes: opts?.maxPlaintextBytes,
      onMetadata: (m) => {
        metadata = m;
      },
    }),
  );
  if (!metadata) throw new TruncatedError(); // unreachable: decryption reads metadata first
  return { plaintext, metadata };
}

/**
 * Reads only the metadata block, from the first bytes of an envelope (at most
 * `MAX_METADATA_PREFIX_BYTES`; exactly `HEADER_BYTES + metadata length` suffice).
 */
export function readRecordMetadata(envelopePrefix: Uint8Array, contentKey: Uint8Array): RecordMetadata {
  if (contentKey.length !== CONTENT_KEY_BYTES) throw new InvalidInputError('A record key must be exactly 32 bytes.');
  const header = parseHeader(envelopePrefix.subarray(0, HEADER_BYTES), contentKey);
  const ciphertext = envelopePrefix.subarray(HEADER_BYTES, HEADER_BYTES + header.metadataCiphertextLength);
  return openMetadataBlock(ciphertext, header, contentKey);
}

/**
 * Streams API form: `file.stream().pipeThrough(stream)` yields the envelope.
 * The pair's readable errors (and the writable is cancelled) on any failure.
 */
export function createEncryptStream(
  metadata: RecordMetadata,
  opts?: EncryptOptions,
): { stream: ReadableWritablePair<Uint8Array, Uint8Array>; contentKey: Uint8Array } {
  const input = new TransformStream<Uint8Array, Uint8Array>();
  const { contentKey, envelopeChunks } = encryptRecordChunks(readableToIterable(input.readable), metadata, opts);
  return { stream: { writable: input.writable, readable: iterableToReadable(envelopeChunks) }, contentKey };
}

/** Streams API form of decryption; `metadata` resolves before the first plaintext byte. */
export function createDecryptStream(
  contentKey: Uint8Array,
  opts?: { onProgress?: ProgressCallback },
): { stream: ReadableWritablePair<Uint8Array, Uint8Array>; metadata: Promise<RecordMetadata> } {
  const input = new TransformStream<Uint8Array, Uint8Array>();
  let resolveMetadata: (metadata: RecordMetadata) => void = () => undefined;
  let rejectMetadata: (error: unknown) => void = () => undefined;
  const metadata = new Promise<RecordMetadata>((resolve, reject) => {
    resolveMetadata = resolve;
    rejectMetadata = reject;
  });
  // The caller may only care about the plaintext; don't report an unhandled rejection for it.
  metadata.catch(() => undefined);
  async function* run(): AsyncGenerator<Uint8Array> {
    try {
      yield* decryptRecordChunks(readableToIterable(input.readable), contentKey, {
        onProgress: opts?.onProgress,
        onMetadata: resolveMetadata,
      });
    } catch (error) {
      rejectMetadata(error);
      throw error;
    }
  }
  return { stream: { writable: input.writable, readable: iterableToReadable(run()) }, metadata };
}
