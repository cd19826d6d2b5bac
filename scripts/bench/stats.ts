/**
 * Small pure helpers for benchmark figures. Machines are shared and noisy, so every figure is the
 * median of several runs and every comparison is a ratio of two medians measured in the same run.
 */

export const MIB = 1024 * 1024;

/** The median of the samples (mean of the two middle values for an even count). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('median() needs at least one sample.');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Throughput in MiB/s (what "MB/s" means throughout the bench) for `bytes` processed in `ms`. */
export function mibPerSecond(bytes: number, ms: number): number {
  if (ms <= 0) return Number.POSITIVE_INFINITY;
  return bytes / MIB / (ms / 1000);
}

/** a / b, or null when either side is missing or b is zero (a ratio we cannot state honestly). */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return null;
  return a / b;
}

/**
 * Runs `fn` `warmup` times unmeasured (JIT, caches), then `runs` times, and returns the durations
 * in milliseconds. Runs are sequential so they never compete with each other for the two cores.
 */
export async function timeRuns(runs: number, fn: (run: number) => Promise<void> | void, warmup = 0): Promise<number[]> {
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError('timeRuns() needs at least one run.');
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const durations: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await fn(run);
    durations.push(performance.now() - started);
  }
  return durations;
}

/**
 * Like `timeRuns`, but `fn` times the part it wants itself (e.g. excluding setup done per run, such
 * as generating fresh input) and returns that duration in milliseconds.
 */
export async function collectRuns(runs: number, fn: (run: number) => Promise<number>, warmup = 0): Promise<number[]> {
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError('collectRuns() needs at least one run.');
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const durations: number[] = [];
  for (let run = 0; run < runs; run++) durations.push(await fn(run));
  return durations;
}
