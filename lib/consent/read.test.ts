import { createPublicClient, http, type Address } from 'viem';
import { anvil as anvilChain } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsentChain, testKey, testLocator, type ConsentChain } from '@/scripts/lib/test-chain';
import { ConsentReadError } from './errors';
import { listClinicianGrants, listPatientRecords, listRecordGrants, readEncryptionKey, type ConsentClient } from './read';

// Accounts: 1 and 4 patients, 2 and 3 clinicians, 5 never registers a key.
const PATIENT = 1;
const CLINICIAN = 2;
const SECOND_CLINICIAN = 3;
const OTHER_PATIENT = 4;
const UNREGISTERED = 5;
const DAY = 86_400n;

let chain: ConsentChain;
const ids: Record<'checkup' | 'removed' | 'revoked' | 'replaced' | 'otherPatients', bigint> = {
  checkup: 0n,
  removed: 0n,
  revoked: 0n,
  replaced: 0n,
  otherPatients: 0n,
};
let longExpiry = 0n;
let shortExpiry = 0n;

async function addRecord(patient: 1 | 4, seed: number): Promise<bigint> {
  const [event] = chain.eventsOf(await chain.send(patient, 'addRecord', [testLocator(seed)]));
  if (event?.eventName !== 'RecordAdded') throw new Error('no RecordAdded');
  return event.args.recordId;
}

/**
 * One realistic history, built once:
 * - checkup: clinician 2 active (re-granted with a newer locator), clinician 3 granted briefly → expired
 * - removed: granted to clinician 2, then the patient removed the record
 * - revoked: granted to clinician 2, then revoked
 * - replaced: granted to clinician 2, then the patient replaced the content (version 2)
 * - otherPatients: another patient's record granted to clinician 2
 */
beforeAll(async () => {
  chain = await startConsentChain();
  for (const account of [PATIENT, CLINICIAN, SECOND_CLINICIAN, OTHER_PATIENT] as const) {
    await chain.send(account, 'registerEncryptionKey', [testKey(account)]);
  }
  const now = await chain.latestTimestamp();
  longExpiry = now + 30n * DAY;
  shortExpiry = now + DAY;
  const clinician = chain.address(CLINICIAN);

  ids.checkup = await addRecord(PATIENT, 10);
  ids.removed = await addRecord(PATIENT, 11);
  ids.revoked = await addRecord(PATIENT, 12);
  ids.replaced = await addRecord(PATIENT, 13);
  ids.otherPatients = await addRecord(OTHER_PATIENT, 14);

  await chain.send(PATIENT, 'grantAccess', [ids.checkup, clinician, longExpiry, testLocator(20)]);
  await chain.send(PATIENT, 'grantAccess', [ids.checkup, chain.address(SECOND_CLINICIAN), shortExpiry, testLocator(21)]);
  await chain.send(PATIENT, 'grantAccessBatch', [
    [ids.removed, ids.revoked, ids.replaced],
    clinician,
    [longExpiry, longExpiry, longExpiry],
    [testLocator(22), testLocator(23), testLocator(24)],
  ]);
  await chain.send(OTHER_PATIENT, 'grantAccess', [ids.otherPatients, clinician, longExpiry, testLocator(25)]);
  await chain.send(PATIENT, 'removeRecord', [ids.removed]);
  await chain.send(PATIENT, 'revokeAccess', [ids.revoked, clinician]);
  await chain.send(PATIENT, 'replaceRecord', [ids.replaced, testLocator(30), [], [], []]);
  await chain.send(PATIENT, 'grantAccess', [ids.checkup, clinician, longExpiry, testLocator(26)]);
  await chain.mineAt(shortExpiry + 1n);
});

afterAll(async () => {
  await chain?.stop();
});

/** A client that counts JSON-RPC calls by method, to check reads scale with pages, not records. */
function countingClient(): { client: ConsentClient; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const client = createPublicClient({
    chain: anvilChain,
    transport: http(chain.rpcUrl, {
      onFetchRequest: (_request, init) => {
        const body = JSON.parse(String(init.body)) as { method: string } | { method: string }[];
        for (const { method } of Array.isArray(body) ? body : [body]) calls.set(method, (calls.get(method) ?? 0) + 1);
        return undefined;
      },
    }),
  });
  return { client, calls };
}

const scan = () => ({ contract: chain.contract, fromBlock: chain.deployedBlock });

