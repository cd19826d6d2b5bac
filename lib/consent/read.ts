import { zeroHash, type Address, type Hex, type PublicClient } from 'viem';
import { chartkeyConsentAbi } from '@/contracts-abi';
import {
  deriveGrants,
  deriveRecordLifecycles,
  deriveRecords,
  type ClinicianGrantStatus,
  type ConsentEvent,
  type DerivedGrant,
  type PatientRecord,
  type RecordGrantStatus,
} from './derive';
import { consentHistory, withReadError, type HistoryScan } from './history';
import { addressTopic, uintTopic } from './topics';

/**
 * Read side of the consent contract for the UI: pure viem, no React.
 *
 * RPC cost: each list call reads one head block (a consistent "as of" block: its number bounds every
 * event query and its timestamp decides expiry) plus one `eth_getLogs` per 5,000-block range and event
 * group (lib/consent/history.ts) — never one call per record or grant. Status is derived from events
 * rather than by calling `hasAccess` per grant: every state change emits an event, so replay is exact,
 * and it needs no Multicall3 (absent on a fresh anvil). Statuses are "as of the latest block", the same
 * moment `hasAccess` would judge at.
 */

/** What the read helpers need from a viem public client (wagmi's `usePublicClient()` fits). */
export type ConsentClient = Pick<PublicClient, 'request' | 'readContract' | 'getBlock'>;

export type { ClinicianGrantStatus, PatientRecord, RecordGrantStatus };

export type RecordGrant = {
  readonly clinician: Address;
  /** Unix seconds of the latest grant's expiry. */
  readonly expiresAt: bigint;
  readonly status: RecordGrantStatus;
  readonly grantedAtBlock: bigint;
  readonly transactionHash: Hex;
};

export type ClinicianGrant = {
  readonly patient: Address;
  readonly recordId: bigint;
  /** The record's CID and content key sealed to the clinician (from the latest grant). */
  readonly clinicianLocator: Hex;
  /** Unix seconds of the latest grant's expiry. */
  readonly expiresAt: bigint;
  readonly status: ClinicianGrantStatus;
  readonly grantedAtBlock: bigint;
  readonly transactionHash: Hex;
};

/** One clinician's latest grant on one of the patient's records, as of the latest block. */
export type PatientGrant = {
  readonly recordId: bigint;
  readonly clinician: Address;
  /** Unix seconds of the latest grant's expiry (also when since revoked). */
  readonly expiresAt: bigint;
  /**
   * As the contract's `hasAccess` would judge now. A grant on a record the patient removed is
   * `revoked` (removal ended it), as in `listRecordGrants`.
   */
  readonly status: RecordGrantStatus;
  readonly grantedAtBlock: bigint;
  readonly transactionHash: Hex;
};

const READ_FAILED = 'Chartkey could not read sharing information from the network. Check your connection and try again.';

/** Patients per lifecycle query: keeps the topic "any of" list within what providers accept. */
const ADDRESSES_PER_QUERY = 100;

/** The account's registered X25519 public key, or null when it has none. */
export async function readEncryptionKey(
  client: ConsentClient,
  { contract, account }: { contract: Address; account: Address },
): Promise<Hex | null> {
  return withReadError('Chartkey could not read encryption keys from the network. Check your connection and try again.', async () => {
    const key = await client.readContract({ address: contract, abi: chartkeyConsentAbi, functionName: 'encryptionKeyOf', args: [account] });
    return key === zeroHash ? null : key;
  });
}

/** The patient's records that are not removed, newest first, each with its current version's locator. */
export async function listPatientRecords(
  client: ConsentClient,
  { patient, ...scan }: HistoryScan & { patient: Address },
): Promise<PatientRecord[]> {
  const history = consentHistory(client, scan);
  return withReadError(READ_FAILED, async () => {
    const head = await history.head();
    const events = await history.events({ events: ['RecordAdded', 'RecordReplaced', 'RecordRemoved'], indexed: [addressTopic(patient)] }, head);
    return deriveRecords(events);
  });
}

