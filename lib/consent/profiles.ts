import { encodeAbiParameters, keccak256, type Address, type Hex } from 'viem';
import { chartkeyConsentAbi } from '@/contracts-abi';
import { ConsentReadError } from './errors';
import type { ConsentClient } from './read';

/** A clinician's public professional profile, as published on-chain. */
export type ClinicianProfile = {
  readonly displayName: string;
  readonly organisation: string;
  /** Whether an attester verified this exact profile (changing it clears verification). */
  readonly verified: boolean;
  /**
   * `clinicianProfileHash` of this text: what an attester passes to `verifyClinician`, so the
   * verification is refused if the profile changed after they read it.
   */
  readonly profileHash: Hex;
};

/**
 * The hash `verifyClinician` compares with the profile on-chain: `keccak256(abi.encode(displayName,
 * organisation))`. Computed from the text shown to the attester, so it commits to exactly that text.
 */
export function clinicianProfileHash(displayName: string, organisation: string): Hex {
  return keccak256(encodeAbiParameters([{ type: 'string' }, { type: 'string' }], [displayName, organisation]));
}

/** The clinician's profile, or null when they have not published one. */
export async function readClinicianProfile(
  client: Pick<ConsentClient, 'readContract'>,
  { contract, clinician }: { contract: Address; clinician: Address },
): Promise<ClinicianProfile | null> {
  const [displayName, organisation, verified] = await client.readContract({
    address: contract,
    abi: chartkeyConsentAbi,
    functionName: 'clinicianProfileOf',
    args: [clinician],
  });
  return displayName === '' ? null : { displayName, organisation, verified, profileHash: clinicianProfileHash(displayName, organisation) };
}

/** Whether the patient blocked `requester` from sending them access requests. */
export async function readIsBlocked(
  client: Pick<ConsentClient, 'readContract'>,
  { contract, patient, requester }: { contract: Address; patient: Address; requester: Address },
): Promise<boolean> {
  try {
    return await client.readContract({ address: contract, abi: chartkeyConsentAbi, functionName: 'isBlocked', args: [patient, requester] });
  } catch (error) {
    throw new ConsentReadError('Chartkey could not read who this patient blocked from the network. Check your connection and try again.', { cause: error });
  }
}
