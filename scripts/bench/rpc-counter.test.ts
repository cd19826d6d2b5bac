import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicClient } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RpcRequestCounter, countingHttpTransport, methodsOfBody } from './rpc-counter';

describe('methodsOfBody', () => {
  it('reads single calls and batches', () => {
    expect(methodsOfBody('{"jsonrpc":"2.0","id":1,"method":"eth_getLogs","params":[]}')).toEqual(['eth_getLogs']);
    expect(methodsOfBody('[{"method":"eth_chainId"},{"method":"eth_blockNumber"}]')).toEqual(['eth_chainId', 'eth_blockNumber']);
  });

  it('counts what it cannot read as unknown rather than dropping it', () => {
    expect(methodsOfBody('not json')).toEqual(['unknown']);
    expect(methodsOfBody(undefined)).toEqual(['unknown']);
    expect(methodsOfBody('{"id":1}')).toEqual(['unknown']);
  });
});

describe('countingHttpTransport', () => {
  // A real JSON-RPC server on a free port: the counter must see exactly what goes over HTTP.
  let server: Server;
  let url: string;
  let served = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        served += 1;
        const call = JSON.parse(body) as { id: number; method: string };
        const result = call.method === 'eth_chainId' ? '0x7a69' : '0x10';
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ jsonrpc: '2.0', id: call.id, result }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('counts every request the client sends, by method', async () => {
    const counter = new RpcRequestCounter();
    const client = createPublicClient({ transport: countingHttpTransport(url, counter) });
    served = 0;
    expect(await client.getChainId()).toBe(31337);
    await client.request({ method: 'eth_blockNumber' });
    await client.request({ method: 'eth_blockNumber' });
    expect(counter.requests).toBe(served);
    expect(counter.requests).toBe(3);
    expect(counter.calls).toBe(3);
    expect(counter.byMethod()).toEqual({ eth_blockNumber: 2, eth_chainId: 1 });
    counter.reset();
    expect(counter.requests).toBe(0);
    expect(counter.byMethod()).toEqual({});
  });
});
