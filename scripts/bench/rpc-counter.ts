/**
 * Counts the JSON-RPC requests a viem client really sends: the count comes from the HTTP transport's
 * own fetch hook, so retries and batches are seen exactly as the node sees them.
 */
import { http, type HttpTransport } from 'viem';
import { RPC_MAX_RESPONSE_BYTES } from '@/lib/consent/logs';

export class RpcRequestCounter {
  private readonly counts = new Map<string, number>();
  private httpRequests = 0;

  /** Records one HTTP request with this JSON-RPC body (a single call or a batch). */
  recordBody(body: unknown): void {
    this.httpRequests += 1;
    for (const method of methodsOfBody(body)) this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
  }

  /** JSON-RPC calls (a batch of n counts n). */
  get calls(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  /** HTTP round trips. */
  get requests(): number {
    return this.httpRequests;
  }

  byMethod(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
    this.httpRequests = 0;
  }
}

/** The JSON-RPC method names in a request body; "unknown" for anything unparseable. */
export function methodsOfBody(body: unknown): string[] {
  if (typeof body !== 'string') return ['unknown'];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return ['unknown'];
  }
  const calls = Array.isArray(parsed) ? parsed : [parsed];
  return calls.map((call: unknown) => {
    const method = typeof call === 'object' && call !== null ? (call as { method?: unknown }).method : undefined;
    return typeof method === 'string' ? method : 'unknown';
  });
}

/** viem's HTTP transport configured as the app's wagmi config (no batching, same response cap), reporting every request to `counter`. */
export function countingHttpTransport(url: string, counter: RpcRequestCounter): HttpTransport {
  return http(url, {
    maxResponseBodySize: RPC_MAX_RESPONSE_BYTES,
    onFetchRequest: (_request, init) => {
      counter.recordBody(init.body);
    },
  });
}
