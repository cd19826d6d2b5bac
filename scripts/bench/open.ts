/**
 * Section 3: opening a record — open the sealed locator, fetch the ciphertext (`readCiphertext` from the
 * embedded node), verify and decrypt it (`decryptRecord`) — next to a plain fetch of the same ciphertext.
 */
import { createHash } from 'node:crypto';
import { decryptRecord, openLocator, type KeyPair } from '@/lib/crypto';
import { concatBytes } from '@/lib/crypto/bytes';
import { readCiphertext } from '@/lib/ipfs/server';
import type { UploadedRecord } from './upload';
import { median, ratio } from './stats';
import type { BenchRow, SectionResult } from './table';

const RUNS_BY_SIZE: Record<number, number> = { 1: 9, 10: 5, 100: 3 };

async function fetchAll(cid: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of readCiphertext(cid)) parts.push(part);
  return concatBytes(...parts);
}

export async function benchOpen(records: readonly UploadedRecord[], patientKeys: KeyPair): Promise<SectionResult> {
  const rows: BenchRow[] = [];
  for (const record of records) {
    const runs = RUNS_BY_SIZE[record.sizeMiB] ?? 3;
    const open: number[] = [];
    const fetchOnly: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const { cid, contentKey } = openLocator(record.sealedLocator, patientKeys);
      const envelope = await fetchAll(cid);
      const { plaintext } = await decryptRecord(envelope, contentKey);
      open.push(performance.now() - started);
      // Outside the timed part: the record that came back is exactly the one uploaded.
      if (createHash('sha256').update(plaintext).digest('hex') !== record.plaintextSha256) {
        throw new Error(`The ${record.sizeMiB} MB record did not decrypt to what was uploaded.`);
      }

      const fetchStarted = performance.now();
      await fetchAll(cid);
      fetchOnly.push(performance.now() - fetchStarted);
    }
    const openMs = median(open);
    const fetchMs = median(fetchOnly);
    rows.push({
      measure: `open ${record.sizeMiB} MB: fetch + verify + decrypt`,
      value: openMs,
      unit: 'ms',
      baseline: `plain fetch ${fetchMs.toFixed(0)} ms`,
      ratio: ratio(openMs, fetchMs),
      runs,
    });
  }
  return {
    name: 'Open',
    rows,
    notes: [
      'Timed: openLocator (the sealed locator registered by the upload section), readCiphertext of the whole envelope from the embedded node, decryptRecord (checks the key commitment and every chunk\'s Poly1305 tag before returning anything). The decrypted bytes are compared with the upload\'s SHA-256 outside the timed part. Baseline: readCiphertext of the same CID alone.',
    ],
  };
}
