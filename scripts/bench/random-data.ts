/**
 * Incompressible input for the benchmarks. Random bytes, so neither the envelope's optional DEFLATE
 * step nor any transport compression can flatter a figure (real records such as photos and PDFs are
 * mostly already compressed too).
 */
import { randomFillSync } from 'node:crypto';
import type { RecordMetadata } from '@/lib/crypto';

/** Plaintext chunk size a browser's `File.stream()` typically yields, and the envelope's chunk size. */
export const SOURCE_PIECE_BYTES = 64 * 1024;

export function randomBytes(length: number): Uint8Array {
  // randomFillSync fills up to 2 GiB in one call, unlike getRandomValues (64 KiB).
  return randomFillSync(new Uint8Array(length));
}

/**
 * A lazy source of `totalBytes` incompressible bytes in `SOURCE_PIECE_BYTES` pieces, each a fresh
 * allocation (as a file stream's would be), without ever holding the whole input in memory: pieces are
 * copied from a 1 MiB random pool in turn. DEFLATE looks back at most 32 KiB, so a pool repeating every
 * MiB leaves the data incompressible.
 */
const POOL_BYTES = 1024 * 1024;

export async function* lazyRandomSource(totalBytes: number): AsyncGenerator<Uint8Array> {
  const pool = randomBytes(POOL_BYTES);
  let offset = 0;
  for (let left = totalBytes; left > 0; left -= SOURCE_PIECE_BYTES) {
    const size = Math.min(SOURCE_PIECE_BYTES, left);
    yield pool.slice(offset, offset + size);
    offset = (offset + SOURCE_PIECE_BYTES) % POOL_BYTES;
  }
}

/** Splits a buffer into views of `SOURCE_PIECE_BYTES`, like a streamed file (no copies). */
export function* pieces(bytes: Uint8Array, size = SOURCE_PIECE_BYTES): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

/** Neutral metadata for a benchmark record: nothing in it resembles health data. */
export function benchMetadata(size: number): RecordMetadata {
  return { name: 'bench.bin', mediaType: 'application/octet-stream', size, createdAt: 0, kind: 'other' };
}
