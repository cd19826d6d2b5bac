import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsentChain, type ConsentChain } from '@/scripts/lib/test-chain';
import { ConsentReadError } from './errors';
import { clinicianProfileHash, isAttester, listPublishedClinicians } from './profiles';

// Account 0 deployed the contract and is its attester; 1, 2 and 3 are clinicians; 4 never publishes.
let chain: ConsentChain;

beforeAll(async () => {
  chain = await startConsentChain();
  await chain.send(1, 'setClinicianProfile', ['Dr. One', 'Clinic One']);
  await chain.send(2, 'setClinicianProfile', ['Dr. Two', '']);
  await chain.send(0, 'verifyClinician', [chain.address(1), clinicianProfileHash('Dr. One', 'Clinic One')]);
  await chain.send(0, 'verifyClinician', [chain.address(2), clinicianProfileHash('Dr. Two', '')]);
  // Clinician 2 changes their profile: the contract clears the verification.
  await chain.send(2, 'setClinicianProfile', ['Dr. Two', 'New Hospital']);
  await chain.send(3, 'setClinicianProfile', ['Dr. Three', 'Clinic Three']);
  await chain.send(0, 'verifyClinician', [chain.address(3), clinicianProfileHash('Dr. Three', 'Clinic Three')]);
  await chain.send(0, 'withdrawVerification', [chain.address(3)]);
});

afterAll(async () => {
  await chain?.stop();
});

describe('listPublishedClinicians', () => {
  it('lists each clinician once with the current profile and verification, newest publication first', async () => {
    const list = await listPublishedClinicians(chain.publicClient, { contract: chain.contract, fromBlock: chain.deployedBlock, chunkBlocks: 2n });
    expect(list.map(({ publishedAt: _at, ...rest }) => rest)).toEqual([
      { clinician: chain.address(3), displayName: 'Dr. Three', organisation: 'Clinic Three', verified: false, profileHash: clinicianProfileHash('Dr. Three', 'Clinic Three') },
      { clinician: chain.address(2), displayName: 'Dr. Two', organisation: 'New Hospital', verified: false, profileHash: clinicianProfileHash('Dr. Two', 'New Hospital') },
      { clinician: chain.address(1), displayName: 'Dr. One', organisation: 'Clinic One', verified: true, profileHash: clinicianProfileHash('Dr. One', 'Clinic One') },
    ]);
    expect(list.some((c) => c.clinician === chain.address(4))).toBe(false);
  });

  it('lists the hash verifyClinician accepts, and a hash read before a profile change is refused', async () => {
    const snapshot = await chain.testClient.snapshot();
    try {
      const scan = { contract: chain.contract, fromBlock: chain.deployedBlock };
      const reviewed = (await listPublishedClinicians(chain.publicClient, scan)).find((c) => c.clinician === chain.address(2));
      if (!reviewed) throw new Error('clinician 2 not listed');
      // The clinician changes the profile after the attester read it, before the verification lands.
      await chain.send(2, 'setClinicianProfile', ['Dr. Someone Else', 'New Hospital']);
      expect(await chain.revertOf(0, 'verifyClinician', [chain.address(2), reviewed.profileHash])).toEqual({
        errorName: 'ClinicianProfileChanged',
        args: [chain.address(2), reviewed.profileHash, clinicianProfileHash('Dr. Someone Else', 'New Hospital')],
      });
      const current = (await listPublishedClinicians(chain.publicClient, scan)).find((c) => c.clinician === chain.address(2));
      if (!current) throw new Error('clinician 2 not listed');
      await chain.send(0, 'verifyClinician', [chain.address(2), current.profileHash]);
      const after = (await listPublishedClinicians(chain.publicClient, scan)).find((c) => c.clinician === chain.address(2));
      expect(after?.verified).toBe(true);
    } finally {
      await chain.testClient.revert({ id: snapshot });
    }
  });

  it('returns nothing when scanning from after the chain head', async () => {
    const head = await chain.publicClient.getBlockNumber();
    expect(await listPublishedClinicians(chain.publicClient, { contract: chain.contract, fromBlock: head + 10n })).toEqual([]);
  });

  it('finds no profiles at an address without the contract, and the role check fails with a readable error', async () => {
    const nowhere = chain.address(9);
    await expect(listPublishedClinicians(chain.publicClient, { contract: nowhere, fromBlock: 0n })).resolves.toEqual([]);
    await expect(isAttester(chain.publicClient, { contract: nowhere, account: chain.address(0) })).rejects.toBeInstanceOf(ConsentReadError);
  });
});

describe('isAttester', () => {
  it('is true only for accounts holding the attester role', async () => {
    expect(await isAttester(chain.publicClient, { contract: chain.contract, account: chain.address(0) })).toBe(true);
    expect(await isAttester(chain.publicClient, { contract: chain.contract, account: chain.address(1) })).toBe(false);
  });
});
