/**
 * A JSON-RPC proxy in front of anvil that behaves like a public RPC provider, so the benchmark can
 * measure the app's read path under the conditions a deployed Chartkey meets: every response is
 * delayed, calls beyond a rate are refused with HTTP 429, and `eth_getLogs` is refused when it asks
 * for too many blocks or would return too many logs (the limits providers document for their free
 * and paid tiers, e.g. 10,000 results per query and a few thousand blocks per range).
 *
 * Hand-written: the behaviour is a few rules over plain HTTP, and the point is to control them
 * exactly; no kept library simulates a provider's limits.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type PublicRpcLimits = {
  /** Added before every answer, refused or not (a provider's round trip). */
  readonly latencyMs: number;
  /** JSON-RPC calls per second (a batch of n counts n); more in any one-second window get HTTP 429. */
  readonly callsPerSecond: number;
  /** Most blocks one `eth_getLogs` may span (inclusive range). */
  readonly maxLogBlockRange: number;
  /** Most logs one `eth_getLogs` may return. */
  readonly maxLogResults: number;
};

/** The conditions issue 12 asks the benchmark to measure under. */
export const PUBLIC_PROVIDER_LIMITS: PublicRpcLimits = { latencyMs: 40, callsPerSecond: 25, maxLogBlockRange: 100, maxLogResults: 10_000 };

export type ProxyCounts = { calls: number; refusedRateLimited: number; refusedRange: number; refusedResults: number };

export type PublicRpcProxy = {
  readonly url: string;
  readonly counts: Readonly<ProxyCounts>;
  resetCounts(): void;
  stop(): Promise<void>;
};

type RpcCall = { jsonrpc?: string; id?: unknown; method?: unknown; params?: unknown };
type RpcAnswer = { jsonrpc: '2.0'; id: unknown; result?: unknown; error?: { code: number; message: string } };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startPublicRpcProxy(upstreamUrl: string, limits: PublicRpcLimits = PUBLIC_PROVIDER_LIMITS): Promise<PublicRpcProxy> {
  const counts: ProxyCounts = { calls: 0, refusedRateLimited: 0, refusedRange: 0, refusedResults: 0 };
  // Sliding one-second window of accepted calls' times.
  const accepted: number[] = [];

  const admit = (calls: number): boolean => {
    const now = Date.now();
    while (accepted.length > 0 && (accepted[0] ?? 0) <= now - 1_000) accepted.shift();
    if (accepted.length + calls > limits.callsPerSecond) return false;
    for (let i = 0; i < calls; i++) accepted.push(now);
    return true;
  };

  const upstream = (body: unknown): Promise<unknown> => postJson(upstreamUrl, body);

  const blockNumberOf = async (tag: unknown): Promise<bigint> => {
    if (typeof tag === 'string' && /^0x[0-9a-f]+$/i.test(tag)) return BigInt(tag);
    if (tag === 'earliest') return 0n;
    // latest, safe, finalized, pending, or absent (the JSON-RPC default is latest).
    const answer = (await upstream({ jsonrpc: '2.0', id: 0, method: 'eth_blockNumber', params: [] })) as RpcAnswer;
    return BigInt(String(answer.result));
  };

  const answerCall = async (call: RpcCall): Promise<RpcAnswer> => {
    const id = call.id ?? null;
    if (call.method === 'eth_getLogs' && Array.isArray(call.params)) {
      const filter = (call.params[0] ?? {}) as { fromBlock?: unknown; toBlock?: unknown; blockHash?: unknown };
      if (filter.blockHash === undefined) {
        const from = await blockNumberOf(filter.fromBlock);
        const to = await blockNumberOf(filter.toBlock);
        if (to >= from && to - from + 1n > BigInt(limits.maxLogBlockRange)) {
          counts.refusedRange += 1;
          return { jsonrpc: '2.0', id, error: { code: -32602, message: `eth_getLogs is limited to a ${limits.maxLogBlockRange} block range` } };
        }
      }
      const answer = (await upstream(call)) as RpcAnswer;
      if (Array.isArray(answer.result) && answer.result.length > limits.maxLogResults) {
        counts.refusedResults += 1;
        return { jsonrpc: '2.0', id, error: { code: -32005, message: `query returned more than ${limits.maxLogResults} results` } };
      }
      return answer;
    }
    return (await upstream(call)) as RpcAnswer;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const text = await readBody(request);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return send(response, 400, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
    }
    const calls = (Array.isArray(parsed) ? parsed : [parsed]) as RpcCall[];
    await sleep(limits.latencyMs);
    if (!admit(calls.length)) {
      counts.refusedRateLimited += calls.length;
      return send(response, 429, { jsonrpc: '2.0', id: calls[0]?.id ?? null, error: { code: -32005, message: 'Too many requests: rate limit exceeded' } });
    }
    counts.calls += calls.length;
    try {
      const answers = await Promise.all(calls.map(answerCall));
      send(response, 200, Array.isArray(parsed) ? answers : answers[0]);
    } catch {
      send(response, 502, { jsonrpc: '2.0', id: calls[0]?.id ?? null, error: { code: -32603, message: 'Upstream node unavailable' } });
    }
  };

  const server: Server = createServer((request, response) => {
    void handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    resetCounts() {
      counts.calls = 0;
      counts.refusedRateLimited = 0;
      counts.refusedRange = 0;
      counts.refusedResults = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

function postJson(url: string, body: unknown): Promise<unknown> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } }, (incoming) => {
      readBody(incoming).then((answer) => {
        try {
          resolve(JSON.parse(answer));
        } catch (error) {
          reject(error);
        }
      }, reject);
    });
    outgoing.on('error', reject);
    outgoing.end(text);
  });
}
