import type { Address, Hex } from 'viem';
import type { ConsentHistoryEvent, EventPosition } from './history';

/**
 * Pure reconstruction of consent state from the contract's events. Every state change in
 * ChartkeyConsent emits an event, so replaying a record's (or clinician's) events in chain order
 * gives the same answer as the contract's own views, without one RPC call per record.
 */

/** The events the replay below reads: records and grants. */
export type ConsentEvent = ConsentHistoryEvent<'RecordAdded' | 'RecordReplaced' | 'RecordRemoved' | 'AccessGranted' | 'AccessRevoked' | 'AllAccessRevoked'>;

export type PatientRecord = {
  readonly recordId: bigint;
  /** 1 when added; each replacement bumps it. */
  readonly version: number;
  /** The current version's locator, sealed to the patient. */
  readonly patientLocator: Hex;
  /** Block and transaction that wrote the current version (the add, or the latest replacement). */
  readonly blockNumber: bigint;
  readonly transactionHash: Hex;
};

/**
 * `revoked` also covers a grant made for an older version of a record the patient has since replaced:
 * the contract gives it no access, exactly as after a revoke.
 */
export type RecordGrantStatus = 'active' | 'expired' | 'revoked';
/** As {@link RecordGrantStatus}, plus `removed` when the patient removed the record itself. */
export type ClinicianGrantStatus = RecordGrantStatus | 'removed';

export type DerivedGrant = {
  readonly patient: Address;
  readonly clinician: Address;
  readonly recordId: bigint;
  /** Expiry of the latest grant (unix seconds), also when it has since been revoked. */
  readonly expiresAt: bigint;
  readonly clinicianLocator: Hex;
  readonly status: ClinicianGrantStatus;
  /** Block and transaction of the latest grant. */
  readonly grantedAt: EventPosition;
  /** Block of the latest change (grant or revoke), for "newest first" ordering. */
  readonly changedAt: EventPosition;
};

export function compareEventPositions(a: EventPosition, b: EventPosition): number {
  if (a.blockNumber !== b.blockNumber) return a.blockNumber < b.blockNumber ? -1 : 1;
  return a.logIndex - b.logIndex;
}

function inChainOrder(events: readonly ConsentEvent[]): ConsentEvent[] {
  return [...events].sort((a, b) => compareEventPositions(a.at, b.at));
}

/** The patient's records that are not removed, newest (highest id) first. */
export function deriveRecords(events: readonly ConsentEvent[]): PatientRecord[] {
  const records = new Map<bigint, PatientRecord & { removed: boolean }>();
  for (const event of inChainOrder(events)) {
    if (event.type === 'RecordAdded') {
      records.set(event.recordId, {
        recordId: event.recordId,
        version: 1,
        patientLocator: event.patientLocator,
        blockNumber: event.at.blockNumber,
        transactionHash: event.at.transactionHash,
        removed: false,
      });
    } else if (event.type === 'RecordReplaced') {
      const record = records.get(event.recordId);
      if (record) {
        records.set(event.recordId, {
          ...record,
          version: event.version,
          patientLocator: event.patientLocator,
          blockNumber: event.at.blockNumber,
          transactionHash: event.at.transactionHash,
        });
      }
    } else if (event.type === 'RecordRemoved') {
      const record = records.get(event.recordId);
      if (record) records.set(event.recordId, { ...record, removed: true });
    }
  }
  return [...records.values()]
    .filter((record) => !record.removed)
    .sort((a, b) => (a.recordId === b.recordId ? 0 : a.recordId > b.recordId ? -1 : 1))
    .map(({ removed: _removed, ...record }) => record);
}

/** What later record events mean for earlier grants. */
export type RecordLifecycle = { readonly removed: boolean; readonly lastReplacedAt: EventPosition | null };

export function deriveRecordLifecycles(events: readonly ConsentEvent[]): Map<bigint, RecordLifecycle> {
  const lifecycles = new Map<bigint, RecordLifecycle>();
  for (const event of inChainOrder(events)) {
    if (event.type === 'AllAccessRevoked') continue;
    const current = lifecycles.get(event.recordId) ?? { removed: false, lastReplacedAt: null };
    if (event.type === 'RecordRemoved') lifecycles.set(event.recordId, { ...current, removed: true });
    if (event.type === 'RecordReplaced') lifecycles.set(event.recordId, { ...current, lastReplacedAt: event.at });
  }
  return lifecycles;
}

/**
 * The latest grant per (record, clinician) with its status as of a block whose timestamp is `now`:
 * mirrors `hasAccess` — removed record → removed; revoked after the grant → revoked; record replaced
 * after the grant → revoked (version mismatch); revoke-all for the (patient, clinician) after the grant →
 * revoked (epoch mismatch); `expiresAt <= now` → expired; otherwise active.
 * Newest change first.
 */
export function deriveGrants(
  grantEvents: readonly ConsentEvent[],
  lifecycles: ReadonlyMap<bigint, RecordLifecycle>,
  now: bigint,
): DerivedGrant[] {
  type Latest = { grant: Extract<ConsentEvent, { type: 'AccessGranted' }>; revoked: boolean; changedAt: EventPosition };
  const latest = new Map<string, Latest>();
  const lastRevokeAll = new Map<string, EventPosition>();
  const pairKey = (patient: Address, clinician: Address) => `${patient.toLowerCase()}:${clinician.toLowerCase()}`;
  for (const event of inChainOrder(grantEvents)) {
    if (event.type === 'AllAccessRevoked') {
      lastRevokeAll.set(pairKey(event.patient, event.clinician), event.at);
      continue;
    }
    const key = `${event.recordId}:${'clinician' in event ? event.clinician.toLowerCase() : ''}`;
    if (event.type === 'AccessGranted') {
      latest.set(key, { grant: event, revoked: false, changedAt: event.at });
    } else if (event.type === 'AccessRevoked') {
      const current = latest.get(key);
      // A revoke always follows a grant on-chain; without one (a scan started too late) there is nothing to show.
      if (current) latest.set(key, { ...current, revoked: true, changedAt: event.at });
    }
  }

  return [...latest.values()]
    .map(({ grant, revoked, changedAt }): DerivedGrant => {
      const lifecycle = lifecycles.get(grant.recordId);
      let status: ClinicianGrantStatus;
      if (lifecycle?.removed) status = 'removed';
      else if (revoked) status = 'revoked';
      else if (compareEventPositions(lastRevokeAll.get(pairKey(grant.patient, grant.clinician)) ?? grant.at, grant.at) > 0) status = 'revoked';
      else if (lifecycle?.lastReplacedAt && compareEventPositions(lifecycle.lastReplacedAt, grant.at) > 0) status = 'revoked';
      else if (grant.expiresAt <= now) status = 'expired';
      else status = 'active';
      return {
        patient: grant.patient,
        clinician: grant.clinician,
        recordId: grant.recordId,
        expiresAt: grant.expiresAt,
        clinicianLocator: grant.clinicianLocator,
        status,
        grantedAt: grant.at,
        changedAt,
      };
    })
    .sort((a, b) => compareEventPositions(b.changedAt, a.changedAt));
}
