import { isAddressEqual, toHex, type Address, type Hex } from 'viem';
import { sealLocator, type RecordLocator } from '@/lib/crypto';
import { SharingError } from './errors';
import type { PatientGrant } from '@/lib/consent';

/**
 * Pure planning for sharing changes: which grants exist per clinician, which grants a new version
 * of a record carries over, and the exact argument arrays the consent contract's batch functions
 * take. The UI only fetches keys and sends what these return. Granting new access is planned in
 * `./grant`, ending it in `./end-access`.
 */

/**
 * A carried-over grant must still be in the future when the transaction is mined, or the whole
 * replacement reverts (`ExpiryNotInFuture`). Grants ending within this margin are left to lapse
 * instead: they would be over before the clinician could use them.
 */
export const CARRY_OVER_MARGIN_SECONDS = 10 * 60;

export type ClinicianShares = {
  readonly clinician: Address;
  /** That clinician's active grants, soonest expiry first. */
  readonly grants: readonly PatientGrant[];
};

/** Active grants grouped by clinician; clinicians in order of their most recent grant, newest first. */
export function activeSharesByClinician(grants: readonly PatientGrant[]): ClinicianShares[] {
  const groups = new Map<string, { clinician: Address; grants: PatientGrant[]; latestBlock: bigint }>();
  for (const grant of grants) {
    if (grant.status !== 'active') continue;
    const key = grant.clinician.toLowerCase();
    const group = groups.get(key) ?? { clinician: grant.clinician, grants: [], latestBlock: 0n };
    group.grants.push(grant);
    if (grant.grantedAtBlock > group.latestBlock) group.latestBlock = grant.grantedAtBlock;
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => (a.latestBlock === b.latestBlock ? a.clinician.localeCompare(b.clinician) : a.latestBlock > b.latestBlock ? -1 : 1))
    .map(({ clinician, grants: list }) => ({
      clinician,
      grants: [...list].sort((a, b) => (a.expiresAt === b.expiresAt ? Number(a.recordId - b.recordId) : a.expiresAt < b.expiresAt ? -1 : 1)),
    }));
}

/** Active grants per record id, for showing "who can see it" beside each record. */
export function activeGrantsByRecord(grants: readonly PatientGrant[]): Map<bigint, PatientGrant[]> {
  const byRecord = new Map<bigint, PatientGrant[]>();
  for (const grant of grants) {
    if (grant.status !== 'active') continue;
    const list = byRecord.get(grant.recordId) ?? [];
    list.push(grant);
    byRecord.set(grant.recordId, list);
  }
  return byRecord;
}

export type CarryOver = { readonly clinician: Address; readonly expiresAt: bigint };

/**
 * The grants a new version of `recordId` should keep: every clinician with an active grant on it,
 * except those being revoked, with their current expiry. A new version voids every older grant on
 * the contract, so anything not listed here ends with the replacement.
 */
export function planCarryOver(
  grants: readonly PatientGrant[],
  recordId: bigint,
  { excluding = [], nowSeconds }: { excluding?: readonly Address[]; nowSeconds: number },
): CarryOver[] {
  const cutoff = BigInt(nowSeconds + CARRY_OVER_MARGIN_SECONDS);
  return grants
    .filter(
      (grant) =>
        grant.recordId === recordId &&
        grant.status === 'active' &&
        grant.expiresAt > cutoff &&
        !excluding.some((revoked) => isAddressEqual(revoked, grant.clinician)),
    )
    .map((grant) => ({ clinician: grant.clinician, expiresAt: grant.expiresAt }));
}

/** Clinicians' X25519 public keys, keyed by lower-case address. */
export type ClinicianKeys = ReadonlyMap<string, Uint8Array>;

function keyOf(keys: ClinicianKeys, clinician: Address): Uint8Array {
  const key = keys.get(clinician.toLowerCase());
  if (!key) {
    throw new SharingError(
      'sharing.clinician-key-missing',
      'A clinician who should keep access has no Chartkey encryption key any more, so the new version cannot be shared with them. Nothing was changed.',
    );
  }
  return key;
}

export type ReplaceRecordArgs = readonly [recordId: bigint, newPatientLocator: Hex, clinicians: Address[], expiresAt: bigint[], clinicianLocators: Hex[]];

/**
 * Arguments for `replaceRecord`: the new content's locator sealed to the patient, and for each
 * carried-over clinician the same locator freshly sealed to their key (never an old one: the old
 * content key is exactly what a revoked clinician may still hold).
 */
export function buildReplaceRecordArgs(
  recordId: bigint,
  newContent: RecordLocator,
  patientPublicKey: Uint8Array,
  carryOver: readonly CarryOver[],
  clinicianKeys: ClinicianKeys,
): ReplaceRecordArgs {
  return [
    recordId,
    toHex(sealLocator(newContent, patientPublicKey)),
    carryOver.map((grant) => grant.clinician),
    carryOver.map((grant) => grant.expiresAt),
    carryOver.map((grant) => toHex(sealLocator(newContent, keyOf(clinicianKeys, grant.clinician)))),
  ];
}
