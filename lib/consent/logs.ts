import { mapWithConcurrency } from '@/lib/async/map-with-concurrency';
import { formatLog, numberToHex, type Address, type Log, type LogTopic, type PublicClient } from 'viem';

/**
 * Largest JSON-RPC response the app's transport accepts (viem's default is 10 MiB). Consent history is
 * read as logs, and each record or grant event carries a ~140-byte sealed locator: a patient with
 * 10,000 records and 10,000 grants has ~21 MB of it. Under viem's default the scan has the node build
 * that answer, throws it away and asks again in halves (measured: 12 queries, ~3.6 s, instead of 2 and
 * ~1.2 s). Providers that cap results themselves still refuse, and the scan still splits for them.
 */
export const RPC_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Blocks per `eth_getLogs` query: inside the limits public RPC providers commonly enforce. */
export const DEFAULT_LOG_CHUNK_BLOCKS = 5_000n;

/** The only client capability log scans need, so callers may pass any viem public client. */
export type LogClient = Pick<PublicClient, 'request'>;

export type ChunkedLogFilter = {
  readonly address: Address;
  /**
   * Raw topic filter (`eth_getLogs` semantics): position 0 is the event selector(s), then indexed
   * arguments; an array means "any of", null means "anything". Raw topics let one query match several
   * events on a shared indexed argument, which viem's typed `getLogs` cannot express.
   */
  readonly topics: readonly LogTopic[];
  readonly fromBlock: bigint;
  /** Inclusive. */
  readonly toBlock: bigint;
  /** Blocks per query window; a window the RPC refuses as too large is split automatically. */
  readonly chunkBlocks?: bigint;
};

/** RPC messages that mean "ask for fewer blocks" rather than a real failure (they vary by provider). */
const RANGE_TOO_LARGE = /block range|range (is )?too (large|wide)|too many (results|logs|blocks)|more than \d+ (results|logs)|limit exceeded|exceeds? (the )?(max|limit)|response size|response body exceeded/i;

/** Block-range windows read at the same time: fast on a long chain, gentle enough for rate-limited providers. */
export const DEFAULT_LOG_CONCURRENCY = 4;

/**
 * Reads logs from `fromBlock` to `toBlock` in fixed block-range windows, so a scan from the contract's
 * deployment block works on RPCs that cap a query's range or result size. Up to `concurrency` windows
 * are read at once (a scan over a public chain is hundreds of windows; one after another they would
 * take a round trip each). A window the RPC or the client refuses as too large is split in two and each
 * half read on its own, recursively, so one dense stretch of blocks costs a few extra queries there
 * and never shrinks the rest of the scan. Logs come back in chain order.
 */
export async function getLogsChunked(
  client: LogClient,
  filter: ChunkedLogFilter & { readonly concurrency?: number },
): Promise<Log[]> {
  const chunk = filter.chunkBlocks ?? DEFAULT_LOG_CHUNK_BLOCKS;
  if (chunk < 1n) throw new RangeError('chunkBlocks must be at least 1.');

  const windows: { from: bigint; to: bigint }[] = [];
  for (let from = filter.fromBlock; from <= filter.toBlock; from += chunk) windows.push({ from, to: min(from + chunk - 1n, filter.toBlock) });

  const results = await mapWithConcurrency(windows, filter.concurrency ?? DEFAULT_LOG_CONCURRENCY, ({ from, to }) => readRange(client, filter, from, to));
  return results.flat();
}

async function readRange(client: LogClient, filter: ChunkedLogFilter, from: bigint, to: bigint): Promise<Log[]> {
  try {
    const raw = await client.request({
      method: 'eth_getLogs',
      params: [{ address: filter.address, topics: [...filter.topics], fromBlock: numberToHex(from), toBlock: numberToHex(to) }],
    });
    return raw.map((log) => formatLog(log));
  } catch (error) {
    if (to > from && RANGE_TOO_LARGE.test(errorText(error))) {
      const middle = from + (to - from) / 2n;
      return [...(await readRange(client, filter, from, middle)), ...(await readRange(client, filter, middle + 1n, to))];
    }
    throw error;
  }
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const details = (error as { details?: unknown }).details;
  return `${error.message} ${typeof details === 'string' ? details : ''}`;
}
