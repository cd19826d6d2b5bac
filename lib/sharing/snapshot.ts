import type { Address } from 'viem';
import { listPatientGrants, readEncryptionKey, type ConsentClient, type HistoryScan, type PatientGrant } from '@/lib/consent';
import { hexToPublicKey } from '@/lib/crypto';
import { planCarryOver, type ClinicianKeys } from './plan';

/**
 * What writing new versions of records needs to know about their sharing: every grant of the
 * patient (one chain scan) and the keys of the clinicians who keep access (one read each). Read
 * once for a whole operation, however many records it re-keys.
 */
export type SharingSnapshot = {
  readonly grants: readonly PatientGrant[];
  readonly keys: ClinicianKeys;
};

export type SharingReaders = {
  /** Every grant of the patient, fresh from the chain. */
  readonly readGrants: () => Promise<readonly PatientGrant[]>;
  /** A clinician's X25519 public key, or null when they have none. */
  readonly readKey: (clinician: Address) => Promise<Uint8Array | null>;
};

/** The readers a snapshot needs, from the consent contract: the patient's grants, and keys as X25519 public keys. */
export function consentSharingReaders(client: ConsentClient, { patient, ...scan }: HistoryScan & { readonly patient: Address }): SharingReaders {
  return {
    readGrants: () => listPatientGrants(client, { ...scan, patient }),
    readKey: async (account) => {
      const key = await readEncryptionKey(client, { contract: scan.contract, account });
      return key ? hexToPublicKey(key) : null;
    },
  };
}

/**
 * The distinct clinicians whose grants on any of `recordIds` a new version would carry over (see
 * `planCarryOver`), in first-seen order. Judged at `nowSeconds`: later, with a later cutoff, the
 * carry-over can only shrink, so the keys read for this list cover it.
 */
export function carryOverClinicians(
  grants: readonly PatientGrant[],
  recordIds: readonly bigint[],
  options: { excluding?: readonly Address[]; nowSeconds: number },
): Address[] {
  const clinicians = new Map<string, Address>();
  for (const recordId of recordIds) {
    for (const { clinician } of planCarryOver(grants, recordId, options)) {
      if (!clinicians.has(clinician.toLowerCase())) clinicians.set(clinician.toLowerCase(), clinician);
    }
  }
  return [...clinicians.values()];
}

/**
 * One grant scan, then one key read per clinician who keeps access to any of `recordIds`. A
 * clinician without a key is left out of `keys`; building the replacement then refuses with a
 * sentence (`buildReplaceRecordArgs`).
 */
export async function readSharingSnapshot(
  readers: SharingReaders,
  recordIds: readonly bigint[],
  options: { excluding?: readonly Address[]; nowSeconds: number },
): Promise<SharingSnapshot> {
  const grants = await readers.readGrants();
  const keys = new Map<string, Uint8Array>();
  for (const clinician of carryOverClinicians(grants, recordIds, options)) {
    const key = await readers.readKey(clinician);
    if (key) keys.set(clinician.toLowerCase(), key);
  }
  return { grants, keys };
}