/** Every clinician ever granted access to the record, with the latest grant's expiry and status; newest change first. */
export async function listRecordGrants(
  client: ConsentClient,
  { recordId, ...scan }: HistoryScan & { recordId: bigint },
): Promise<RecordGrant[]> {
  const history = consentHistory(client, scan);
  return withReadError(READ_FAILED, async () => {
    const head = await history.head();
    const recordTopic = uintTopic(recordId);
    const grantEvents: ConsentEvent[] = await history.events({ events: ['AccessGranted', 'AccessRevoked'], indexed: [null, null, recordTopic] }, head);
    // A record has one patient; their revoke-alls void its grants too.
    const patient = grantEvents[0]?.patient;
    if (patient) grantEvents.push(...(await history.events({ events: ['AllAccessRevoked'], indexed: [addressTopic(patient)] }, head)));
    const recordEvents = await history.events({ events: ['RecordReplaced', 'RecordRemoved'], indexed: [null, recordTopic] }, head);
    return deriveGrants(grantEvents, deriveRecordLifecycles(recordEvents), head.timestamp).map((grant) => {
      const { recordId: _recordId, ...view } = patientView(grant);
      return view;
    });
  });
}

/**
 * Every clinician the patient ever granted any record to, with each (record, clinician)'s latest
 * grant and its status; newest change first.
 *
 * RPC cost: one head block plus one `eth_getLogs` per block-range chunk, whatever the number of
 * records or grants (the per-record `listRecordGrants` costs that per record).
 */
export async function listPatientGrants(client: ConsentClient, { patient, ...scan }: HistoryScan & { patient: Address }): Promise<PatientGrant[]> {
  const history = consentHistory(client, scan);
  return withReadError('Chartkey could not read who can see your records from the network. Check your connection and try again.', async () => {
    const head = await history.head();
    // Every one of these events has the patient as its first indexed argument, so ONE filter returns the
    // whole sharing history of every record.
    const events = await history.events(
      { events: ['AccessGranted', 'AccessRevoked', 'AllAccessRevoked', 'RecordReplaced', 'RecordRemoved'], indexed: [addressTopic(patient)] },
      head,
    );
    const isRecordEvent = (event: ConsentEvent) => event.type === 'RecordReplaced' || event.type === 'RecordRemoved';
    const lifecycles = deriveRecordLifecycles(events.filter(isRecordEvent));
    return deriveGrants(events.filter((event) => !isRecordEvent(event)), lifecycles, head.timestamp).map(patientView);
  });
}

/** Per (patient, record), the latest grant the clinician received, with its locator and status; newest change first. */
export async function listClinicianGrants(
  client: ConsentClient,
  { clinician, ...scan }: HistoryScan & { clinician: Address },
): Promise<ClinicianGrant[]> {
  const history = consentHistory(client, scan);
  return withReadError(READ_FAILED, async () => {
    const head = await history.head();
    // AllAccessRevoked has patient and clinician at the same topic positions as the grant events.
    const grantEvents = await history.events({ events: ['AccessGranted', 'AccessRevoked', 'AllAccessRevoked'], indexed: [null, addressTopic(clinician)] }, head);

    // Replacing or removing a record voids its grants. Those events are asked for by patient (their
    // first indexed argument), not by record id: a clinician's grants come from far fewer patients than
    // records, and the answer is small because replacing and removing are rare.
    const patients = [...new Set(grantEvents.map((event) => event.patient))];
    const recordEvents: ConsentEvent[] = [];
    for (let i = 0; i < patients.length; i += ADDRESSES_PER_QUERY) {
      const patientTopics = patients.slice(i, i + ADDRESSES_PER_QUERY).map(addressTopic);
      recordEvents.push(...(await history.events({ events: ['RecordReplaced', 'RecordRemoved'], indexed: [patientTopics] }, head)));
    }

    return deriveGrants(grantEvents, deriveRecordLifecycles(recordEvents), head.timestamp).map((grant) => ({
      patient: grant.patient,
      recordId: grant.recordId,
      clinicianLocator: grant.clinicianLocator,
      expiresAt: grant.expiresAt,
      status: grant.status,
      grantedAtBlock: grant.grantedAt.blockNumber,
      transactionHash: grant.grantedAt.transactionHash,
    }));
  });
}

/** A grant as its patient sees it: a removed record's grants are simply revoked (removal ended them). */
function patientView(grant: DerivedGrant): PatientGrant {
  return {
    recordId: grant.recordId,
    clinician: grant.clinician,
    expiresAt: grant.expiresAt,
    status: grant.status === 'removed' ? 'revoked' : grant.status,
    grantedAtBlock: grant.grantedAt.blockNumber,
    transactionHash: grant.grantedAt.transactionHash,
  };
}
