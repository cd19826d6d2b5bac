import type { Address, Hex, LogTopic } from 'viem';
import { compareEventPositions } from './derive';
import { consentHistory, withReadError, type ConsentHistoryEvent, type EventPosition, type HistoryScan } from './history';
import { addressTopic } from './topics';
import type { ConsentClient } from './read';

/**
 * Access requests, read from events: one `eth_getLogs` per 5,000-block range for a patient's or a
 * clinician's whole request history (the request and its closing event share the indexed patient and
 * clinician topics), then replayed in chain order. No per-request RPC call.
 */

/** Purpose codes, in the contract's `Purpose` enum order. */
export const REQUEST_PURPOSES = ['treatment', 'referral', 'second-opinion', 'emergency', 'research', 'administrative'] as const;
export type RequestPurpose = (typeof REQUEST_PURPOSES)[number];
export type RequestStatus = 'pending' | 'approved' | 'denied' | 'cancelled';

export type AccessRequest = {
  readonly requestId: bigint;
  readonly patient: Address;
  readonly clinician: Address;
  readonly purpose: RequestPurpose;
  /** Records asked for; empty means all of the patient's records. */
  readonly recordIds: readonly bigint[];
  /** Hash of an off-chain note, or null when none was attached. */
  readonly noteHash: Hex | null;
  readonly status: RequestStatus;
  readonly requestedAt: EventPosition;
};

const REQUEST_EVENTS = ['AccessRequested', 'AccessRequestApproved', 'AccessRequestDenied', 'AccessRequestCancelled'] as const;
type RequestEvent = ConsentHistoryEvent<(typeof REQUEST_EVENTS)[number]>;
const ZERO_HASH = `0x${'0'.repeat(64)}`;
const READ_FAILED = 'Chartkey could not read access requests from the network. Check your connection and try again.';

/** Requests made to the patient that are still waiting for an answer, newest first. */
export async function listPendingRequests(client: ConsentClient, { patient, ...scan }: HistoryScan & { patient: Address }): Promise<AccessRequest[]> {
  // Request events index (requestId, patient, clinician).
  const requests = await readRequests(client, scan, [null, addressTopic(patient)]);
  return requests.filter((request) => request.status === 'pending');
}

/** Every request the clinician made, with its current status, newest first. */
export async function listClinicianRequests(
  client: ConsentClient,
  { clinician, ...scan }: HistoryScan & { clinician: Address },
): Promise<AccessRequest[]> {
  return readRequests(client, scan, [null, null, addressTopic(clinician)]);
}

async function readRequests(client: ConsentClient, scan: HistoryScan, indexed: readonly LogTopic[]): Promise<AccessRequest[]> {
  const history = consentHistory(client, scan);
  return withReadError(READ_FAILED, async () => {
    const head = await history.head();
    return deriveRequests(await history.events({ events: REQUEST_EVENTS, indexed }, head));
  });
}

/** Replays request events in chain order: the request creates it, a later closing event sets its status. */
export function deriveRequests(events: readonly RequestEvent[]): AccessRequest[] {
  const byId = new Map<bigint, AccessRequest>();
  for (const event of [...events].sort((a, b) => compareEventPositions(a.at, b.at))) {
    if (event.type === 'AccessRequested') {
      const { requestId, patient, clinician, purpose, recordIds, noteHash, at } = event;
      byId.set(requestId, {
        requestId,
        patient,
        clinician,
        // Unknown future codes fall back to the most general purpose rather than failing the whole list.
        purpose: REQUEST_PURPOSES[purpose] ?? 'administrative',
        recordIds: [...recordIds],
        noteHash: noteHash === ZERO_HASH ? null : noteHash,
        status: 'pending',
        requestedAt: at,
      });
      continue;
    }
    const request = byId.get(event.requestId);
    if (request) byId.set(request.requestId, { ...request, status: CLOSING_STATUS[event.type] });
  }
  return [...byId.values()].sort((a, b) => compareEventPositions(b.requestedAt, a.requestedAt));
}

const CLOSING_STATUS = {
  AccessRequestApproved: 'approved',
  AccessRequestDenied: 'denied',
  AccessRequestCancelled: 'cancelled',
} as const satisfies Record<Exclude<RequestEvent['type'], 'AccessRequested'>, RequestStatus>;
