import { describe, expect, it } from 'vitest';
import { MIB, collectRuns, median, mibPerSecond, ratio, timeRuns } from './stats';

describe('median', () => {
  it('takes the middle of an odd count and the mean of the two middles of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('is robust to one outlier, unlike the mean', () => {
    expect(median([10, 11, 12, 10_000])).toBe(11.5);
  });

  it('does not reorder the caller’s samples', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('mibPerSecond and ratio', () => {
  it('converts bytes and milliseconds to MiB/s', () => {
    expect(mibPerSecond(100 * MIB, 2_000)).toBe(50);
  });

  it('states no ratio when a side is missing, zero or not finite', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(null, 2)).toBeNull();
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(3, undefined)).toBeNull();
    expect(ratio(Number.POSITIVE_INFINITY, 2)).toBeNull();
  });
});

describe('timeRuns and collectRuns', () => {
  it('runs the warm-ups unmeasured, then returns one duration per run', async () => {
    const calls: number[] = [];
    const durations = await timeRuns(3, (run) => void calls.push(run), 2);
    expect(calls).toEqual([-1, -2, 0, 1, 2]);
    expect(durations).toHaveLength(3);
    expect(durations.every((d) => d >= 0)).toBe(true);
  });

  it('measures time spent in the function', async () => {
    const [duration] = await timeRuns(1, () => new Promise((resolve) => setTimeout(resolve, 30)));
    expect(duration).toBeGreaterThanOrEqual(25);
  });

  it('collectRuns keeps what the function reports, not the wall time around it', async () => {
    expect(await collectRuns(2, async (run) => run * 10 + 5, 1)).toEqual([5, 15]);
    await expect(collectRuns(0, async () => 1)).rejects.toThrow(RangeError);
  });
});
