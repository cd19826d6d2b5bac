import { createPublicClient, http, type Address } from 'viem';
import { anvil as anvilChain } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsentChain, testKey, testLocator, type ConsentChain } from '@/scripts/lib/test-chain';
import { ConsentReadError } from './errors';
import { listPatientGrants, listRecordGrants, type ConsentClient } from './read';

// Accounts: 1 the patient, 4 another patient, 2 and 3 clinicians.
const PATIENT = 1;
const CLINICIAN = 2;
const SECOND = 3;
const OTHER_PATIENT = 4;
const DAY = 86_400n;

let chain: ConsentChain;
const ids = { shared: 0n, revoked: 0n, replaced: 0n, removed: 0n, expiring: 0n, others: 0n };

async function addRecord(patient: 1 | 4, seed: number): Promise<bigint> {
  const [event] = chain.eventsOf(await chain.send(patient, 'addRecord', [testLocator(seed)]));
  if (event?.eventName !== 'RecordAdded') throw new Error('no RecordAdded');
  return event.args.recordId;
}

/**
 * One history covering every way a grant ends:
 * - shared: clinician 2 active; clinician 3 granted, voided by revoke-all, then granted again → active
 * - revoked: clinician 2 revoked one-by-one
 * - replaced: clinician 2's grant voided by a new version, clinician 3 carried over → active
 * - removed: clinician 2's grant ended by removal
 * - expiring: clinician 2's grant expired
 * - others: another patient's record shared with clinician 2 (must not appear)
 */
beforeAll(async () => {
  chain = await startConsentChain();
  for (const account of [PATIENT, CLINICIAN, SECOND, OTHER_PATIENT] as const) await chain.send(account, 'registerEncryptionKey', [testKey(account)]);
  const now = await chain.latestTimestamp();
  const long = now + 30n * DAY;
  const short = now + DAY;
  const [c2, c3] = [chain.address(CLINICIAN), chain.address(SECOND)];
  ids.shared = await addRecord(PATIENT, 1);
  ids.revoked = await addRecord(PATIENT, 2);
  ids.replaced = await addRecord(PATIENT, 3);
  ids.removed = await addRecord(PATIENT, 4);
  ids.expiring = await addRecord(PATIENT, 5);
  ids.others = await addRecord(OTHER_PATIENT, 6);

  await chain.send(PATIENT, 'grantAccessBatch', [
    [ids.shared, ids.revoked, ids.replaced, ids.removed],
    c2,
    [long, long, long, long],
    [testLocator(10), testLocator(11), testLocator(12), testLocator(13)],
  ]);
  await chain.send(PATIENT, 'grantAccess', [ids.expiring, c2, short, testLocator(14)]);
  await chain.send(PATIENT, 'grantAccess', [ids.shared, c3, long, testLocator(15)]);
  await chain.send(OTHER_PATIENT, 'grantAccess', [ids.others, c2, long, testLocator(16)]);
  await chain.send(PATIENT, 'revokeAllForClinician', [c3]);
  await chain.send(PATIENT, 'grantAccess', [ids.shared, c3, long + DAY, testLocator(17)]);
  await chain.send(PATIENT, 'revokeAccess', [ids.revoked, c2]);
  await chain.send(PATIENT, 'replaceRecord', [ids.replaced, testLocator(20), [c3], [long], [testLocator(21)]]);
  await chain.send(PATIENT, 'removeRecord', [ids.removed]);
  await chain.mineAt(short + 1n);
});

afterAll(async () => {
  await chain?.stop();
});

const scan = () => ({ contract: chain.contract, fromBlock: chain.deployedBlock, patient: chain.address(PATIENT) });
const key = (recordId: bigint, clinician: Address) => `${recordId}:${clinician.toLowerCase()}`;

describe('listPatientGrants', () => {
  it("gives each of the patient's (record, clinician) grants once, with a status that agrees with hasAccess", async () => {
    const grants = await listPatientGrants(chain.publicClient, scan());
    const statuses = Object.fromEntries(grants.map((g) => [key(g.recordId, g.clinician), g.status]));
    const [c2, c3] = [chain.address(CLINICIAN), chain.address(SECOND)];
    expect(statuses).toEqual({
      [key(ids.shared, c2)]: 'active',
      [key(ids.shared, c3)]: 'active',
      [key(ids.revoked, c2)]: 'revoked',
      [key(ids.replaced, c2)]: 'revoked',
      [key(ids.replaced, c3)]: 'active',
      [key(ids.removed, c2)]: 'revoked',
      [key(ids.expiring, c2)]: 'expired',
    });
    for (const grant of grants) {
      expect(await chain.read.hasAccess(grant.recordId, grant.clinician), key(grant.recordId, grant.clinician)).toBe(grant.status === 'active');
    }
    // The re-grant after revoke-all carries its own (later) expiry.
    const [expiresAt] = await chain.read.grantOf(ids.shared, c3);
    expect(grants.find((g) => g.recordId === ids.shared && g.clinician === c3)?.expiresAt).toBe(expiresAt);
  });

  it('agrees with the per-record read for every record', async () => {
    const grants = await listPatientGrants(chain.publicClient, scan());
    for (const recordId of [ids.shared, ids.revoked, ids.replaced, ids.removed, ids.expiring]) {
      const perRecord = await listRecordGrants(chain.publicClient, { contract: chain.contract, fromBlock: chain.deployedBlock, recordId });
      const mine = grants.filter((g) => g.recordId === recordId);
      expect(mine.map((g) => [g.clinician, g.status, g.expiresAt, g.transactionHash])).toEqual(
        perRecord.map((g) => [g.clinician, g.status, g.expiresAt, g.transactionHash]),
      );
    }
  });

  it('returns nothing for an account that never shared', async () => {
    expect(await listPatientGrants(chain.publicClient, { ...scan(), patient: chain.address(SECOND) })).toEqual([]);
  });

  it('makes one block read and one log query per block range, however many records there are', async () => {
    const calls = new Map<string, number>();
    const client: ConsentClient = createPublicClient({
      chain: anvilChain,
      transport: http(chain.rpcUrl, {
        onFetchRequest: (_request, init) => {
          const body = JSON.parse(String(init.body)) as { method: string } | { method: string }[];
          for (const { method } of Array.isArray(body) ? body : [body]) calls.set(method, (calls.get(method) ?? 0) + 1);
          return undefined;
        },
      }),
    });
    const whole = await listPatientGrants(chain.publicClient, scan());
    const paged = await listPatientGrants(client, { ...scan(), chunkBlocks: 4n });
    expect(paged).toEqual(whole);
    const latest = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
    expect(calls.get('eth_getBlockByNumber')).toBe(1);
    expect(calls.get('eth_getLogs')).toBe(Number((latest - chain.deployedBlock) / 4n + 1n));
    expect(calls.get('eth_call') ?? 0).toBe(0);
  });

  it('fails with a typed, readable error when the network is unreachable', async () => {
    const offline = createPublicClient({ chain: anvilChain, transport: http('http://127.0.0.1:1', { retryCount: 0 }) });
    const error = await listPatientGrants(offline, scan()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsentReadError);
    expect((error as Error).message).toMatch(/who can see your records/);
  });
});
