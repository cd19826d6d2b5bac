import { parseEventLogs, type Address, type Hex, type Log, type LogTopic } from 'viem';
import { chartkeyConsentAbi } from '@/contracts-abi';
import { compareEventPositions, type EventPosition } from './derive';
import { ConsentReadError } from './errors';
import { getLogsChunked } from './logs';
import { addressTopic, eventSelector } from './topics';
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

type ScanOptions = { readonly contract: Address; readonly fromBlock: bigint; readonly chunkBlocks?: bigint };

const EVENT_NAMES = ['AccessRequested', 'AccessRequestApproved', 'AccessRequestDenied', 'AccessRequestCancelled'] as const;
const SELECTORS = EVENT_NAMES.map(eventSelector);
const ZERO_HASH = `0x${'0'.repeat(64)}`;

/** Requests made to the patient that are still waiting for an answer, newest first. */
export async function listPendingRequests(client: ConsentClient, { patient, ...scan }: ScanOptions & { patient: Address }): Promise<AccessRequest[]> {
  const requests = await scanRequests(client, scan, [SELECTORS, null, addressTopic(patient)]);
  return requests.filter((request) => request.status === 'pending');
}

/** Every request the clinician made, with its current status, newest first. */
export async function listClinicianRequests(
  client: ConsentClient,
  { clinician, ...scan }: ScanOptions & { clinician: Address },
): Promise<AccessRequest[]> {
  return scanRequests(client, scan, [SELECTORS, null, null, addressTopic(clinician)]);
}

async function scanRequests(client: ConsentClient, scan: ScanOptions, topics: LogTopic[]): Promise<AccessRequest[]> {
  try {
    const head = await client.getBlock({ blockTag: 'latest' });
    if (scan.fromBlock > head.number) return [];
    const logs = await getLogsChunked(client, { address: scan.contract, topics, fromBlock: scan.fromBlock, toBlock: head.number, chunkBlocks: scan.chunkBlocks });
    return deriveRequests(logs);
  } catch (error) {
    throw new ConsentReadError('Chartkey could not read access requests from the network. Check your connection and try again.', { cause: error });
  }
}

/** Replays request events in chain order: the request creates it, a later closing event sets its status. */
export function deriveRequests(logs: readonly Log[]): AccessRequest[] {
  const byId = new Map<bigint, AccessRequest>();
  const events = parseEventLogs({ abi: chartkeyConsentAbi, logs: [...logs], strict: true }).flatMap((log) =>
    log.blockNumber === null || log.logIndex === null || log.transactionHash === null
      ? []
      : [{ log, at: { blockNumber: log.blockNumber, logIndex: log.logIndex, transactionHash: log.transactionHash } }],
  );
  events.sort((a, b) => compareEventPositions(a.at, b.at));
  for (const { log, at } of events) {
    if (log.eventName === 'AccessRequested') {
      const { requestId, patient, clinician, purpose, recordIds, noteHash } = log.args;
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
    const status = CLOSING_STATUS[log.eventName as keyof typeof CLOSING_STATUS];
    if (status === undefined || !('requestId' in log.args)) continue;
    const request = byId.get(log.args.requestId as bigint);
    if (request) byId.set(request.requestId, { ...request, status });
  }
  return [...byId.values()].sort((a, b) => compareEventPositions(b.requestedAt, a.requestedAt));
}

const CLOSING_STATUS = {
  AccessRequestApproved: 'approved',
  AccessRequestDenied: 'denied',
  AccessRequestCancelled: 'cancelled',
} as const satisfies Record<string, RequestStatus>;
