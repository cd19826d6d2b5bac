/**
 * What became of a draft whose encrypted file is already stored. The page can close between the
 * wallet sending the registration and this browser hearing it confirmed; on the next visit the
 * draft is still here though the record may exist. Retrying it would add the record twice, and
 * deleting its file on discard would leave that record pointing at nothing. The patient's own
 * records on the chain say which it is: only they can open their locators, so this runs here.
 */
import type { Hex } from 'viem';
import type { PatientRecord } from '@/lib/consent';

type StoredFile = { readonly cid: string; readonly pinnedAtBlock?: bigint };

/**
 * The record that already points at the draft's file, or null. Only records written since the
 * file was pinned can (the registration comes after pinning), so only those are opened: opening a
 * locator is an X25519 operation, and a patient may have thousands of records. A draft saved
 * before the block was kept is checked against all of them.
 */
export function recordHoldingDraft(
  draft: StoredFile,
  records: readonly Pick<PatientRecord, 'recordId' | 'patientLocator' | 'blockNumber'>[],
  /** See `cidOpener` in lib/crypto. */
  cidOf: (locator: Hex) => string | null,
): bigint | null {
  for (const record of records) {
    if (draft.pinnedAtBlock !== undefined && record.blockNumber < draft.pinnedAtBlock) continue;
    if (cidOf(record.patientLocator) === draft.cid) return record.recordId;
  }
  return null;
}

export type DiscardedFileFate =
  /** No record uses the file and nothing may still register it: delete it from storage. */
  | 'delete'
  /** A record already points at it: the draft was finished after all. */
  | 'registered'
  /**
   * A transaction from the patient's account is still waiting. It may be this draft's
   * registration (sent from a page that closed before it could note it), so the file stays.
   */
  | 'keep-pending';

export function fateOfDiscardedFile(input: {
  readonly registered: boolean;
  /** Transaction counts of the patient's account, counting the waiting ones and not. */
  readonly pendingNonce: number;
  readonly confirmedNonce: number;
}): DiscardedFileFate {
  if (input.registered) return 'registered';
  if (input.pendingNonce > input.confirmedNonce) return 'keep-pending';
  return 'delete';
}
