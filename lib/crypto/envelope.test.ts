import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES } from '@/lib/limits';
import { concatBytes } from './bytes';
import {
  CHUNK_SIZE,
  CryptoError,
  HEADER_BYTES,
  InvalidInputError,
  MAX_METADATA_PREFIX_BYTES,
  TamperedError,
  TruncatedError,
  UnsupportedVersionError,
  WrongKeyError,
  createDecryptStream,
  createEncryptStream,
  decryptRecord,
  decryptRecordChunks,
  encryptRecord,
  encryptRecordChunks,
  generateContentKey,
  paddedBodyLength,
  readRecordMetadata,
  type RecordMetadata,
} from './index';
import {
  CHUNK_CIPHERTEXT_SIZE,
  PADDING_MARKER,
  TAG_BYTES,
  bodyChunkNonce,
  encodeHeader,
  encodeMetadata,
  metadataNonce,
} from './envelope-format';
import { collectBytes, iterableToReadable, readableToIterable, throughTransform } from './streams';

const meta = (size: number, overrides: Partial<RecordMetadata> = {}): RecordMetadata => ({
  name: 'lab-results.pdf',
  mediaType: 'application/pdf',
  size,
  createdAt: 1_714_000_000_000,
  kind: 'document',
  ...overrides,
});

/** Incompressible plaintext, so sizes and chunk counts are predictable. */
function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let offset = 0; offset < length; offset += 65536) {
    globalThis.crypto.getRandomValues(out.subarray(offset, Math.min(length, offset + 65536)));
  }
  return out;
}

function bodyOffset(envelope: Uint8Array): number {
  return HEADER_BYTES + ((envelope[23] ?? 0) << 8) + (envelope[24] ?? 0);
}

function splitChunks(envelope: Uint8Array): { prefix: Uint8Array; chunks: Uint8Array[] } {
  const start = bodyOffset(envelope);
  const chunks: Uint8Array[] = [];
  for (let offset = start; offset < envelope.length; offset += CHUNK_CIPHERTEXT_SIZE) {
    chunks.push(envelope.subarray(offset, Math.min(envelope.length, offset + CHUNK_CIPHERTEXT_SIZE)));
  }
  return { prefix: envelope.subarray(0, start), chunks };
}

async function decryptError(envelope: Uint8Array, key: Uint8Array): Promise<unknown> {
  try {
    await decryptRecord(envelope, key);
  } catch (error) {
    return error;
  }
  return undefined;
}

function pieces(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) out.push(bytes.slice(offset, offset + size));
  return out;
}

describe('round trips', () => {
  const cases: Array<[string, Uint8Array]> = [
    ['0 bytes', new Uint8Array(0)],
    ['1 byte', Uint8Array.of(0x42)],
    ['a body that fills exactly one chunk', randomBytes(CHUNK_SIZE - 1)],
    ['exactly one chunk of plaintext (marker spills into a second chunk)', randomBytes(CHUNK_SIZE)],
    ['many chunks', randomBytes(5 * CHUNK_SIZE + 12345)],
    ['data ending in zero bytes', concatBytes(randomBytes(1000), new Uint8Array(3 * CHUNK_SIZE))],
    ['data ending in the padding marker', Uint8Array.of(1, 2, PADDING_MARKER)],
  ];

  it.each(cases)('%s', async (_label, plaintext) => {
    const metadata = meta(plaintext.length);
    const { envelope, contentKey } = await encryptRecord(plaintext, metadata);
    const opened = await decryptRecord(envelope, contentKey);
    expect(Buffer.from(opened.plaintext).equals(Buffer.from(plaintext))).toBe(true);
    expect(opened.metadata).toEqual(metadata);
  });

  it('chunk layout matches the padding rule', async () => {
    const oneChunkBody = await encryptRecord(randomBytes(CHUNK_SIZE - 1), meta(CHUNK_SIZE - 1));
    expect(splitChunks(oneChunkBody.envelope).chunks.map((c) => c.length)).toEqual([CHUNK_CIPHERTEXT_SIZE]);
    const tiny = await encryptRecord(Uint8Array.of(1), meta(1));
    expect(splitChunks(tiny.envelope).chunks.map((c) => c.length)).toEqual([256 + TAG_BYTES]);
    const many = await encryptRecord(randomBytes(5 * CHUNK_SIZE), meta(5 * CHUNK_SIZE));
    // 5 × 64 KiB + marker → 512 KiB bucket → 8 full chunks.
    expect(splitChunks(many.envelope).chunks.map((c) => c.length)).toEqual(Array(8).fill(CHUNK_CIPHERTEXT_SIZE));
  });

  it('compresses text and leaves incompressible data alone', async () => {
    const text = new TextEncoder().encode('Haemoglobin 14.1 g/dL; platelets normal. '.repeat(4000));
    const compressed = await encryptRecord(text, meta(text.length, { mediaType: 'text/plain', kind: 'note' }));
    expect(compressed.envelope[5]).toBe(1);
    expect(compressed.envelope.length).toBeLessThan(text.length / 10);
    expect((await decryptRecord(compressed.envelope, compressed.contentKey)).plaintext).toEqual(text);

    const random = randomBytes(100_000);
    const stored = await encryptRecord(random, meta(random.length));
    expect(stored.envelope[5]).toBe(0);
  });

  it('uses a fresh key and nonce prefix per record', async () => {
    const a = await encryptRecord(Uint8Array.of(1), meta(1));
    const b = await encryptRecord(Uint8Array.of(1), meta(1));
    expect(Buffer.from(a.contentKey).equals(Buffer.from(b.contentKey))).toBe(false);
    expect(Buffer.from(a.envelope.subarray(7, 23)).equals(Buffer.from(b.envelope.subarray(7, 23)))).toBe(false);
  });
});

