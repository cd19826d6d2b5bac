import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsentChain, testKey, testLocator, type ConsentChain } from '@/scripts/lib/test-chain';
import { readBlockTimes } from '@/lib/consent';
import { describeActivity, readPatientActivity } from './patient-activity';

describe('readPatientActivity (against anvil)', () => {
  let chain: ConsentChain;

  beforeAll(async () => {
    chain = await startConsentChain();
  });
  afterAll(async () => {
    await chain?.stop();
  });

  it('reads everything that happened to a patient, newest first, and nothing of anyone else', async () => {
    const patient = chain.address(1);
    const clinician = chain.address(2);
    await chain.send(1, 'registerEncryptionKey', [testKey(1)]);
    await chain.send(2, 'registerEncryptionKey', [testKey(2)]);
    await chain.send(3, 'registerEncryptionKey', [testKey(3)]);
    await chain.send(2, 'setClinicianProfile', ['Dr Ada Example', 'Example Clinic']);
    await chain.send(1, 'addRecord', [testLocator(1)]);
    await chain.send(3, 'addRecord', [testLocator(3)]); // another patient's record
    const expiresAt = (await chain.latestTimestamp()) + 86_400n;
    await chain.send(1, 'grantAccess', [1n, clinician, expiresAt, testLocator(11)]);
    await chain.send(1, 'revokeAccess', [1n, clinician]);
    await chain.send(2, 'requestAccess', [patient, [], 0, `0x${'00'.repeat(32)}`]);
    await chain.send(1, 'denyRequest', [1n]);

    const entries = await readPatientActivity(chain.publicClient, { contract: chain.contract, fromBlock: chain.deployedBlock, patient });
    expect(entries.map((e) => e.kind)).toEqual(['request-denied', 'requested', 'revoked', 'shared', 'record-added', 'key-registered']);
    expect(entries.find((e) => e.kind === 'shared')).toMatchObject({ recordId: 1n, counterparty: clinician, expiresAt });
    expect(entries.every((e) => e.recordId !== 2n)).toBe(true);

    const times = await readBlockTimes(chain.publicClient, entries.map((e) => e.blockNumber));
    expect(entries.every((e) => (times.get(e.blockNumber) ?? 0) > 0)).toBe(true);
    expect(describeActivity(entries[2]!, (id) => `record ${id}`)).toMatch(/revoked 0x3C44…93BC’s access to record 1/);
    expect(describeActivity(entries[1]!, (id) => `record ${id}`, (a) => (a === clinician ? 'Dr Ada Example' : undefined))).toBe('Dr Ada Example asked for access.');
  });
});
