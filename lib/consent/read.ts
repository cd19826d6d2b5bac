import {
  parseEventLogs,
  zeroHash,
  type Address,
  type Hex,
  type Log,
  type LogTopic,
  type PublicClient,
} from 'viem';
import { chartkeyConsentAbi } from '@/contracts-abi';
import {
  deriveGrants,
  deriveRecordLifecycles,
  deriveRecords,
  type ClinicianGrantStatus,
  type ConsentEvent,
  type PatientRecord,
  type RecordGrantStatus,
} from './derive';
import { ConsentReadError } from './errors';
import { getLogsChunked } from './logs';
import { addressTopic, eventSelector, uintTopic } from './topics';

/**
 * Read side of the consent contract for the UI: pure viem, no React.
 *
 * RPC cost: each list call makes one `eth_getBlock` (a consistent "as of" block: its number bounds every
 * log query and its timestamp decides expiry) plus one `eth_getLogs` per 5,000-block range and event
 * group — never one call per record or grant. Status is derived from events rather than by calling
 * `hasAccess` per grant: every state change emits an event, so replay is exact, and it needs no
 * Multicall3 (absent on a fresh anvil). Statuses are "as of the latest block", the same moment
 * `hasAccess` would judge at.
 */

/** What the read helpers need from a viem public client (wagmi's `usePublicClient()` fits). */
export type ConsentClient = Pick<PublicClient, 'request' | 'readContract' | 'getBlock'>;

type ScanOptions = {
  readonly contract: Address;
  /** The contract's deployment block: scans start here. */
  readonly fromBlock: bigint;
  /** Blocks per log query (default 5,000); smaller for tests or strict providers. */
  readonly chunkBlocks?: bigint;
};

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

const READ_FAILED = 'Chartkey could not read sharing information from the network. Check your connection and try again.';

const SELECTORS = {
  RecordAdded: eventSelector('RecordAdded'),
  RecordReplaced: eventSelector('RecordReplaced'),
  RecordRemoved: eventSelector('RecordRemoved'),
  AccessGranted: eventSelector('AccessGranted'),
  AccessRevoked: eventSelector('AccessRevoked'),
  AllAccessRevoked: eventSelector('AllAccessRevoked'),
} as const;

/** Patients per lifecycle query: keeps the topic "any of" list within what providers accept. */
const ADDRESSES_PER_QUERY = 100;


/** The account's registered X25519 public key, or null when it has none. */
export async function readEncryptionKey(
  client: ConsentClient,
  { contract, account }: { contract: Address; account: Address },
): Promise<Hex | null> {
  try {
    const key = await client.readContract({ address: contract, abi: chartkeyConsentAbi, functionName: 'encryptionKeyOf', args: [account] });
    return key === zeroHash ? null : key;
  } catch (error) {
    throw new ConsentReadError('Chartkey could not read encryption keys from the network. Check your connection and try again.', { cause: error });
  }
}

/** The patient's records that are not removed, newest first, each with its current version's locator. */
export async function listPatientRecords(
  client: ConsentClient,
  { patient, ...scan }: ScanOptions & { patient: Address },
): Promise<PatientRecord[]> {
  return withReadError(async () => {
    const head = await latestBlock(client);
    const events = await scanEvents(client, scan, head.number, [
      [SELECTORS.RecordAdded, SELECTORS.RecordReplaced, SELECTORS.RecordRemoved],
      addressTopic(patient),
    ]);
    return deriveRecords(events);
  });
}

/** Every clinician ever granted access to the record, with the latest grant's expiry and status; newest change first. */
export async function listRecordGrants(
  client: ConsentClient,
  { recordId, ...scan }: ScanOptions & { recordId: bigint },
): Promise<RecordGrant[]> {
  return withReadError(async () => {
    const head = await latestBlock(client);
    const recordTopic = uintTopic(recordId);
    const grantEvents = await scanEvents(client, scan, head.number, [[SELECTORS.AccessGranted, SELECTORS.AccessRevoked], null, null, recordTopic]);
    // A record has one patient; their revoke-alls void its grants too.
    const patient = grantEvents[0]?.patient;
    if (patient) grantEvents.push(...(await scanEvents(client, scan, head.number, [SELECTORS.AllAccessRevoked, addressTopic(patient)])));
    const recordEvents = await scanEvents(client, scan, head.number, [[SELECTORS.RecordReplaced, SELECTORS.RecordRemoved], null, recordTopic]);
    return deriveGrants(grantEvents, deriveRecordLifecycles(recordEvents), head.timestamp).map((grant) => ({
      clinician: grant.clinician,
      expiresAt: grant.expiresAt,
      // The patient's view of a removed record: removal ended every grant.
      status: grant.status === 'removed' ? 'revoked' : grant.status,
      grantedAtBlock: grant.grantedAt.blockNumber,
      transactionHash: grant.grantedAt.transactionHash,
    }));
  });
}