describe('readEncryptionKey', () => {
  it('returns the registered key, or null for an account without one', async () => {
    expect(await readEncryptionKey(chain.publicClient, { contract: chain.contract, account: chain.address(PATIENT) })).toBe(testKey(PATIENT));
    expect(await readEncryptionKey(chain.publicClient, { contract: chain.contract, account: chain.address(UNREGISTERED) })).toBeNull();
  });

  it('fails with a typed, readable error when there is no consent contract at the address', async () => {
    const notAContract: Address = chain.address(9);
    const error = await readEncryptionKey(chain.publicClient, { contract: notAContract, account: chain.address(PATIENT) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsentReadError);
    expect(error).toMatchObject({ code: 'consent.read-failed' });
  });
});

describe('listPatientRecords', () => {
  it("lists the patient's records that are not removed, newest first, with the current version's locator", async () => {
    const records = await listPatientRecords(chain.publicClient, { ...scan(), patient: chain.address(PATIENT) });
    expect(records.map((r) => r.recordId)).toEqual([ids.replaced, ids.revoked, ids.checkup]);
    expect(records[0]).toMatchObject({ version: 2, patientLocator: testLocator(30) });
    expect(records[2]).toMatchObject({ version: 1, patientLocator: testLocator(10) });
    for (const record of records) {
      const [patient, version, removed] = await chain.read.recordOf(record.recordId);
      expect({ patient, version, removed }).toEqual({ patient: chain.address(PATIENT), version: record.version, removed: false });
      const tx = await chain.publicClient.getTransactionReceipt({ hash: record.transactionHash });
      expect(tx.blockNumber).toBe(record.blockNumber);
    }
  });

  it('returns nothing for an account with no records', async () => {
    expect(await listPatientRecords(chain.publicClient, { ...scan(), patient: chain.address(CLINICIAN) })).toEqual([]);
  });
});

describe('listRecordGrants', () => {
  it('gives each clinician’s latest grant with a status that agrees with hasAccess', async () => {
    const grants = await listRecordGrants(chain.publicClient, { ...scan(), recordId: ids.checkup });
    expect(grants).toEqual([
      expect.objectContaining({ clinician: chain.address(CLINICIAN), status: 'active', expiresAt: longExpiry }),
      expect.objectContaining({ clinician: chain.address(SECOND_CLINICIAN), status: 'expired', expiresAt: shortExpiry }),
    ]);
    for (const grant of grants) {
      expect(await chain.read.hasAccess(ids.checkup, grant.clinician)).toBe(grant.status === 'active');
    }
  });

  it('reports revoked, replaced-since and removed records’ grants as revoked', async () => {
    for (const recordId of [ids.revoked, ids.replaced, ids.removed]) {
      const grants = await listRecordGrants(chain.publicClient, { ...scan(), recordId });
      expect(grants).toEqual([expect.objectContaining({ clinician: chain.address(CLINICIAN), status: 'revoked' })]);
      expect(await chain.read.hasAccess(recordId, chain.address(CLINICIAN))).toBe(false);
    }
  });
});

describe('listClinicianGrants', () => {
  it('lists every record shared with the clinician, across patients, with the latest locator and a status matching the chain', async () => {
    const grants = await listClinicianGrants(chain.publicClient, { ...scan(), clinician: chain.address(CLINICIAN) });
    const byRecord = new Map(grants.map((g) => [g.recordId, g]));
    expect(grants).toHaveLength(5);
    expect(byRecord.get(ids.checkup)).toMatchObject({ patient: chain.address(PATIENT), status: 'active', clinicianLocator: testLocator(26), expiresAt: longExpiry });
    expect(byRecord.get(ids.otherPatients)).toMatchObject({ patient: chain.address(OTHER_PATIENT), status: 'active', clinicianLocator: testLocator(25) });
    expect(byRecord.get(ids.removed)).toMatchObject({ status: 'removed' });
    expect(byRecord.get(ids.revoked)).toMatchObject({ status: 'revoked', clinicianLocator: testLocator(23) });
    expect(byRecord.get(ids.replaced)).toMatchObject({ status: 'revoked' });
    // Newest change first: the re-grant of the checkup was the last consent transaction.
    expect(grants[0]?.recordId).toBe(ids.checkup);
    for (const grant of grants) {
      expect(await chain.read.hasAccess(grant.recordId, chain.address(CLINICIAN))).toBe(grant.status === 'active');
    }
  });

  it('shows a grant as expired once the chain passes its expiry', async () => {
    const grants = await listClinicianGrants(chain.publicClient, { ...scan(), clinician: chain.address(SECOND_CLINICIAN) });
    expect(grants).toEqual([expect.objectContaining({ recordId: ids.checkup, status: 'expired', clinicianLocator: testLocator(21) })]);
  });
});

describe('RPC cost', () => {
  it('reads in block-range pages: the same answer with tiny pages, and calls that grow with pages, not records', async () => {
    const options = { ...scan(), clinician: chain.address(CLINICIAN) };
    const whole = await listClinicianGrants(chain.publicClient, options);

    const { client, calls } = countingClient();
    const paged = await listClinicianGrants(client, { ...options, chunkBlocks: 4n });
    expect(paged).toEqual(whole);

    const latest = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
    const pages = Number((latest - chain.deployedBlock) / 4n + 1n);
    // One block read, then per page one query for grants and one for the five records' lifecycles.
    expect(calls.get('eth_getBlockByNumber')).toBe(1);
    expect(calls.get('eth_getLogs')).toBe(2 * pages);
    expect(calls.get('eth_call') ?? 0).toBe(0);
  });

  it('fails with a typed, readable error when the network is unreachable', async () => {
    const offline = createPublicClient({ chain: anvilChain, transport: http('http://127.0.0.1:1', { retryCount: 0 }) });
    const error = await listPatientRecords(offline, { ...scan(), patient: chain.address(PATIENT) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsentReadError);
    expect((error as ConsentReadError).message).toMatch(/could not read sharing information/);
  });
});
