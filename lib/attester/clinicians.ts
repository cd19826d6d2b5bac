import { parseEventLogs, type Address, type Hex } from 'viem';
import { chartkeyConsentAbi } from '@/contracts-abi';
import {
  compareEventPositions,
  ConsentReadError,
  eventSelector,
  getLogsChunked,
  readClinicianProfile,
  type ConsentClient,
  type EventPosition,
} from '@/lib/consent';

/**
 * What the attester screen reads: whether the connected account may verify, and every clinician who
 * published a profile with its current text and verification.
 *
 * RPC cost: one `eth_getLogs` per 5,000-block range for all `ClinicianProfileSet` events, then one
 * `clinicianProfileOf` read per distinct clinician (the current state is the contract's, not a replay:
 * the attester must verify exactly the text that is on-chain now).
 */

export type PublishedClinician = {
  readonly clinician: Address;
  readonly displayName: string;
  readonly organisation: string;
  readonly verified: boolean;
  /** What `verifyClinician` takes to verify exactly this text (see `clinicianProfileHash`). */
  readonly profileHash: Hex;
  /** When the current profile text was last published. */
  readonly publishedAt: EventPosition;
};

type ScanOptions = { readonly contract: Address; readonly fromBlock: bigint; readonly chunkBlocks?: bigint };

const PROFILE_SET = eventSelector('ClinicianProfileSet');

/** Every clinician with a published profile, most recently (re)published first. */
export async function listPublishedClinicians(client: ConsentClient, scan: ScanOptions): Promise<PublishedClinician[]> {
  try {
    const head = await client.getBlock({ blockTag: 'latest' });
    if (scan.fromBlock > head.number) return [];
    const logs = await getLogsChunked(client, {
      address: scan.contract,
      topics: [PROFILE_SET],
      fromBlock: scan.fromBlock,
      toBlock: head.number,
      chunkBlocks: scan.chunkBlocks,
    });
    const latest = new Map<Address, EventPosition>();
    for (const log of parseEventLogs({ abi: chartkeyConsentAbi, logs, strict: true, eventName: 'ClinicianProfileSet' })) {
      if (log.blockNumber === null || log.logIndex === null || log.transactionHash === null) continue;
      const at = { blockNumber: log.blockNumber, logIndex: log.logIndex, transactionHash: log.transactionHash };
      const seen = latest.get(log.args.clinician);
      if (!seen || compareEventPositions(seen, at) < 0) latest.set(log.args.clinician, at);
    }
    const clinicians = await Promise.all(
      [...latest].map(async ([clinician, publishedAt]) => {
        const profile = await readClinicianProfile(client, { contract: scan.contract, clinician });
        // A profile cannot be deleted, so this stays non-null; skipping keeps one odd read from hiding the rest.
        return profile ? [{ clinician, ...profile, publishedAt }] : [];
      }),
    );
    return clinicians.flat().sort((a, b) => compareEventPositions(b.publishedAt, a.publishedAt));
  } catch (error) {
    throw new ConsentReadError('Chartkey could not read clinician profiles from the network. Check your connection and try again.', { cause: error });
  }
}

/** Whether `account` holds the contract's attester role (the role id is read from the contract itself). */
export async function isAttester(client: Pick<ConsentClient, 'readContract'>, { contract, account }: { contract: Address; account: Address }): Promise<boolean> {
  try {
    const role = await client.readContract({ address: contract, abi: chartkeyConsentAbi, functionName: 'ATTESTER_ROLE' });
    return await client.readContract({ address: contract, abi: chartkeyConsentAbi, functionName: 'hasRole', args: [role, account] });
  } catch (error) {
    throw new ConsentReadError('Chartkey could not check whether this account may verify clinicians. Check your connection and try again.', { cause: error });
  }
}
