import { sha256 } from '@noble/hashes/sha2.js';
import { utf8 } from '../bytes';

/**
 * Incompressible but reproducible test plaintext: SHA-256(seed ‖ uint32 BE counter) blocks,
 * concatenated and cut to `length`. Lets a multi-chunk vector be stored as a hash instead of
 * half a megabyte of hex.
 */
export function deterministicBytes(seed: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const seedBytes = utf8(seed);
  const input = new Uint8Array(seedBytes.length + 4);
  input.set(seedBytes, 0);
  const view = new DataView(input.buffer);
  for (let counter = 0, offset = 0; offset < length; counter++, offset += 32) {
    view.setUint32(seedBytes.length, counter, false);
    out.set(sha256(input).subarray(0, Math.min(32, length - offset)), offset);
  }
  return out;
}