describe('size hiding', () => {
  it('pads files of different sizes and names in the same bucket to the same length', async () => {
    const a = await encryptRecord(randomBytes(70_000), meta(70_000, { name: 'a.pdf' }));
    const b = await encryptRecord(randomBytes(120_000), meta(120_000, { name: 'a much longer file name for the same test.pdf' }));
    expect(a.envelope.length).toBe(b.envelope.length);
  });

  it('follows the documented buckets', () => {
    expect(paddedBodyLength(0)).toBe(256);
    expect(paddedBodyLength(255)).toBe(256);
    expect(paddedBodyLength(256)).toBe(512);
    expect(paddedBodyLength(CHUNK_SIZE - 1)).toBe(CHUNK_SIZE);
    expect(paddedBodyLength(1024 * 1024 - 1)).toBe(1024 * 1024);
    expect(paddedBodyLength(1024 * 1024)).toBe(2 * 1024 * 1024);
    expect(paddedBodyLength(5 * 1024 * 1024 + 3)).toBe(6 * 1024 * 1024);
  });
});

describe('tampering', () => {
  it('rejects every single-bit flip of a small envelope', async () => {
    const { envelope, contentKey } = await encryptRecord(Uint8Array.of(7, 8, 9), meta(3));
    expect(envelope.length).toBe(HEADER_BYTES + 256 + TAG_BYTES + 256 + TAG_BYTES);
    const codes = new Set<string>();
    for (let bit = 0; bit < envelope.length * 8; bit++) {
      const changed = envelope.slice();
      changed[bit >> 3] = (changed[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      const error = await decryptError(changed, contentKey);
      expect(error, `bit ${bit} was not detected`).toBeInstanceOf(CryptoError);
      codes.add((error as CryptoError).code);
      // Version byte → unsupported; header → wrong key (commitment); body/metadata → tampered.
      const byte = bit >> 3;
      const expected = byte === 4 ? 'crypto.unsupported-version' : byte < 4 ? 'crypto.tampered' : byte < HEADER_BYTES ? 'crypto.wrong-key' : 'crypto.tampered';
      expect((error as CryptoError).code, `bit ${bit}`).toBe(expected);
    }
    expect(codes).toEqual(new Set(['crypto.tampered', 'crypto.unsupported-version', 'crypto.wrong-key']));
  });

  it('rejects truncation anywhere', async () => {
    const { envelope, contentKey } = await encryptRecord(randomBytes(3 * CHUNK_SIZE), meta(3 * CHUNK_SIZE));
    const { prefix, chunks } = splitChunks(envelope);
    expect(chunks).toHaveLength(4);
    const cuts = [0, 3, HEADER_BYTES - 1, HEADER_BYTES, prefix.length - 1, prefix.length, prefix.length + 100];
    for (let i = 1; i < chunks.length; i++) cuts.push(prefix.length + i * CHUNK_CIPHERTEXT_SIZE); // at chunk boundaries
    cuts.push(envelope.length - 1, envelope.length - 16);
    for (const cut of cuts) {
      expect(await decryptError(envelope.subarray(0, cut), contentKey), `cut at ${cut}`).toBeInstanceOf(TruncatedError);
    }
  });

  it('rejects reordered chunks', async () => {
    const { envelope, contentKey } = await encryptRecord(randomBytes(3 * CHUNK_SIZE), meta(3 * CHUNK_SIZE));
    const { prefix, chunks } = splitChunks(envelope);
    const [c0, c1, c2, c3] = chunks as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    for (const order of [[c1, c0, c2, c3], [c0, c2, c1, c3], [c0, c1, c3, c2]]) {
      expect(await decryptError(concatBytes(prefix, ...order), contentKey)).toBeInstanceOf(TamperedError);
    }
    // Dropping a middle chunk keeps the final one last, but its index no longer matches.
    expect(await decryptError(concatBytes(prefix, c0, c2, c3), contentKey)).toBeInstanceOf(TamperedError);
  });

  it('rejects chunks swapped in from another record, even one under the same key', async () => {
    const size = 2 * CHUNK_SIZE;
    const first = await encryptRecord(randomBytes(size), meta(size));
    const second = await encryptRecord(randomBytes(size), meta(size));
    const sameKey = await encryptRecord(randomBytes(size), meta(size), { contentKey: first.contentKey });
    const a = splitChunks(first.envelope);
    for (const other of [second, sameKey]) {
      const b = splitChunks(other.envelope);
      const mixed = concatBytes(a.prefix, a.chunks[0]!, b.chunks[1]!, a.chunks[2]!, a.chunks[3]!);
      expect(await decryptError(mixed, first.contentKey)).toBeInstanceOf(TamperedError);
    }
  });

  it('rejects data appended after the final chunk', async () => {
    const { envelope, contentKey } = await encryptRecord(randomBytes(CHUNK_SIZE - 1), meta(CHUNK_SIZE - 1));
    expect(await decryptError(concatBytes(envelope, Uint8Array.of(0)), contentKey)).toBeInstanceOf(TamperedError);
    expect(await decryptError(concatBytes(envelope, envelope.subarray(bodyOffset(envelope))), contentKey)).toBeInstanceOf(
      TamperedError,
    );
  });

  it('fails with WrongKeyError for another key', async () => {
    const { envelope } = await encryptRecord(Uint8Array.of(1, 2, 3), meta(3));
    const error = await decryptError(envelope, generateContentKey());
    expect(error).toBeInstanceOf(WrongKeyError);
    expect(() => readRecordMetadata(envelope, generateContentKey())).toThrow(WrongKeyError);
  });

  it('reports an unknown version byte as UnsupportedVersionError and foreign data as tampered', async () => {
    const { envelope, contentKey } = await encryptRecord(Uint8Array.of(1), meta(1));
    for (const version of [0, 2, 0xff]) {
      const changed = envelope.slice();
      changed[4] = version;
      expect(await decryptError(changed, contentKey)).toBeInstanceOf(UnsupportedVersionError);
    }
    const pdf = new TextEncoder().encode('%PDF-1.7 not an envelope at all, just some other file'.repeat(5));
    expect(await decryptError(pdf, contentKey)).toBeInstanceOf(TamperedError);
  });

  /**
   * Someone holding the content key can write any authentic envelope (e.g. a hostile sharer);
   * the reader must still refuse envelopes that break the format's rules.
   */
  function forgeEnvelope(options: { compressed: boolean; metadata: RecordMetadata; paddedBody: Uint8Array }) {
    const contentKey = generateContentKey();
    const noncePrefix = nacl.randomBytes(16);
    const metadataPlaintext = encodeMetadata(options.metadata);
    const header = { compressed: options.compressed, noncePrefix, metadataCiphertextLength: metadataPlaintext.length + TAG_BYTES };
    const envelope = concatBytes(
      encodeHeader(header, contentKey),
      nacl.secretbox(metadataPlaintext, metadataNonce(noncePrefix), contentKey),
      nacl.secretbox(options.paddedBody, bodyChunkNonce(noncePrefix, 0, true), contentKey),
    );
    return { envelope, contentKey };
  }

  function isoPadded(body: Uint8Array): Uint8Array {
    const padded = new Uint8Array(paddedBodyLength(body.length));
    padded.set(body);
    padded[body.length] = PADDING_MARKER;
    return padded;
  }

  it('rejects a hostile writer whose body inflates past the declared size (zip bomb)', async () => {
    const deflated = await collectBytes(throughTransform([new Uint8Array(4 * 1024 * 1024)], new CompressionStream('deflate-raw')));
    const forged = forgeEnvelope({ compressed: true, metadata: meta(10), paddedBody: isoPadded(deflated) });
    expect(await decryptError(forged.envelope, forged.contentKey)).toBeInstanceOf(TamperedError);
  });

  it('refuses a record whose metadata claims more than the reader’s limit, before inflating anything', async () => {
    // 4 MiB of zeros deflate to a few KiB: a small envelope a hostile writer can declare at any size.
    const deflated = await collectBytes(throughTransform([new Uint8Array(4 * 1024 * 1024)], new CompressionStream('deflate-raw')));
    const honestSize = forgeEnvelope({ compressed: true, metadata: meta(4 * 1024 * 1024), paddedBody: isoPadded(deflated) });
    expect((await decryptRecord(honestSize.envelope, honestSize.contentKey)).plaintext.length).toBe(4 * 1024 * 1024);

    const overLimit = forgeEnvelope({ compressed: true, metadata: meta(MAX_RECORD_BYTES + 1), paddedBody: isoPadded(deflated) });
    let yielded = 0;
    const refused = await (async () => {
      try {
        for await (const piece of decryptRecordChunks([overLimit.envelope], overLimit.contentKey)) yielded += piece.length;
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(TamperedError);
    expect(yielded).toBe(0);

    // A lower cap (as a reader may choose) refuses the honest 4 MiB record too.
    await expect(decryptRecord(honestSize.envelope, honestSize.contentKey, { maxPlaintextBytes: 1024 * 1024 })).rejects.toBeInstanceOf(TamperedError);
  });

  it('rejects authentic envelopes that break the format rules', async () => {
    const body = Uint8Array.of(1, 2, 3);
    const cases = [
      // Declared size differs from the body.
      { compressed: false, metadata: meta(10), paddedBody: isoPadded(body) },
      // No 0x80 padding marker.
      { compressed: false, metadata: meta(3), paddedBody: concatBytes(body, new Uint8Array(253)) },
      // Padded length is not a bucket size.
      { compressed: false, metadata: meta(3), paddedBody: concatBytes(body, Uint8Array.of(PADDING_MARKER), new Uint8Array(296)) },
      // Flag says compressed but the body is not DEFLATE data.
      { compressed: true, metadata: meta(3), paddedBody: isoPadded(Uint8Array.of(0xff, 0xff, 0xff)) },
    ];
    for (const [i, options] of cases.entries()) {
      const forged = forgeEnvelope(options);
      const error = await decryptError(forged.envelope, forged.contentKey);
      expect(error, `case ${i}`).toBeInstanceOf(CryptoError);
      expect((error as CryptoError).code, `case ${i}`).toMatch(/^crypto\.(tampered|truncated)$/);
    }
    // And the honest version of the same forge opens, so the checks above are meaningful.
    const honest = forgeEnvelope({ compressed: false, metadata: meta(3), paddedBody: isoPadded(body) });
    expect((await decryptRecord(honest.envelope, honest.contentKey)).plaintext).toEqual(body);
  });
});

describe('metadata', () => {
  it('is readable from the envelope prefix alone', async () => {
    const metadata = meta(300_000, { name: 'MRI — knee (left).png', mediaType: 'image/png', kind: 'image' });
    const { envelope, contentKey } = await encryptRecord(randomBytes(300_000), metadata);
    const needed = bodyOffset(envelope);
    expect(needed).toBeLessThanOrEqual(MAX_METADATA_PREFIX_BYTES);
    expect(readRecordMetadata(envelope.slice(0, needed), contentKey)).toEqual(metadata);
    expect(readRecordMetadata(envelope.slice(0, MAX_METADATA_PREFIX_BYTES), contentKey)).toEqual(metadata);
    expect(() => readRecordMetadata(envelope.slice(0, needed - 1), contentKey)).toThrow(TruncatedError);
    expect(() => readRecordMetadata(envelope.slice(0, 20), contentKey)).toThrow(TruncatedError);
  });

  it('is validated before encrypting', async () => {
    await expect(encryptRecord(Uint8Array.of(1, 2), meta(3))).rejects.toBeInstanceOf(InvalidInputError);
    expect(() => encryptRecordChunks([], meta(0, { kind: 'x-ray' as never }))).toThrow(InvalidInputError);
    expect(() => encryptRecordChunks([], meta(-1))).toThrow(InvalidInputError);
    expect(() => encryptRecordChunks([], meta(0, { name: 'n'.repeat(5000) }))).toThrow(/too long/);
    expect(() => encryptRecordChunks([], meta(0), { contentKey: new Uint8Array(16) })).toThrow(InvalidInputError);
  });
});

describe('streaming', () => {
  it('round-trips through the Streams API with arbitrary input chunking', async () => {
    const plaintext = concatBytes(randomBytes(200_000), new TextEncoder().encode('tail'));
    const metadata = meta(plaintext.length);
    const encrypt = createEncryptStream(metadata);
    const envelope = await collectBytes(
      readableToIterable(iterableToReadable(toAsync(pieces(plaintext, 9_999))).pipeThrough(encrypt.stream)),
    );
    const decrypt = createDecryptStream(encrypt.contentKey);
    const output = await collectBytes(
      readableToIterable(iterableToReadable(toAsync(pieces(envelope, 4_321))).pipeThrough(decrypt.stream)),
    );
    expect(Buffer.from(output).equals(Buffer.from(plaintext))).toBe(true);
    expect(await decrypt.metadata).toEqual(metadata);
    // Same format as the in-memory API.
    expect((await decryptRecord(envelope, encrypt.contentKey)).plaintext).toEqual(plaintext);
  });

  it('errors the output stream with the typed error', async () => {
    const { envelope, contentKey } = await encryptRecord(randomBytes(100_000), meta(100_000));
    const changed = envelope.slice();
    changed[changed.length - 5] = (changed[changed.length - 5] ?? 0) ^ 1;
    const decrypt = createDecryptStream(contentKey);
    const output = iterableToReadable(toAsync([changed])).pipeThrough(decrypt.stream);
    await expect(collectBytes(readableToIterable(output))).rejects.toBeInstanceOf(TamperedError);
    expect(await decrypt.metadata).toEqual(meta(100_000));

    const wrongKey = createDecryptStream(generateContentKey());
    const failed = iterableToReadable(toAsync([envelope])).pipeThrough(wrongKey.stream);
    await expect(collectBytes(readableToIterable(failed))).rejects.toBeInstanceOf(WrongKeyError);
    await expect(wrongKey.metadata).rejects.toBeInstanceOf(WrongKeyError);
  });

  it('reads input only as fast as output is consumed (bounded memory)', async () => {
    let pulled = 0;
    const total = 64 * CHUNK_SIZE;
    async function* source(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 64; i++) {
        pulled += CHUNK_SIZE;
        yield randomBytes(CHUNK_SIZE);
      }
    }
    const { envelopeChunks } = encryptRecordChunks(source(), meta(total));
    const iterator = envelopeChunks[Symbol.asyncIterator]();
    for (let i = 0; i < 4; i++) await iterator.next(); // header+metadata, then three chunks
    expect(pulled).toBeLessThanOrEqual(5 * CHUNK_SIZE);
    await iterator.return(undefined);
  });

  it('decrypts chunk by chunk and reports progress up to the full size', async () => {
    const plaintext = randomBytes(3 * CHUNK_SIZE + 5);
    const progress: Array<[number, number]> = [];
    const { envelope, contentKey } = await encryptRecord(plaintext, meta(plaintext.length), {
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(progress.at(-1)).toEqual([plaintext.length, plaintext.length]);
    const decryptProgress: number[] = [];
    const out: Uint8Array[] = [];
    for await (const piece of decryptRecordChunks(pieces(envelope, 1000), contentKey, {
      onProgress: (done) => decryptProgress.push(done),
    })) {
      out.push(piece);
    }
    expect(concatBytes(...out)).toEqual(plaintext);
    expect(decryptProgress.at(-1)).toBe(plaintext.length);
    expect([...decryptProgress].sort((x, y) => x - y)).toEqual(decryptProgress);
  });

  it('fails, without a final chunk, when the source yields a different size than declared', async () => {
    const { envelopeChunks } = encryptRecordChunks([randomBytes(1000)], meta(2000));
    await expect(collectBytes(envelopeChunks)).rejects.toBeInstanceOf(InvalidInputError);
    // Also when the error has to travel through the compressor.
    const text = new TextEncoder().encode('glucose 5.4 mmol/L\n'.repeat(500));
    const compressed = encryptRecordChunks([text], meta(text.length + 1));
    await expect(collectBytes(compressed.envelopeChunks)).rejects.toBeInstanceOf(InvalidInputError);
    const tooLong = encryptRecordChunks([text, text], meta(text.length));
    await expect(collectBytes(tooLong.envelopeChunks)).rejects.toBeInstanceOf(InvalidInputError);
  });
});

async function* toAsync(list: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const item of list) yield item;
}
