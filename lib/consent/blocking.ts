import type { Address } from 'viem';
import { compareEventPositions } from './derive';
import { consentHistory, withReadError, type ConsentHistoryEvent, type EventPosition, type HistoryScan } from './history';
import type { ConsentClient } from './read';
import { addressTopic } from './topics';

/** An account the patient blocked from sending them access requests, and when. */
export type BlockedRequester = {
  readonly requester: Address;
  /** The block that is still in force (the latest `RequesterBlocked` for this account). */
  readonly blockedAt: EventPosition;
};

const BLOCK_EVENTS = ['RequesterBlocked', 'RequesterUnblocked'] as const;
type BlockEvent = ConsentHistoryEvent<(typeof BLOCK_EVENTS)[number]>;

/**
 * The accounts the patient has blocked now, most recently blocked first.
 *
 * RPC cost: one history query for the patient's `RequesterBlocked`/`RequesterUnblocked` events (both
 * index the patient first); no per-account call.
 */
export async function listBlockedRequesters(client: ConsentClient, { patient, ...scan }: HistoryScan & { patient: Address }): Promise<BlockedRequester[]> {
  const history = consentHistory(client, scan);
  return withReadError('Chartkey could not read which accounts you blocked from the network. Check your connection and try again.', async () =>
    deriveBlockedRequesters(await history.events({ events: BLOCK_EVENTS, indexed: [addressTopic(patient)] }, await history.head())),
  );
}

/** Replays block and unblock events in chain order: the last one per account decides. */
export function deriveBlockedRequesters(events: readonly BlockEvent[]): BlockedRequester[] {
  const blocked = new Map<string, BlockedRequester>();
  for (const event of [...events].sort((a, b) => compareEventPositions(a.at, b.at))) {
    const key = event.requester.toLowerCase();
    if (event.type === 'RequesterBlocked') blocked.set(key, { requester: event.requester, blockedAt: event.at });
    else blocked.delete(key);
  }
  return [...blocked.values()].sort((a, b) => compareEventPositions(b.blockedAt, a.blockedAt));
}
