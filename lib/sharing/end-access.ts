import type { Address, Hex } from 'viem';
import { readSharingSnapshot, type SharingReaders, type SharingSnapshot } from './snapshot';

/**
 * Ending a clinician's access: the revoke transaction, then optionally re-keying each record (a
 * new version under a new content key that carries the other clinicians' grants over and leaves
 * this clinician out). Planned and run here without React; the hook supplies the effects.
 */

/** What the patient asked to end for one clinician. */
export type Revocation =
  | { readonly kind: 'one'; readonly recordId: bigint }
  | { readonly kind: 'selected'; readonly recordIds: readonly bigint[] }
  | { readonly kind: 'all'; readonly recordIds: readonly bigint[] };

export type RevokeCall =
  | { readonly functionName: 'revokeAccess'; readonly args: readonly [recordId: bigint, clinician: Address] }
  | { readonly functionName: 'revokeAccessBatch'; readonly args: readonly [recordIds: bigint[], clinician: Address] }
  | { readonly functionName: 'revokeAllForClinician'; readonly args: readonly [clinician: Address] };

/** One record to re-key, with the sentence shown while it is. */
export type RekeyStep = {
  readonly recordId: bigint;
  readonly locator: Hex;
  readonly name: string;
  readonly label: string;
};

export type EndAccessPlan = {
  readonly clinician: Address;
  readonly revoke: RevokeCall;
  /** Null unless re-keying was asked for; records removed meanwhile are left out (nothing to re-key). */
  readonly rekey: readonly RekeyStep[] | null;
};

export type EndAccessOutcome = { readonly tone: 'success' | 'error'; readonly message: string };

export const END_ACCESS_OUTCOMES = {
  ended: 'Access ended. The clinician can no longer open these records in Chartkey; a copy they already downloaded stays with them.',
  rekeyed: 'Access ended and the records were re-keyed: even with an old key, the clinician cannot open the new versions. Others you share them with keep access.',
  rekeyStopped: (name: string) =>
    `Access ended, but re-keying ${name} did not finish. Use “Replace with a new version” on the record to try again, or re-key it from here after sharing it again.`,
} as const;

export function revokedRecordIds(revocation: Revocation): bigint[] {
  return revocation.kind === 'one' ? [revocation.recordId] : [...revocation.recordIds];
}

export function planEndAccess({
  clinician,
  revocation,
  alsoRekey,
  locators,
  recordName,
}: {
  clinician: Address;
  revocation: Revocation;
  alsoRekey: boolean;
  /** The patient's current records' locators, by record id. */
  locators: ReadonlyMap<bigint, Hex>;
  recordName: (recordId: bigint) => string;
}): EndAccessPlan {
  const recordIds = revokedRecordIds(revocation);
  const revoke: RevokeCall =
    revocation.kind === 'one'
      ? { functionName: 'revokeAccess', args: [revocation.recordId, clinician] }
      : revocation.kind === 'selected'
        ? { functionName: 'revokeAccessBatch', args: [recordIds, clinician] }
        : { functionName: 'revokeAllForClinician', args: [clinician] };
  const rekey = alsoRekey
    ? recordIds.flatMap((recordId, index): RekeyStep[] => {
        const locator = locators.get(recordId);
        if (!locator) return [];
        const name = recordName(recordId);
        return [{ recordId, locator, name, label: `Re-keying ${index + 1} of ${recordIds.length}: ${name}` }];
      })
    : null;
  return { clinician, revoke, rekey };
}

export type EndAccessEffects = SharingReaders & {
  /** Sends the revoke transaction; true once confirmed. */
  readonly revoke: (call: RevokeCall) => Promise<boolean>;
  /**
   * Writes the re-keyed version of one record; true once saved. `sharing` gives the grants and keys
   * to carry over, read on first use and shared by every step.
   */
  readonly rekey: (step: RekeyStep, sharing: () => Promise<SharingSnapshot>) => Promise<boolean>;
  readonly nowSeconds: () => number;
  /** The step being worked on, or null when none is. */
  readonly onStep: (label: string | null) => void;
};

/**
 * Ends access first (so it is over the moment the first transaction confirms, whatever happens
 * next), then re-keys record by record, stopping at the first that does not finish. Grants are
 * scanned once and each clinician who keeps access has their key read once, for all records: a
 * new version of one record changes no other record's grants. `ended` is false when the revoke
 * itself did not go through (its transaction status says why).
 */
export async function runEndAccess(plan: EndAccessPlan, effects: EndAccessEffects): Promise<{ ended: boolean; outcome: EndAccessOutcome | null }> {
  if (!(await effects.revoke(plan.revoke))) return { ended: false, outcome: null };
  const steps = plan.rekey;
  if (!steps) return { ended: true, outcome: { tone: 'success', message: END_ACCESS_OUTCOMES.ended } };
  let snapshot: Promise<SharingSnapshot> | null = null;
  const sharing = () => {
    snapshot ??= readSharingSnapshot(
      effects,
      steps.map((step) => step.recordId),
      { excluding: [plan.clinician], nowSeconds: effects.nowSeconds() },
    );
    return snapshot;
  };
  for (const step of steps) {
    effects.onStep(step.label);
    if (!(await effects.rekey(step, sharing))) {
      effects.onStep(null);
      return { ended: true, outcome: { tone: 'error', message: END_ACCESS_OUTCOMES.rekeyStopped(step.name) } };
    }
  }
  effects.onStep(null);
  return { ended: true, outcome: { tone: 'success', message: END_ACCESS_OUTCOMES.rekeyed } };
}
