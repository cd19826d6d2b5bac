import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsentChain, testKey, testLocator, type ConsentChain } from '@/scripts/lib/test-chain';
import { listClinicianGrants, listRecordGrants } from './read';
import { listClinicianRequests, listPendingRequests } from './requests';

// Accounts: 1 patient, 2 and 3 clinicians with profiles.
const PATIENT = 1;
const CLINICIAN = 2;
const SECOND_CLINICIAN = 3;
const DAY = 86_400n;
const NOTE = `0x${'ab'.repeat(32)}` as const;

let chain: ConsentChain;
const records: bigint[] = [];
const requestIds: bigint[] = [];

async function request(from: 2 | 3, recordIds: bigint[], purpose: number, note: `0x${string}`): Promise<bigint> {
  const receipt = await chain.send(from, 'requestAccess', [chain.address(PATIENT), recordIds, purpose, note]);
  const event = chain.eventsOf(receipt).find((e) => e.eventName === 'AccessRequested');
  if (event?.eventName !== 'AccessRequested') throw new Error('no AccessRequested');
  return event.args.requestId;
}

/** Four requests: approved, denied, cancelled, and one still pending; then a revoke-all of clinician 2. */
beforeAll(async () => {
  chain = await startConsentChain();
  for (const account of [PATIENT, CLINICIAN, SECOND_CLINICIAN] as const) await chain.send(account, 'registerEncryptionKey', [testKey(account)]);
  await chain.send(CLINICIAN, 'setClinicianProfile', ['Dr. A', 'Clinic A']);
  await chain.send(SECOND_CLINICIAN, 'setClinicianProfile', ['Dr. B', '']);
  for (const seed of [1, 2]) {
    const [event] = chain.eventsOf(await chain.send(PATIENT, 'addRecord', [testLocator(seed)]));
    if (event?.eventName !== 'RecordAdded') throw new Error('no RecordAdded');
    records.push(event.args.recordId);
  }
  const expiresAt = (await chain.latestTimestamp()) + 30n * DAY;
  requestIds.push(await request(CLINICIAN, [records[0]!], 0, NOTE));
  await chain.send(PATIENT, 'approveRequest', [requestIds[0]!, records, [expiresAt, expiresAt], [testLocator(3), testLocator(4)]]);
  requestIds.push(await request(SECOND_CLINICIAN, [], 3, `0x${'00'.repeat(32)}`));
  await chain.send(PATIENT, 'denyRequest', [requestIds[1]!]);
  requestIds.push(await request(CLINICIAN, [], 1, NOTE));
  await chain.send(CLINICIAN, 'cancelRequest', [requestIds[2]!]);
  requestIds.push(await request(SECOND_CLINICIAN, [records[1]!], 4, NOTE));
  await chain.send(PATIENT, 'grantAccess', [records[0]!, chain.address(SECOND_CLINICIAN), expiresAt, testLocator(5)]);
  await chain.send(PATIENT, 'revokeAllForClinician', [chain.address(CLINICIAN)]);
});

afterAll(async () => {
  await chain?.stop();
});

const scan = () => ({ contract: chain.contract, fromBlock: chain.deployedBlock });

describe('listPendingRequests', () => {
  it('lists only the requests to the patient still waiting, with purpose, records and note', async () => {
    const pending = await listPendingRequests(chain.publicClient, { ...scan(), patient: chain.address(PATIENT) });
    expect(pending).toMatchObject([
      { requestId: requestIds[3], clinician: chain.address(SECOND_CLINICIAN), purpose: 'research', recordIds: [records[1]], noteHash: NOTE, status: 'pending' },
    ]);
    expect(await listPendingRequests(chain.publicClient, { ...scan(), patient: chain.address(CLINICIAN) })).toEqual([]);
  });

  it('agrees with requestOf for every request', async () => {
    const all = [
      ...(await listClinicianRequests(chain.publicClient, { ...scan(), clinician: chain.address(CLINICIAN) })),
      ...(await listClinicianRequests(chain.publicClient, { ...scan(), clinician: chain.address(SECOND_CLINICIAN) })),
    ];
    expect(all).toHaveLength(requestIds.length);
    const statusCodes = { pending: 1, approved: 2, denied: 3, cancelled: 4 } as const;
    for (const request of all) {
      const [patient, clinician, , status] = await chain.publicClient.readContract({
        address: chain.contract,
        abi: (await import('@/contracts-abi')).chartkeyConsentAbi,
        functionName: 'requestOf',
        args: [request.requestId],
      });
      expect([patient, clinician, status]).toEqual([request.patient, request.clinician, statusCodes[request.status]]);
    }
  });
});

describe('listClinicianRequests', () => {
  it("lists the clinician's requests newest first with their outcome", async () => {
    const mine = await listClinicianRequests(chain.publicClient, { ...scan(), clinician: chain.address(CLINICIAN) });
    expect(mine.map((r) => [r.requestId, r.status, r.purpose])).toEqual([
      [requestIds[2], 'cancelled', 'referral'],
      [requestIds[0], 'approved', 'treatment'],
    ]);
    const second = await listClinicianRequests(chain.publicClient, { ...scan(), clinician: chain.address(SECOND_CLINICIAN) });
    expect(second.map((r) => [r.status, r.purpose, r.noteHash])).toEqual([
      ['pending', 'research', NOTE],
      ['denied', 'emergency', null],
    ]);
  });
});

describe('revoke-all in the read helpers', () => {
  it('shows grants made before a revoke-all as revoked, matching hasAccess, and leaves other clinicians alone', async () => {
    const grants = await listClinicianGrants(chain.publicClient, { ...scan(), clinician: chain.address(CLINICIAN) });
    expect(grants.map((g) => g.status)).toEqual(['revoked', 'revoked']);
    for (const grant of grants) expect(await chain.read.hasAccess(grant.recordId, chain.address(CLINICIAN))).toBe(false);

    const onRecord = await listRecordGrants(chain.publicClient, { ...scan(), recordId: records[0]! });
    const byClinician = Object.fromEntries(onRecord.map((g) => [g.clinician, g.status]));
    expect(byClinician).toEqual({ [chain.address(CLINICIAN)]: 'revoked', [chain.address(SECOND_CLINICIAN)]: 'active' });
    expect(await chain.read.hasAccess(records[0]!, chain.address(SECOND_CLINICIAN))).toBe(true);
  });
});
