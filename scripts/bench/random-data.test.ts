import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SOURCE_PIECE_BYTES, lazyRandomSource, pieces, randomBytes } from './random-data';

async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const piece of source) out.push(piece);
  return out;
}

describe('benchmark input', () => {
  it('lazyRandomSource yields exactly the requested bytes in file-stream-sized pieces', async () => {
    const total = 3 * 1024 * 1024 + 123;
    const parts = await collect(lazyRandomSource(total));
    expect(parts.reduce((n, p) => n + p.length, 0)).toBe(total);
    expect(parts.slice(0, -1).every((p) => p.length === SOURCE_PIECE_BYTES)).toBe(true);
    expect(parts.at(-1)!.length).toBe(123);
  });

  it('is incompressible, so compression cannot flatter a figure', async () => {
    const parts = await collect(lazyRandomSource(2 * 1024 * 1024));
    const joined = Buffer.concat(parts);
    expect(deflateRawSync(joined).length).toBeGreaterThan(joined.length * 0.99);
    const bytes = randomBytes(256 * 1024);
    expect(deflateRawSync(bytes).length).toBeGreaterThan(bytes.length * 0.99);
  });

  it('pieces() splits a buffer into views without copying', () => {
    const bytes = randomBytes(SOURCE_PIECE_BYTES * 2 + 1);
    const views = [...pieces(bytes)];
    expect(views.map((v) => v.length)).toEqual([SOURCE_PIECE_BYTES, SOURCE_PIECE_BYTES, 1]);
    expect(views.every((v) => v.buffer === bytes.buffer)).toBe(true);
  });
});
