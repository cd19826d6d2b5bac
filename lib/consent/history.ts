import { parseEventLogs, type Address, type GetEventArgs, type Hex, type Log, type LogTopic, type PublicClient } from 'viem';
import { chartkeyConsentAbi } from '@/contracts-abi';
import { ConsentReadError } from './errors';
import { getLogsChunked } from './logs';
import { eventSelector, type ConsentEventName } from './topics';

/**
 * The one way Chartkey reads the consent contract's history. Every read that replays events (records,
 * grants, requests, profiles, activity) asks a {@link ConsentHistorySource} for "these events, as of
 * this head" and never queries logs itself, so an event indexer can later answer instead of the log
 * scan without touching the reads.
 */

/** Where a history read starts and how the log scan pages; every consent read takes these. */
export type HistoryScan = {
  readonly contract: Address;
  /** The contract's deployment block: scans start here. */
  readonly fromBlock: bigint;
  /** Blocks per log query (default 5,000); smaller for tests or strict providers. */
  readonly chunkBlocks?: bigint;
};

/** The block a read is "as of": its number bounds every event query and its timestamp decides expiry. */
export type HistoryHead = { readonly number: bigint; readonly timestamp: bigint };

/** Which events to return, in `eth_getLogs` topic terms so any log store can answer it. */
export type HistoryFilter<N extends ConsentEventName = ConsentEventName> = {
  /** Any of these events (topic 0). */
  readonly events: readonly N[];
  /**
   * Their indexed arguments in declaration order (topics 1–3): an array means "any of", null or a
   * missing position "anything". One filter may name several events only where they share these positions.
   */
  readonly indexed?: readonly LogTopic[];
};

/** Where an event sits in the chain; events are replayed in this order. */
export type EventPosition = {
  readonly blockNumber: bigint;
  readonly logIndex: number;
  readonly transactionHash: Hex;
};

type EventArgs<N extends ConsentEventName> = GetEventArgs<typeof chartkeyConsentAbi, N, { EnableUnion: false; IndexedOnly: false; Required: true }>;

/** A decoded consent event: its name as `type`, its arguments, and its position. Typed from the generated ABI. */
export type ConsentHistoryEvent<N extends ConsentEventName = ConsentEventName> = N extends ConsentEventName
  ? { readonly type: N; readonly at: EventPosition } & Readonly<EventArgs<N>>
  : never;

export interface ConsentHistorySource {
  /** The newest block the history is complete up to. */
  head(): Promise<HistoryHead>;
  /** The matching events from the scan's start up to `head` inclusive, in chain order. */
  events<N extends ConsentEventName>(filter: HistoryFilter<N>, head: HistoryHead): Promise<ConsentHistoryEvent<N>[]>;
}

/** What reading history needs from a viem public client (wagmi's `usePublicClient()` fits). */
export type HistoryClient = Pick<PublicClient, 'request' | 'getBlock'>;

/**
 * The contract's history for the reads. Today a log scan: one `eth_getBlock` for the head, then
 * `eth_getLogs` per block-range window and filter (lib/consent/logs.ts). An indexer-backed source
 * implementing {@link ConsentHistorySource} is chosen here.
 */
export function consentHistory(client: HistoryClient, scan: HistoryScan): ConsentHistorySource {
  return {
    async head() {
      // getBlock, not getBlockNumber (which viem caches for a polling interval), so a read right after a
      // confirmed transaction sees it; the same call gives the timestamp expiry is judged by.
      const block = await client.getBlock({ blockTag: 'latest' });
      return { number: block.number, timestamp: block.timestamp };
    },
    async events<N extends ConsentEventName>(filter: HistoryFilter<N>, head: HistoryHead) {
      if (filter.events.length === 0 || scan.fromBlock > head.number) return [];
      const logs = await getLogsChunked(client, {
        address: scan.contract,
        topics: [filter.events.map(eventSelector), ...(filter.indexed ?? [])],
        fromBlock: scan.fromBlock,
        toBlock: head.number,
        chunkBlocks: scan.chunkBlocks,
      });
      return decodeConsentLogs(logs, filter.events);
    },
  };
}

/**
 * Decodes consent-contract logs into typed events, in the order given. Leaves out logs that are not
 * one of `only` (when given), do not decode with the generated ABI (another contract, or an event a
 * newer contract version added), or have no position yet (pending).
 */
export function decodeConsentLogs<N extends ConsentEventName = ConsentEventName>(logs: readonly Log[], only?: readonly N[]): ConsentHistoryEvent<N>[] {
  const events: ConsentHistoryEvent<N>[] = [];
  for (const log of parseEventLogs({ abi: chartkeyConsentAbi, logs: [...logs], strict: true, eventName: only ? [...only] : undefined })) {
    if (log.blockNumber === null || log.logIndex === null || log.transactionHash === null) continue;
    const at: EventPosition = { blockNumber: log.blockNumber, logIndex: log.logIndex, transactionHash: log.transactionHash };
    // TypeScript cannot tie a decoded log's eventName to its args across the union; parseEventLogs decoded
    // exactly this event's arguments, so the flattened object is that event.
    events.push({ type: log.eventName, ...log.args, at } as unknown as ConsentHistoryEvent<N>);
  }
  return events;
}

/**
 * Runs a chain read so that any failure reaches the caller as a {@link ConsentReadError} with the
 * caller's sentence (the original error kept as `cause`). A ConsentReadError from inside passes
 * through unchanged: its sentence is the more specific one.
 */
export async function withReadError<T>(failure: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ConsentReadError) throw error;
    throw new ConsentReadError(failure, { cause: error });
  }
}
