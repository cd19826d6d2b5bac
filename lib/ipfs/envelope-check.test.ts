import { describe, expect, it } from 'vitest';
import { envelopeOf } from './fixtures/envelopes';
import { ENVELOPE_CHECK_BYTES, MAX_MINIMUM_ENVELOPE_LENGTH, minimumEnvelopeLength } from './envelope-check';

function withMetadataLength(envelope: Uint8Array, length: number): Uint8Array {
  return envelope.map((byte, i) => (i === 23 ? length >> 8 : i === 24 ? length & 0xff : byte));
}

describe('minimumEnvelopeLength', () => {
  it('accepts a real envelope header and gives header + metadata + one minimal body chunk', async () => {
    const envelope = await envelopeOf(10);
    expect(ENVELOPE_CHECK_BYTES).toBe(57);
    expect(minimumEnvelopeLength(envelope.subarray(0, 57))).toBe(57 + 272 + 272);
    // The smallest real envelope is exactly that long.
    expect(envelope.byteLength).toBe(57 + 272 + 272);
    for (let j = 1; j <= 16; j += 1) expect(minimumEnvelopeLength(withMetadataLength(envelope, 16 + 256 * j).subarray(0, 57))).toBe(57 + 16 + 256 * j + 272);
    expect(MAX_MINIMUM_ENVELOPE_LENGTH).toBe(57 + 16 + 4096 + 272);
  });

  it('accepts the compressed flag and refuses every other header deviation', async () => {
    const envelope = await envelopeOf(10);
    const withByte = (offset: number, value: number) => envelope.map((byte, i) => (i === offset ? value : byte)).subarray(0, 57);
    expect(minimumEnvelopeLength(withByte(5, 0x01))).not.toBeNull();
    for (const [offset, value] of [
      [0, 0x00],
      [3, 0x4d],
      [4, 0x00],
      [4, 0x02],
      [5, 0x02],
      [5, 0x80],
      [6, 15],
      [6, 17],
    ] as const) {
      expect(minimumEnvelopeLength(withByte(offset, value)), `byte ${offset} = ${value}`).toBeNull();
    }
    for (const length of [0, 16, 271, 273, 16 + 256 * 17, 0xffff]) expect(minimumEnvelopeLength(withMetadataLength(envelope, length).subarray(0, 57)), String(length)).toBeNull();
    expect(minimumEnvelopeLength(envelope.subarray(0, 56))).toBeNull();
    expect(minimumEnvelopeLength(new TextEncoder().encode('<!doctype html>'.padEnd(100, ' ')))).toBeNull();
  });
});
