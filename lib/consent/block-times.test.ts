import { describe, expect, it } from 'vitest';
import { readBlockTimes } from './block-times';

describe('readBlockTimes', () => {
  it('reads each distinct block once and maps numbers to timestamps', async () => {
    const asked: bigint[] = [];
    const client = {
      getBlock: async ({ blockNumber }: { blockNumber: bigint }) => {
        asked.push(blockNumber);
        return { timestamp: blockNumber * 10n };
      },
    };
    const times = await readBlockTimes(client as never, [7n, 3n, 7n]);
    expect(asked.sort()).toEqual([3n, 7n]);
    expect(times).toEqual(new Map([[7n, 70n], [3n, 30n]]));
  });
  it('turns an RPC failure into a readable error', async () => {
    const client = { getBlock: async () => Promise.reject(new Error('socket hang up')) };
    await expect(readBlockTimes(client as never, [1n])).rejects.toThrow(/could not read dates/);
  });
});
