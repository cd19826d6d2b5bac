import { formatLog, numberToHex, type Address, type Log, type LogTopic, type PublicClient } from 'viem';

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
  /** Blocks per query; halved automatically when the RPC refuses a range as too large. */
  readonly chunkBlocks?: bigint;
};

/** RPC messages that mean "ask for fewer blocks" rather than a real failure (they vary by provider). */
const RANGE_TOO_LARGE = /block range|range (is )?too (large|wide)|too many (results|logs|blocks)|more than \d+ (results|logs)|limit exceeded|exceeds? (the )?(max|limit)|response size|response body exceeded/i;

/**
 * Reads logs from `fromBlock` to `toBlock` in consecutive block ranges, so a scan from the contract's
 * deployment block works on RPCs that cap a query's range or result size. Ranges are read one after
 * another (not in parallel) to stay within providers' rate limits; logs come back in chain order.
 */
export async function getLogsChunked(client: LogClient, filter: ChunkedLogFilter): Promise<Log[]> {
  let chunk = filter.chunkBlocks ?? DEFAULT_LOG_CHUNK_BLOCKS;
  if (chunk < 1n) throw new RangeError('chunkBlocks must be at least 1.');
  const logs: Log[] = [];
  let from = filter.fromBlock;
  while (from <= filter.toBlock) {
    const to = min(from + chunk - 1n, filter.toBlock);
    try {
      const raw = await client.request({
        method: 'eth_getLogs',
        params: [
          {
            address: filter.address,
            topics: [...filter.topics],
            fromBlock: numberToHex(from),
            toBlock: numberToHex(to),
          },
        ],
      });
      for (const log of raw) logs.push(formatLog(log));
      from = to + 1n;
    } catch (error) {
      if (to > from && RANGE_TOO_LARGE.test(errorText(error))) {
        chunk = (to - from + 1n) / 2n;
        continue;
      }
      throw error;
    }
  }
  return logs;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const details = (error as { details?: unknown }).details;
  return `${error.message} ${typeof details === 'string' ? details : ''}`;
}
