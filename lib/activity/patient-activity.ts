import type { Address, Hex } from 'viem';
import { addressTopic, consentHistory, withReadError, type ConsentHistoryEvent, type HistoryClient, type HistoryScan } from '@/lib/consent';
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

// Events whose first indexed argument is the patient (the key owner, for EncryptionKeyRegistered), and
// request events, where it is the second.
const PATIENT_FIRST = ['EncryptionKeyRegistered', 'RecordAdded', 'RecordReplaced', 'RecordRemoved', 'AccessGranted', 'AccessRevoked', 'AllAccessRevoked'] as const;
const PATIENT_SECOND = ['AccessRequested', 'AccessRequestApproved', 'AccessRequestDenied', 'AccessRequestCancelled'] as const;

/** An event the timeline shows. */
export type ActivityEvent = ConsentHistoryEvent<(typeof PATIENT_FIRST)[number] | (typeof PATIENT_SECOND)[number]>;

/**
 * The patient's audit timeline, newest first, read from the consent contract's history (two event
 * queries per block range, whatever the number of records). Times come separately (`readBlockTimes`
 * in lib/consent) so a page of the timeline costs only the blocks it shows.
 */
export async function readPatientActivity(client: HistoryClient, { patient, ...scan }: HistoryScan & { patient: Address }): Promise<ActivityEntry[]> {
  const history = consentHistory(client, scan);
  return withReadError('Chartkey could not read your activity from the network. Check your connection and try again.', async () => {
    const head = await history.head();
    const patientTopic = addressTopic(patient);
    const [first, second] = await Promise.all([
      history.events({ events: PATIENT_FIRST, indexed: [patientTopic] }, head),
      history.events({ events: PATIENT_SECOND, indexed: [null, patientTopic] }, head),
    ]);
    return [...first, ...second].map(toActivityEntry).sort((a, b) => (a.blockNumber === b.blockNumber ? b.logIndex - a.logIndex : a.blockNumber > b.blockNumber ? -1 : 1));
  });
}

/** Turns one consent event into a timeline entry. */
export function toActivityEntry(event: ActivityEvent): ActivityEntry {
  const { at } = event;
  const base = {
    id: `${at.transactionHash}:${at.logIndex}`,
    blockNumber: at.blockNumber,
    transactionHash: at.transactionHash,
    logIndex: at.logIndex,
    recordId: null,
    counterparty: null,
    expiresAt: null,
    requestId: null,
  };
  switch (event.type) {
    case 'EncryptionKeyRegistered':
      return { ...base, kind: 'key-registered' };
    case 'RecordAdded':
      return { ...base, kind: 'record-added', recordId: event.recordId };
    case 'RecordReplaced':
      return { ...base, kind: 'record-replaced', recordId: event.recordId };
    case 'RecordRemoved':
      return { ...base, kind: 'record-removed', recordId: event.recordId };
    case 'AccessGranted':
      return { ...base, kind: 'shared', recordId: event.recordId, counterparty: event.clinician, expiresAt: event.expiresAt };
    case 'AccessRevoked':
      return { ...base, kind: 'revoked', recordId: event.recordId, counterparty: event.clinician };
    case 'AllAccessRevoked':
      return { ...base, kind: 'revoked-all', counterparty: event.clinician };
    case 'AccessRequested':
      return { ...base, kind: 'requested', counterparty: event.clinician, requestId: event.requestId };
    case 'AccessRequestApproved':
      return { ...base, kind: 'request-approved', counterparty: event.clinician, requestId: event.requestId };
    case 'AccessRequestDenied':
      return { ...base, kind: 'request-denied', counterparty: event.clinician, requestId: event.requestId };
    case 'AccessRequestCancelled':
      return { ...base, kind: 'request-cancelled', counterparty: event.clinician, requestId: event.requestId };
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
