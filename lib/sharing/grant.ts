import { toHex, type Address, type Hex } from 'viem';
import { sealLocator, type RecordLocator } from '@/lib/crypto';
import { SharingError } from './errors';

/**
 * The one planner for giving a clinician access, whether the patient shares on their own
 * ("Share", "Share selected") or approves a clinician's request: which records, and the exact
 * transaction the consent contract takes, each record's locator sealed to the clinician's key.
 * Pure: the granting hook reads the clinician's key, opens the patient's locators and sends.
 */

/** A record as the patient holds it: its id and its locator sealed to the patient. */
export type GrantableRecord = { readonly recordId: bigint; readonly locator: Hex };

/** What the patient asked for. */
export type GrantIntent =
  | {
      /** Records the patient picked, in list order: one `grantAccess`, or one `grantAccessBatch` for several. */
      readonly kind: 'share';
      readonly clinician: Address;
      readonly records: readonly GrantableRecord[];
      readonly expiresAt: bigint;
    }
  | {
      /** An answer to a request: one `approveRequest` with the ticked records, in the patient's record order. */
      readonly kind: 'approve';
      readonly requestId: bigint;
      readonly clinician: Address;
      readonly chosen: ReadonlySet<bigint>;
      /** Every record the patient has now. */
      readonly records: readonly GrantableRecord[];
      readonly expiresAt: bigint;
    };

export type GrantCall =
  | { readonly functionName: 'grantAccess'; readonly args: readonly [recordId: bigint, clinician: Address, expiresAt: bigint, clinicianLocator: Hex] }
  | {
      readonly functionName: 'grantAccessBatch';
      readonly args: readonly [recordIds: bigint[], clinician: Address, expiresAt: bigint[], clinicianLocators: Hex[]];
    }
  | {
      readonly functionName: 'approveRequest';
      readonly args: readonly [requestId: bigint, recordIds: bigint[], expiresAt: bigint[], clinicianLocators: Hex[]];
    };

/** Said when the clinician has no encryption key, so nothing can be sealed to them. */
export const MISSING_CLINICIAN_KEY: Readonly<Record<GrantIntent['kind'], string>> = {
  share:
    'This clinician has not set up Chartkey yet, so the record cannot be encrypted for them. Ask them to open Chartkey, connect this address and set up their key, then try again.',
  approve:
    'This clinician no longer has a Chartkey encryption key, so records cannot be encrypted for them. Deny the request, or ask them to set up Chartkey again.',
};

/** Said when granting failed for a reason without a sentence of its own. */
export const GRANT_FAILED: Readonly<Record<GrantIntent['kind'], string>> = {
  share: 'The record could not be shared. Nothing was changed; please try again.',
  approve: 'The request could not be approved. Nothing was shared; please try again.',
};

/**
 * Records ticked when the patient opens the approval panel: the ones asked for that the patient still
 * has, or every current record when the request was for all of them. The patient can change it.
 */
export function defaultApprovalSelection(requestedRecordIds: readonly bigint[], records: readonly { readonly recordId: bigint }[]): bigint[] {
  const available = records.map((r) => r.recordId);
  if (requestedRecordIds.length === 0) return available;
  const requested = new Set(requestedRecordIds);
  return available.filter((id) => requested.has(id));
}

/** The records an intent grants, in the order the transaction lists them; refuses an empty or stale choice. */
export function recordsToGrant(intent: GrantIntent): readonly GrantableRecord[] {
  if (intent.kind === 'share') {
    if (intent.records.length === 0) throw new SharingError('sharing.nothing-selected', 'Select at least one record to share.');
    return intent.records;
  }
  const picked = intent.records.filter((r) => intent.chosen.has(r.recordId));
  if (picked.length === 0) throw new SharingError('sharing.nothing-selected', 'Choose at least one record to share, or deny the request instead.');
  if (picked.length < intent.chosen.size) {
    throw new SharingError('sharing.record-gone', 'One of the chosen records is no longer in your list. Refresh the page and choose again.');
  }
  return picked;
}

/**
 * The transaction for an intent: each granted record's locator, opened with the patient's key by
 * `open`, sealed to `clinicianKey`, with the same expiry for every record.
 */
export function planGrant(intent: GrantIntent, clinicianKey: Uint8Array, open: (patientLocator: Hex) => RecordLocator): GrantCall {
  const records = recordsToGrant(intent);
  const recordIds = records.map((r) => r.recordId);
  const expiries = records.map(() => intent.expiresAt);
  const locators = records.map((r) => toHex(sealLocator(open(r.locator), clinicianKey)));
  if (intent.kind === 'approve') return { functionName: 'approveRequest', args: [intent.requestId, recordIds, expiries, locators] };
  const [onlyId] = recordIds;
  const [onlyLocator] = locators;
  if (recordIds.length === 1 && onlyId !== undefined && onlyLocator !== undefined) {
    return { functionName: 'grantAccess', args: [onlyId, intent.clinician, intent.expiresAt, onlyLocator] };
  }
  return { functionName: 'grantAccessBatch', args: [recordIds, intent.clinician, expiries, locators] };
}

/** How many records a planned call grants. */
export function grantedCount(call: GrantCall): number {
  return call.functionName === 'grantAccess' ? 1 : call.functionName === 'grantAccessBatch' ? call.args[0].length : call.args[1].length;
}
