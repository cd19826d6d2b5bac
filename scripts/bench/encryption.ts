/**
 * Section 1: encryption throughput of the project's envelope (lib/crypto) next to one-shot tweetnacl
 * `secretbox` over the whole buffer and WebCrypto AES-256-GCM, all in this process and run; plus peak
 * memory growth of 100 MB streaming encryption, measured in a fresh child process (encryption-memory.ts)
 * so nothing else this run allocates can pollute it.
 */
import { webcrypto } from 'node:crypto';
import path from 'node:path';
import nacl from 'tweetnacl';
import { decryptRecord, decryptRecordChunks, encryptRecord, encryptRecordChunks } from '@/lib/crypto';
import type { MemoryReport } from './encryption-memory';
import { BENCH_DIR, REPO_ROOT } from './paths';
import { runToCompletion } from './processes';
import { benchMetadata, pieces, randomBytes } from './random-data';
import { MIB, median, mibPerSecond, ratio } from './stats';
import type { BenchRow, SectionResult } from './table';

const SIZES_MIB = [1, 10, 100] as const;
/** More runs for small cases, where one GC pause or scheduler hiccup is a large share of a run. */
const RUNS: Record<(typeof SIZES_MIB)[number], { runs: number; warmup: number }> = {
  1: { runs: 15, warmup: 5 },
  10: { runs: 5, warmup: 1 },
  100: { runs: 5, warmup: 0 },
};
export const MEMORY_TARGET_MIB = 64;

type Direction = 'encrypt' | 'decrypt';
type Method = 'chunks' | 'oneShotEnvelope' | 'secretbox' | 'aesGcm';
type Medians = Record<Direction, Record<Method, number>>;

export async function benchEncryption(): Promise<SectionResult> {
  const rows: BenchRow[] = [];
  // Unmeasured pass over every code path first, so whichever method is timed first isn't also the one
  // paying for JIT compilation.
  await measureSize(MIB, 1, 2);
  for (const sizeMiB of SIZES_MIB) {
    const { runs, warmup } = RUNS[sizeMiB];
    const speeds = await measureSize(sizeMiB * MIB, runs, warmup);
    rows.push(...throughputRows(sizeMiB, speeds, runs));
  }
  const memory = await measureMemoryInChild();
  rows.push(...memoryRows(memory));
  return {
    name: 'Encryption',
    rows,
    notes: [
      'MB = 2^20 bytes; MB/s = plaintext bytes per second. Input is random (incompressible), so the envelope never compresses it; compressible records would encrypt faster.',
      '"chunk API" = encryptRecordChunks/decryptRecordChunks streamed 64 KiB at a time (output consumed, not kept); "encryptRecord" = the in-memory wrappers returning one buffer. Baselines: tweetnacl secretbox/secretbox.open over the whole buffer at once, and node:crypto webcrypto AES-256-GCM (native code; browsers use native AES too).',
      `Memory: peak growth over a post-GC baseline while streaming ${memory.sizeMiB} MB through encryptRecordChunks in a fresh \`node --expose-gc\` child, sampled after every 1 MB of output; RSS growth is the figure with the target, heap+arrayBuffers shows what JavaScript itself held. The one-shot row is tweetnacl secretbox over the whole ${memory.sizeMiB} MB buffer (peak RSS from the kernel's VmHWM).`,
    ],
  };
}

async function measureSize(bytes: number, runs: number, warmup: number): Promise<Medians> {
  const plaintext = randomBytes(bytes);
  const metadata = benchMetadata(bytes);
  const key = nacl.randomBytes(nacl.secretbox.keyLength);
  const nonce = nacl.randomBytes(nacl.secretbox.nonceLength);
  const aesKey = await webcrypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const iv = webcrypto.getRandomValues(new Uint8Array(12));

  // Inputs for the decrypt runs, made once (each run's output is checked below so a broken path can't look fast).
  const sealedEnvelope = await encryptRecord(plaintext, metadata);
  const sealedBox = nacl.secretbox(plaintext, nonce, key);
  const sealedAes = new Uint8Array(await webcrypto.subtle.encrypt({ name: 'AES-GCM', iv }, aesKey, plaintext));

  const operations: Record<Direction, Record<Method, () => Promise<unknown> | unknown>> = {
    encrypt: {
      chunks: () => drain(encryptRecordChunks(pieces(plaintext), metadata).envelopeChunks),
      oneShotEnvelope: () => encryptRecord(plaintext, metadata),
      secretbox: () => nacl.secretbox(plaintext, nonce, key),
      aesGcm: () => webcrypto.subtle.encrypt({ name: 'AES-GCM', iv }, aesKey, plaintext),
    },
    decrypt: {
      // The bench measures sizes above the product's record limit on purpose, so it raises the reader's cap.
      chunks: async () => (await drain(decryptRecordChunks(pieces(sealedEnvelope.envelope), sealedEnvelope.contentKey, { maxPlaintextBytes: bytes }))) === bytes,
      oneShotEnvelope: async () =>
        (await decryptRecord(sealedEnvelope.envelope, sealedEnvelope.contentKey, { maxPlaintextBytes: bytes })).plaintext.length === bytes,
      secretbox: () => nacl.secretbox.open(sealedBox, nonce, key),
      aesGcm: () => webcrypto.subtle.decrypt({ name: 'AES-GCM', iv }, aesKey, sealedAes),
    },
  };

  // Interleaved: each run times every method once, so a burst of noise from a neighbour on a shared
  // machine lands on all of them alike instead of on whichever method happened to be running.
  const samples = { encrypt: emptySamples(), decrypt: emptySamples() };
  for (let run = -warmup; run < runs; run++) {
    for (const direction of DIRECTIONS) {
      for (const method of METHODS) {
        const started = performance.now();
        const result = await operations[direction][method]();
        const elapsed = performance.now() - started;
        // A broken path must not look fast: every operation returns its output (or a passed check).
        if (result === null || result === undefined || result === false) throw new Error(`${direction} (${method}) returned no output.`);
        if (run >= 0) samples[direction][method].push(elapsed);
      }
    }
  }
  const speeds = (direction: Direction) =>
    Object.fromEntries(METHODS.map((method) => [method, mibPerSecond(bytes, median(samples[direction][method]))])) as Record<Method, number>;
  return { encrypt: speeds('encrypt'), decrypt: speeds('decrypt') };
}

