import { hexToBigInt, ResponseBodyTooLargeError, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { getLogsChunked, type LogClient } from './logs';

type Range = { from: bigint; to: bigint };

/**
 * A stand-in RPC for what a real one cannot be made to do on demand: refuse wide ranges. Returns one
 * log per queried block so the result shows exactly which blocks were covered.
 */
function fakeRpc(opts: { maxRange?: bigint; failWith?: Error; tooLarge?: () => Error; tooLargeIfIncludes?: bigint; delayMs?: number } = {}) {
  const queried: Range[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const client = {
    request: async ({ params }: { method: 'eth_getLogs'; params: [{ fromBlock: Hex; toBlock: Hex }] }) => {
      const from = hexToBigInt(params[0].fromBlock);
      const to = hexToBigInt(params[0].toBlock);
      queried.push({ from, to });
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (opts.delayMs) await new Promise((resolve) => setTimeout(resolve, opts.delayMs));
      } finally {
        inFlight--;
      }
      if (opts.failWith) throw opts.failWith;
      if (opts.maxRange !== undefined && to - from + 1n > opts.maxRange) {
        throw opts.tooLarge?.() ?? new Error('query exceeds max block range 3');
      }
      // A "dense" block: any range holding it (but the block alone) is too big to answer.
      if (opts.tooLargeIfIncludes !== undefined && from <= opts.tooLargeIfIncludes && opts.tooLargeIfIncludes <= to && to > from) {
        throw new Error('query returned more than 10000 results');
      }
      const logs = [];
      for (let block = from; block <= to; block++) {
        logs.push({ blockNumber: `0x${block.toString(16)}`, logIndex: '0x0', topics: [], data: '0x' });
      }
      return logs;
    },
  };
  // The fake implements only eth_getLogs, the one method getLogsChunked calls.
  return { client: client as unknown as LogClient, queried, maxInFlight: () => maxInFlight };
}

const address = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

describe('getLogsChunked', () => {
  it('covers the range in consecutive inclusive chunks, in order', async () => {
    const { client, queried } = fakeRpc();
    const logs = await getLogsChunked(client, { address, topics: [], fromBlock: 5n, toBlock: 16n, chunkBlocks: 5n });
    expect(queried).toEqual([
      { from: 5n, to: 9n },
      { from: 10n, to: 14n },
      { from: 15n, to: 16n },
    ]);
    expect(logs.map((log) => log.blockNumber)).toEqual(Array.from({ length: 12 }, (_, i) => BigInt(5 + i)));
  });

  it('halves the chunk when the RPC refuses a range as too large, without skipping blocks', async () => {
    const { client } = fakeRpc({ maxRange: 3n });
    const logs = await getLogsChunked(client, { address, topics: [], fromBlock: 0n, toBlock: 20n, chunkBlocks: 16n });
    expect(logs.map((log) => log.blockNumber)).toEqual(Array.from({ length: 21 }, (_, i) => BigInt(i)));
  });

  it('also halves when the client refuses a response as too big (viem caps bodies at 10 MiB)', async () => {
    const tooBig = () => new ResponseBodyTooLargeError({ maxSize: 10_485_760, size: 11_462_150 });
    const { client } = fakeRpc({ maxRange: 3n, tooLarge: tooBig });
    const logs = await getLogsChunked(client, { address, topics: [], fromBlock: 0n, toBlock: 20n, chunkBlocks: 16n });
    expect(logs).toHaveLength(21);
  });

  it('splits only the window the RPC refuses; the windows after it keep their full size', async () => {
    const { client, queried } = fakeRpc({ tooLargeIfIncludes: 2n });
    const logs = await getLogsChunked(client, { address, topics: [], fromBlock: 0n, toBlock: 23n, chunkBlocks: 8n, concurrency: 1 });
    expect(logs.map((log) => log.blockNumber)).toEqual(Array.from({ length: 24 }, (_, i) => BigInt(i)));
    expect(queried).toEqual([
      { from: 0n, to: 7n },
      { from: 0n, to: 3n },
      { from: 0n, to: 1n },
      { from: 2n, to: 3n },
      { from: 2n, to: 2n },
      { from: 3n, to: 3n },
      { from: 4n, to: 7n },
      { from: 8n, to: 15n },
      { from: 16n, to: 23n },
    ]);
  });

  it('reads several windows at once, never more than asked, and still returns logs in chain order', async () => {
    const { client, maxInFlight } = fakeRpc({ delayMs: 5 });
    const logs = await getLogsChunked(client, { address, topics: [], fromBlock: 0n, toBlock: 99n, chunkBlocks: 10n, concurrency: 3 });
    expect(maxInFlight()).toBe(3);
    expect(logs.map((log) => log.blockNumber)).toEqual(Array.from({ length: 100 }, (_, i) => BigInt(i)));
  });

  it('stops taking new windows once one fails', async () => {
    const { client, queried } = fakeRpc({ failWith: new Error('connection refused'), delayMs: 1 });
    await expect(getLogsChunked(client, { address, topics: [], fromBlock: 0n, toBlock: 99n, chunkBlocks: 10n, concurrency: 2 })).rejects.toThrow('connection refused');
    expect(queried.length).toBeLessThanOrEqual(3);
  });

  it('rethrows other failures instead of retrying', async () => {
    const { client, queried } = fakeRpc({ failWith: new Error('connection refused') });
    await expect(getLogsChunked(client, { address, topics: [], fromBlock: 0n, toBlock: 20n })).rejects.toThrow('connection refused');
    expect(queried).toHaveLength(1);
  });

  it('makes no query for an empty range', async () => {
    const { client, queried } = fakeRpc();
    expect(await getLogsChunked(client, { address, topics: [], fromBlock: 10n, toBlock: 9n })).toEqual([]);
    expect(queried).toEqual([]);
  });
});
