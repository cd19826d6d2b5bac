import { decodeEventLog, type Address, type Hex, type Log, type PublicClient } from 'viem';
import { chartkeyConsentAbi } from '@/contracts-abi';
import { addressTopic, eventSelector, getLogsChunked, type ConsentEventName } from '@/lib/consent';
import { shortAddress } from '@/lib/requests/labels';

/** One thing that happened to a patient's records or consents, as the chain recorded it. */
export type ActivityEntry = {
  readonly id: string;
  readonly kind:
    | 'key-registered'
    | 'record-added'
    | 'record-replaced'
    | 'record-removed'
    | 'shared'
    | 'revoked'
    | 'revoked-all'
    | 'requested'
    | 'request-approved'
    | 'request-denied'
    | 'request-cancelled';
  readonly recordId: bigint | null;
  readonly counterparty: Address | null;
  readonly expiresAt: bigint | null;
  readonly requestId: bigint | null;
  readonly blockNumber: bigint;
  readonly transactionHash: Hex;
  readonly logIndex: number;
};

const eventsNamed = (names: readonly ConsentEventName[]): Hex[] => names.map(eventSelector);

// Events whose first indexed argument is the patient, and request events where it is the second.
const PATIENT_FIRST = eventsNamed(['EncryptionKeyRegistered', 'RecordAdded', 'RecordReplaced', 'RecordRemoved', 'AccessGranted', 'AccessRevoked', 'AllAccessRevoked']);
const PATIENT_SECOND = eventsNamed(['AccessRequested', 'AccessRequestApproved', 'AccessRequestDenied', 'AccessRequestCancelled']);

/**
 * The patient's audit timeline, newest first, read from the consent contract's events in
 * block-range chunks from its deployment block: two `eth_getLogs` scans per range, whatever
 * the number of records. Times come separately (`readBlockTimes` in lib/consent) so a page of the
 * timeline costs only the blocks it shows.
 */
export async function readPatientActivity(
  client: Pick<PublicClient, 'request' | 'getBlockNumber'>,
  scan: { contract: Address; fromBlock: bigint; patient: Address },
): Promise<ActivityEntry[]> {
  const toBlock = await client.getBlockNumber({ cacheTime: 0 });
  const patientTopic = addressTopic(scan.patient);
  const [first, second] = await Promise.all([
    getLogsChunked(client, { address: scan.contract, topics: [PATIENT_FIRST, patientTopic], fromBlock: scan.fromBlock, toBlock }),
    getLogsChunked(client, { address: scan.contract, topics: [PATIENT_SECOND, null, patientTopic], fromBlock: scan.fromBlock, toBlock }),
  ]);
  return [...first, ...second]
    .map(toActivityEntry)
    .filter((entry): entry is ActivityEntry => entry !== null)
    .sort((a, b) => (a.blockNumber === b.blockNumber ? b.logIndex - a.logIndex : a.blockNumber > b.blockNumber ? -1 : 1));
}

/** Turns one consent-contract log into a timeline entry; null for events the timeline doesn't show. */
export function toActivityEntry(log: Log): ActivityEntry | null {
  if (log.blockNumber === null || log.transactionHash === null || log.logIndex === null) return null;
  let decoded;
  try {
    decoded = decodeEventLog({ abi: chartkeyConsentAbi, data: log.data, topics: log.topics });
  } catch {
    return null; // an event from a newer contract version: not ours to interpret
  }
  const base = {
    id: `${log.transactionHash}:${log.logIndex}`,
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
    logIndex: log.logIndex,
    recordId: null,
    counterparty: null,
    expiresAt: null,
    requestId: null,
  };
  switch (decoded.eventName) {
    case 'EncryptionKeyRegistered':
      return { ...base, kind: 'key-registered' };
    case 'RecordAdded':
      return { ...base, kind: 'record-added', recordId: decoded.args.recordId };
    case 'RecordReplaced':
      return { ...base, kind: 'record-replaced', recordId: decoded.args.recordId };
    case 'RecordRemoved':
      return { ...base, kind: 'record-removed', recordId: decoded.args.recordId };
    case 'AccessGranted':
      return { ...base, kind: 'shared', recordId: decoded.args.recordId, counterparty: decoded.args.clinician, expiresAt: decoded.args.expiresAt };
    case 'AccessRevoked':
      return { ...base, kind: 'revoked', recordId: decoded.args.recordId, counterparty: decoded.args.clinician };
    case 'AllAccessRevoked':
      return { ...base, kind: 'revoked-all', counterparty: decoded.args.clinician };
    case 'AccessRequested':
      return { ...base, kind: 'requested', counterparty: decoded.args.clinician, requestId: decoded.args.requestId };
    case 'AccessRequestApproved':
      return { ...base, kind: 'request-approved', counterparty: decoded.args.clinician, requestId: decoded.args.requestId };
    case 'AccessRequestDenied':
      return { ...base, kind: 'request-denied', counterparty: decoded.args.clinician, requestId: decoded.args.requestId };
    case 'AccessRequestCancelled':
      return { ...base, kind: 'request-cancelled', counterparty: decoded.args.clinician, requestId: decoded.args.requestId };
    default:
      return null;
  }
}

/** A plain sentence for an entry, for the timeline and for screen readers. */
export function describeActivity(
  entry: ActivityEntry,
  recordName: (id: bigint) => string,
  clinicianName: (address: Address) => string | undefined = () => undefined,
): string {
  const record = entry.recordId === null ? '' : recordName(entry.recordId);
  const who = entry.counterparty ? (clinicianName(entry.counterparty) ?? shortAddress(entry.counterparty)) : '';
  switch (entry.kind) {
    case 'key-registered':
      return 'You set up your encryption key.';
    case 'record-added':
      return `You added ${record}.`;
    case 'record-replaced':
      return `You replaced ${record} with a new version.`;
    case 'record-removed':
      return `You removed ${record}.`;
    case 'shared':
      return `You shared ${record} with ${who} until ${new Date(Number(entry.expiresAt ?? 0n) * 1000).toLocaleDateString()}.`;
    case 'revoked':
      return `You revoked ${who}’s access to ${record}.`;
    case 'revoked-all':
      return `You revoked all of ${who}’s access.`;
    case 'requested':
      return `${who} asked for access.`;
    case 'request-approved':
      return `You approved ${who}’s request.`;
    case 'request-denied':
      return `You denied ${who}’s request.`;
    case 'request-cancelled':
      return `${who} cancelled their request.`;
  }
}