const DIRECTIONS = ['encrypt', 'decrypt'] as const;
const METHODS = ['chunks', 'oneShotEnvelope', 'secretbox', 'aesGcm'] as const;

function emptySamples(): Record<Method, number[]> {
  return { chunks: [], oneShotEnvelope: [], secretbox: [], aesGcm: [] };
}

/** Consumes a stream as an upload would, keeping nothing; returns the byte count. */
async function drain(chunks: AsyncIterable<Uint8Array>): Promise<number> {
  let total = 0;
  for await (const chunk of chunks) total += chunk.length;
  return total;
}

const fmt = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

function throughputRows(sizeMiB: number, speeds: Medians, runs: number): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const direction of ['encrypt', 'decrypt'] as const) {
    const s = speeds[direction];
    rows.push(
      {
        measure: `${direction} ${sizeMiB} MB, envelope chunk API`,
        value: s.chunks,
        unit: 'MB/s',
        baseline: `secretbox one-shot ${fmt(s.secretbox)} MB/s`,
        ratio: ratio(s.chunks, s.secretbox),
        // Streaming must not cost throughput where it matters most: large files.
        ...(sizeMiB === 100 ? { target: { on: 'ratio', op: '>=', limit: 1 } as const } : {}),
        runs,
      },
      {
        measure: `${direction} ${sizeMiB} MB, envelope ${direction}Record`,
        value: s.oneShotEnvelope,
        unit: 'MB/s',
        baseline: `AES-256-GCM ${fmt(s.aesGcm)} MB/s`,
        ratio: ratio(s.oneShotEnvelope, s.aesGcm),
        runs,
      },
      {
        measure: `${direction} ${sizeMiB} MB, tweetnacl secretbox one-shot`,
        value: s.secretbox,
        unit: 'MB/s',
        baseline: `AES-256-GCM ${fmt(s.aesGcm)} MB/s`,
        ratio: ratio(s.secretbox, s.aesGcm),
        runs,
      },
    );
  }
  return rows;
}

function memoryRows(memory: MemoryReport): BenchRow[] {
  return [
    {
      measure: `peak RSS growth, ${memory.sizeMiB} MB streaming encrypt`,
      value: memory.streaming.rssGrowthMiB,
      unit: 'MB',
      baseline: `one-shot secretbox ${memory.oneShot.rssGrowthMiB.toFixed(0)} MB`,
      ratio: ratio(memory.streaming.rssGrowthMiB, memory.oneShot.rssGrowthMiB),
      target: { on: 'value', op: '<', limit: MEMORY_TARGET_MIB },
      runs: memory.streaming.samples,
    },
    {
      measure: `peak heap+arrayBuffers growth, ${memory.sizeMiB} MB streaming`,
      value: memory.streaming.jsGrowthMiB,
      unit: 'MB',
      target: { on: 'value', op: '<', limit: MEMORY_TARGET_MIB },
      runs: memory.streaming.samples,
    },
  ];
}

/** Runs encryption-memory.ts under `node --expose-gc` (via tsx) and parses its JSON report. */
async function measureMemoryInChild(): Promise<MemoryReport> {
  const script = path.join(BENCH_DIR, 'encryption-memory.ts');
  const output = await runToCompletion('memory benchmark', process.execPath, ['--expose-gc', '--import', 'tsx', script], {
    cwd: REPO_ROOT,
  });
  const line = output.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (line === undefined) throw new Error(`The memory benchmark printed no report:\n${output.slice(-2000)}`);
  return JSON.parse(line) as MemoryReport;
}
