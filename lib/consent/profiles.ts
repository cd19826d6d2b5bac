import { encodeAbiParameters, keccak256, type Address, type Hex } from 'viem';
import { chartkeyConsentAbi } from '@/contracts-abi';
import { compareEventPositions } from './derive';
import { consentHistory, withReadError, type EventPosition, type HistoryScan } from './history';
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

/** A clinician who published a profile, as the attester screen lists them. */
export type PublishedClinician = ClinicianProfile & {
  readonly clinician: Address;
  /** When the current profile text was last published. */
  readonly publishedAt: EventPosition;
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
  return withReadError('Chartkey could not read who this patient blocked from the network. Check your connection and try again.', () =>
    client.readContract({ address: contract, abi: chartkeyConsentAbi, functionName: 'isBlocked', args: [patient, requester] }),
  );
}

/**
 * Every clinician with a published profile, most recently (re)published first.
 *
 * RPC cost: one history query for all `ClinicianProfileSet` events, then one `clinicianProfileOf` read
 * per distinct clinician (the current state is the contract's, not a replay: the attester must verify
 * exactly the text that is on-chain now).
 */
export async function listPublishedClinicians(client: ConsentClient, scan: HistoryScan): Promise<PublishedClinician[]> {
  const history = consentHistory(client, scan);
  return withReadError('Chartkey could not read clinician profiles from the network. Check your connection and try again.', async () => {
    const latest = new Map<Address, EventPosition>();
    for (const { clinician, at } of await history.events({ events: ['ClinicianProfileSet'] }, await history.head())) {
      const seen = latest.get(clinician);
      if (!seen || compareEventPositions(seen, at) < 0) latest.set(clinician, at);
    }
    const clinicians = await Promise.all(
      [...latest].map(async ([clinician, publishedAt]) => {
        const profile = await readClinicianProfile(client, { contract: scan.contract, clinician });
        // A profile cannot be deleted, so this stays non-null; skipping keeps one odd read from hiding the rest.
        return profile ? [{ clinician, ...profile, publishedAt }] : [];
      }),
    );
    return clinicians.flat().sort((a, b) => compareEventPositions(b.publishedAt, a.publishedAt));
  });
}

/** Whether `account` holds the contract's attester role (the role id is read from the contract itself). */
export async function isAttester(client: Pick<ConsentClient, 'readContract'>, { contract, account }: { contract: Address; account: Address }): Promise<boolean> {
  return withReadError('Chartkey could not check whether this account may verify clinicians. Check your connection and try again.', async () => {
    const role = await client.readContract({ address: contract, abi: chartkeyConsentAbi, functionName: 'ATTESTER_ROLE' });
    return client.readContract({ address: contract, abi: chartkeyConsentAbi, functionName: 'hasRole', args: [role, account] });
  });
}