/** Per (patient, record), the latest grant the clinician received, with its locator and status; newest change first. */
export async function listClinicianGrants(
  client: ConsentClient,
  { clinician, ...scan }: ScanOptions & { clinician: Address },
): Promise<ClinicianGrant[]> {
  return withReadError(async () => {
    const head = await latestBlock(client);
    // AllAccessRevoked has patient and clinician at the same topic positions as the grant events.
    const grantEvents = await scanEvents(client, scan, head.number, [
      [SELECTORS.AccessGranted, SELECTORS.AccessRevoked, SELECTORS.AllAccessRevoked],
      null,
      addressTopic(clinician),
    ]);

    // Replacing or removing a record voids its grants. Those events are asked for by patient (their
    // first indexed argument), not by record id: a clinician's grants come from far fewer patients than
    // records, and the answer is small because replacing and removing are rare.
    const patients = [...new Set(grantEvents.map((event) => event.patient))];
    const recordEvents: ConsentEvent[] = [];
    for (let i = 0; i < patients.length; i += ADDRESSES_PER_QUERY) {
      const patientTopics = patients.slice(i, i + ADDRESSES_PER_QUERY).map(addressTopic);
      recordEvents.push(...(await scanEvents(client, scan, head.number, [[SELECTORS.RecordReplaced, SELECTORS.RecordRemoved], patientTopics])));
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

async function latestBlock(client: ConsentClient): Promise<{ number: bigint; timestamp: bigint }> {
  // getBlock (not getBlockNumber, which viem caches for a polling interval) so a read right after a
  // confirmed transaction sees it.
  const block = await client.getBlock({ blockTag: 'latest' });
  return { number: block.number, timestamp: block.timestamp };
}

async function scanEvents(client: ConsentClient, scan: ScanOptions, toBlock: bigint, topics: LogTopic[]): Promise<ConsentEvent[]> {
  if (scan.fromBlock > toBlock) return [];
  const logs = await getLogsChunked(client, { address: scan.contract, topics, fromBlock: scan.fromBlock, toBlock, chunkBlocks: scan.chunkBlocks });
  return toConsentEvents(logs);
}

/** Decodes the contract's logs into events (ignoring anything else, e.g. pending logs without a position). */
export function toConsentEvents(logs: readonly Log[]): ConsentEvent[] {
  const events: ConsentEvent[] = [];
  for (const log of parseEventLogs({ abi: chartkeyConsentAbi, logs: [...logs], strict: true })) {
    if (log.blockNumber === null || log.logIndex === null || log.transactionHash === null) continue;
    const at = { blockNumber: log.blockNumber, logIndex: log.logIndex, transactionHash: log.transactionHash };
    switch (log.eventName) {
      case 'RecordAdded':
        events.push({ type: 'RecordAdded', ...log.args, at });
        break;
      case 'RecordReplaced':
        events.push({ type: 'RecordReplaced', ...log.args, at });
        break;
      case 'RecordRemoved':
        events.push({ type: 'RecordRemoved', ...log.args, at });
        break;
      case 'AccessGranted':
        events.push({ type: 'AccessGranted', ...log.args, at });
        break;
      case 'AccessRevoked':
        events.push({ type: 'AccessRevoked', ...log.args, at });
        break;
      case 'AllAccessRevoked':
        events.push({ type: 'AllAccessRevoked', ...log.args, at });
        break;
      default:
        // Keys, profiles, verification and requests are read by their own helpers.
        break;
    }
  }
  return events;
}

async function withReadError<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ConsentReadError) throw error;
    throw new ConsentReadError(READ_FAILED, { cause: error });
  }
}
