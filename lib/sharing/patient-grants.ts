import type { Address, Hex } from 'viem';
import {
  addressTopic,
  ConsentReadError,
  eventSelector,
  getLogsChunked,
  toConsentEvents,
  type ConsentClient,
  type ConsentEvent,
  type RecordGrantStatus,
} from '@/lib/consent';
import { deriveGrants, deriveRecordLifecycles } from '@/lib/consent/derive';

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

export type PatientGrantScan = {
  readonly contract: Address;
  /** The contract's deployment block: the scan starts here. */
  readonly fromBlock: bigint;
  readonly patient: Address;
  /** Blocks per log query (default from getLogsChunked); smaller in tests. */
  readonly chunkBlocks?: bigint;
};

// Every one of these events has the patient as its first indexed argument, so ONE topic filter
// (any of these selectors, this patient) returns the whole sharing history of every record.
const PATIENT_GRANT_SELECTORS: readonly Hex[] = [
  eventSelector('AccessGranted'),
  eventSelector('AccessRevoked'),
  eventSelector('AllAccessRevoked'),
  eventSelector('RecordReplaced'),
  eventSelector('RecordRemoved'),
];

const isRecordEvent = (event: ConsentEvent) => event.type === 'RecordReplaced' || event.type === 'RecordRemoved';

/**
 * Every clinician the patient ever granted any record to, with each (record, clinician)'s latest
 * grant and its status; newest change first.
 *
 * RPC cost: one `eth_getBlock` plus one `eth_getLogs` per block-range chunk, whatever the number of
 * records or grants (the per-record `listRecordGrants` costs that per record). Status comes from the
 * same pure replay (`deriveGrants`) the other consent reads use.
 */
export async function listPatientGrants(client: ConsentClient, scan: PatientGrantScan): Promise<PatientGrant[]> {
  try {
    // getBlock rather than getBlockNumber (cached by viem): a read right after a confirmed change sees it.
    const head = await client.getBlock({ blockTag: 'latest' });
    if (scan.fromBlock > head.number) return [];
    const logs = await getLogsChunked(client, {
      address: scan.contract,
      topics: [[...PATIENT_GRANT_SELECTORS], addressTopic(scan.patient)],
      fromBlock: scan.fromBlock,
      toBlock: head.number,
      chunkBlocks: scan.chunkBlocks,
    });
    const events = toConsentEvents(logs);
    const lifecycles = deriveRecordLifecycles(events.filter(isRecordEvent));
    return deriveGrants(
      events.filter((event) => !isRecordEvent(event)),
      lifecycles,
      head.timestamp,
    ).map((grant) => ({
      recordId: grant.recordId,
      clinician: grant.clinician,
      expiresAt: grant.expiresAt,
      status: grant.status === 'removed' ? 'revoked' : grant.status,
      grantedAtBlock: grant.grantedAt.blockNumber,
      transactionHash: grant.grantedAt.transactionHash,
    }));
  } catch (error) {
    if (error instanceof ConsentReadError) throw error;
    throw new ConsentReadError('Chartkey could not read who can see your records from the network. Check your connection and try again.', {
      cause: error,
    });
  }
}
