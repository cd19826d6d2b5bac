import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from './map-with-concurrency';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapWithConcurrency', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapWithConcurrency([30, 5, 20, 1, 10, 2, 8], 3, async (ms, index) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await tick(ms);
      inFlight -= 1;
      return index * 2;
    });
    expect(results).toEqual([0, 2, 4, 6, 8, 10, 12]);
    expect(peak).toBe(3);
  });

  it('handles an empty list and refuses a useless limit', async () => {
    expect(await mapWithConcurrency([], 6, async () => 1)).toEqual([]);
    await expect(mapWithConcurrency([1], 0, async () => 1)).rejects.toThrow(RangeError);
  });

  it('rejects when any call fails', async () => {
    await expect(
      mapWithConcurrency([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error('boom');
        return n;
      }),
    ).rejects.toThrow('boom');
  });

  it('starts no new calls once one has failed', async () => {
    const started: number[] = [];
    await expect(
      mapWithConcurrency([1, 2, 3, 4, 5, 6], 2, async (n) => {
        started.push(n);
        await tick(1);
        throw new Error(`failed ${n}`);
      }),
    ).rejects.toThrow('failed 1');
    expect(started).toEqual([1, 2]);
  });
});
