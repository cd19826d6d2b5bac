import type { Hex } from 'viem';
import type { PatientRecord } from '@/lib/consent';

/**
 * Planning an approval: which of the patient's records to tick by default, and the arrays
 * `approveRequest(requestId, recordIds, expiresAt[], locators[])` takes. Pure, so the rules are tested
 * without a browser; sealing is passed in (the component seals to the clinician's key).
 */

/** Thrown when an approval cannot be built; the message is safe to show. */
export class ApprovalPlanError extends Error {
  readonly code = 'requests.approval-invalid';
  override name = 'ApprovalPlanError';
}

/**
 * Records ticked when the patient opens the approval panel: the ones asked for that the patient still
 * has, or every current record when the request was for all of them. The patient can change it.
 */
export function defaultApprovalSelection(requestedRecordIds: readonly bigint[], records: readonly Pick<PatientRecord, 'recordId'>[]): bigint[] {
  const available = records.map((r) => r.recordId);
  if (requestedRecordIds.length === 0) return available;
  const requested = new Set(requestedRecordIds);
  return available.filter((id) => requested.has(id));
}

export type ApprovalArgs = {
  readonly recordIds: bigint[];
  readonly expiresAt: bigint[];
  readonly locators: Hex[];
};

/**
 * One entry per chosen record, in the patient's record order: the same expiry for each and the
 * record's locator re-sealed for the clinician by `sealForClinician` (given the patient's own locator).
 */
export function planApproval({
  chosen,
  records,
  expiresAt,
  sealForClinician,
}: {
  chosen: ReadonlySet<bigint>;
  records: readonly Pick<PatientRecord, 'recordId' | 'patientLocator'>[];
  expiresAt: bigint;
  sealForClinician: (patientLocator: Hex) => Hex;
}): ApprovalArgs {
  const picked = records.filter((r) => chosen.has(r.recordId));
  if (picked.length === 0) throw new ApprovalPlanError('Choose at least one record to share, or deny the request instead.');
  if (picked.length < chosen.size) throw new ApprovalPlanError('One of the chosen records is no longer in your list. Refresh the page and choose again.');
  return {
    recordIds: picked.map((r) => r.recordId),
    expiresAt: picked.map(() => expiresAt),
    locators: picked.map((r) => sealForClinician(r.patientLocator)),
  };
}
