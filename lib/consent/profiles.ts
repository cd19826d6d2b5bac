import type { Address } from 'viem';
import { chartkeyConsentAbi } from '@/contracts-abi';
import type { ConsentClient } from './read';

/** A clinician's public professional profile, as published on-chain. */
export type ClinicianProfile = {
  readonly displayName: string;
  readonly organisation: string;
  /** Whether an attester verified this exact profile (changing it clears verification). */
  readonly verified: boolean;
};

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
  return displayName === '' ? null : { displayName, organisation, verified };
}
