import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { numberToHex, pad, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLogsChunked } from '@/lib/consent/logs';
import { startPublicRpcProxy } from './public-rpc-proxy';

/** A stand-in node: 30,000 blocks, one log in every block; enough of eth_* for the proxy's rules. */
const HEAD = 30_000;
let upstream: Server;
let upstreamUrl: string;

const logAt = (block: number) => ({
  address: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
  topics: [pad('0x01')],
  data: '0x',
  blockNumber: numberToHex(block),
  blockHash: pad(numberToHex(block)),
  transactionHash: pad(numberToHex(block + 1)),
  transactionIndex: '0x0',
  logIndex: '0x0',
  removed: false,
});

beforeAll(async () => {
  upstream = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const call = JSON.parse(text) as { id: number; method: string; params: [{ fromBlock: Hex; toBlock: Hex }] };
      const result =
        call.method === 'eth_blockNumber'
          ? numberToHex(HEAD)
          : call.method === 'eth_getLogs'
            ? Array.from({ length: Number(BigInt(call.params[0].toBlock) - BigInt(call.params[0].fromBlock)) + 1 }, (_, i) => logAt(Number(BigInt(call.params[0].fromBlock)) + i))
            : '0x1';
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ jsonrpc: '2.0', id: call.id, result }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

const rpc = async (url: string, method: string, params: unknown[] = []) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  return { status: response.status, body: (await response.json()) as { result?: unknown; error?: { message: string } } };
};

describe('public RPC proxy', () => {
  it('forwards calls after the added latency', async () => {
    const proxy = await startPublicRpcProxy(upstreamUrl, { latencyMs: 60, callsPerSecond: 100, maxLogBlockRange: 100, maxLogResults: 10_000 });
    try {
      const started = performance.now();
      expect((await rpc(proxy.url, 'eth_blockNumber')).body.result).toBe(numberToHex(HEAD));
      expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    } finally {
      await proxy.stop();
    }
  });

  it('refuses log queries over the block range or result cap, resolving "latest" against the node', async () => {
    const proxy = await startPublicRpcProxy(upstreamUrl, { latencyMs: 0, callsPerSecond: 100, maxLogBlockRange: 100, maxLogResults: 50 });
    try {
      expect((await rpc(proxy.url, 'eth_getLogs', [{ fromBlock: '0x1', toBlock: numberToHex(101) }])).body.error?.message).toMatch(/100 block range/);
      expect((await rpc(proxy.url, 'eth_getLogs', [{ fromBlock: numberToHex(HEAD - 200), toBlock: 'latest' }])).body.error?.message).toMatch(/block range/);
      expect((await rpc(proxy.url, 'eth_getLogs', [{ fromBlock: '0x1', toBlock: numberToHex(51) }])).body.error?.message).toMatch(/more than 50 results/);
      expect((await rpc(proxy.url, 'eth_getLogs', [{ fromBlock: '0x1', toBlock: numberToHex(50) }])).body.result).toHaveLength(50);
      expect(proxy.counts).toMatchObject({ refusedRange: 2, refusedResults: 1 });
    } finally {
      await proxy.stop();
    }
  });

  it('answers HTTP 429 beyond the call rate, and accepts again a second later', async () => {
    const proxy = await startPublicRpcProxy(upstreamUrl, { latencyMs: 0, callsPerSecond: 5, maxLogBlockRange: 100, maxLogResults: 10_000 });
    try {
      const statuses = (await Promise.all(Array.from({ length: 8 }, () => rpc(proxy.url, 'eth_chainId')))).map((answer) => answer.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(3);
      await new Promise((resolve) => setTimeout(resolve, 1_050));
      expect((await rpc(proxy.url, 'eth_chainId')).status).toBe(200);
    } finally {
      await proxy.stop();
    }
  });

  it('is something the app’s log scan gets through: refused ranges are split until they fit', async () => {
    const proxy = await startPublicRpcProxy(upstreamUrl, { latencyMs: 0, callsPerSecond: 10_000, maxLogBlockRange: 100, maxLogResults: 10_000 });
    try {
      const client = { request: async ({ method, params }: { method: string; params: unknown[] }) => {
        const { body } = await rpc(proxy.url, method, params);
        if (body.error) throw new Error(body.error.message);
        return body.result;
      } } as Parameters<typeof getLogsChunked>[0];
      const logs = await getLogsChunked(client, { address: '0x5fbdb2315678afecb367f032d93f642f64180aa3', topics: [], fromBlock: 1n, toBlock: 1_000n, chunkBlocks: 500n });
      expect(logs).toHaveLength(1_000);
      expect(proxy.counts.refusedRange).toBeGreaterThan(0);
    } finally {
      await proxy.stop();
    }
  });
});
