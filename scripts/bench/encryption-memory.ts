/**
 * Child process of the encryption section (run as `node --expose-gc --import tsx encryption-memory.ts`):
 * a fresh heap, so the figures are the encryption's own and nothing else of the bench's.
 * Prints one JSON line (MemoryReport) on stdout. Never prints any data.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import nacl from 'tweetnacl';
import { encryptRecordChunks } from '@/lib/crypto';
import { benchMetadata, lazyRandomSource, randomBytes } from './random-data';
import { MIB } from './stats';

export type MemoryReport = {
  readonly sizeMiB: number;
  readonly streaming: { readonly rssGrowthMiB: number; readonly jsGrowthMiB: number; readonly samples: number; readonly outputMiB: number };
  readonly oneShot: { readonly rssGrowthMiB: number };
};

const SIZE_MIB = 100;
/** Sample after every 16 output chunks (~1 MiB): often enough to catch a peak, cheap enough not to slow it. */
const SAMPLE_EVERY_CHUNKS = 16;

type Sample = { rss: number; js: number };

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('Run with node --expose-gc.');
  collect();
  collect();
}

function sample(): Sample {
  const usage = process.memoryUsage();
  return { rss: usage.rss, js: usage.heapUsed + usage.arrayBuffers };
}

/** The kernel's peak resident set size of this process (Linux), in bytes; null elsewhere. */
function peakRss(): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

async function streaming(): Promise<MemoryReport['streaming']> {
  const bytes = SIZE_MIB * MIB;
  gc();
  const baseline = sample();
  let peak = baseline;
  let samples = 0;
  let output = 0;
  let chunks = 0;
  const { envelopeChunks } = encryptRecordChunks(lazyRandomSource(bytes), benchMetadata(bytes));
  for await (const chunk of envelopeChunks) {
    output += chunk.length; // consumed and dropped, as an upload stream would
    if (++chunks % SAMPLE_EVERY_CHUNKS === 0) {
      const now = sample();
      samples += 1;
      peak = { rss: Math.max(peak.rss, now.rss), js: Math.max(peak.js, now.js) };
    }
  }
  return {
    rssGrowthMiB: (peak.rss - baseline.rss) / MIB,
    jsGrowthMiB: (peak.js - baseline.js) / MIB,
    samples,
    outputMiB: output / MIB,
  };
}

function oneShot(): MemoryReport['oneShot'] {
  gc();
  const baseline = process.memoryUsage().rss;
  const plaintext = randomBytes(SIZE_MIB * MIB);
  const sealed = nacl.secretbox(plaintext, nacl.randomBytes(24), nacl.randomBytes(32));
  const peak = Math.max(peakRss() ?? 0, process.memoryUsage().rss);
  if (sealed.length === 0) throw new Error('secretbox produced nothing');
  return { rssGrowthMiB: (peak - baseline) / MIB };
}

async function main(): Promise<void> {
  // Streaming first: the one-shot run's peak would otherwise stay in VmHWM and in the heap's size.
  const report: MemoryReport = { sizeMiB: SIZE_MIB, streaming: await streaming(), oneShot: oneShot() };
  console.log(JSON.stringify(report));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
