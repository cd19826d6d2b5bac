// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import nacl from 'tweetnacl';
import { bytesToHex, hexToBytes, toHex, type Address, type Hex } from 'viem';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openLocator, sealLocator, type KeyPair } from '@/lib/crypto';
import { MISSING_CLINICIAN_KEY } from '@/lib/sharing/grant';
import { queryKeys } from './query-keys';
import { useGrantAccess, type GrantResult } from './use-grant-access';

/** The granting hook with the chain faked at its edges: the key read and the transaction pipeline. */
const fakes = vi.hoisted(() => ({
  readEncryptionKey: vi.fn(),
  run: vi.fn(),
  config: { chainId: 31337, consent: { address: '0x5FbDB2315678afecb367f032d93F642f64180aa3', deployedBlock: 0 } },
  client: {},
}));

vi.mock('wagmi', () => ({ usePublicClient: () => fakes.client }));
vi.mock('./use-public-config', () => ({ usePublicConfig: () => fakes.config }));
vi.mock('./use-consent-write', () => ({ useConsentWrite: () => ({ run: fakes.run, state: { status: 'idle' }, isBusy: false }) }));
vi.mock('@/lib/consent', () => ({ readEncryptionKey: fakes.readEncryptionKey }));

const PATIENT: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const CLINICIAN: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const pair = (): KeyPair => {
  const keys = nacl.box.keyPair();
  return { publicKey: keys.publicKey, secretKey: keys.secretKey };
};
const patient = pair();
const clinician = pair();
const content = { cid: 'bafyscan', contentKey: new Uint8Array(32).fill(3) };
const record = (recordId: bigint) => ({ recordId, locator: toHex(sealLocator({ ...content, cid: `${content.cid}${recordId}` }, patient.publicKey)) });

beforeEach(() => {
  fakes.readEncryptionKey.mockResolvedValue(bytesToHex(clinician.publicKey));
  fakes.run.mockResolvedValue({ ok: true, hash: `0x${'ab'.repeat(32)}` });
});
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

async function grant(intent: Parameters<ReturnType<typeof useGrantAccess>['grant']>[0]): Promise<GrantResult> {
  const { result } = renderHook(() => useGrantAccess(PATIENT, patient));
  let outcome: GrantResult = { ok: false, problem: 'not called' };
  await act(async () => {
    outcome = await result.current.grant(intent);
  });
  return outcome;
}

describe('useGrantAccess', () => {
  it('shares one record: reads the clinician’s key once and sends grantAccess with the locator re-sealed to them', async () => {
    expect(await grant({ kind: 'share', clinician: CLINICIAN, records: [record(7n)], expiresAt: 99n })).toEqual({ ok: true, recordCount: 1 });
    expect(fakes.readEncryptionKey).toHaveBeenCalledTimes(1);
    expect(fakes.readEncryptionKey.mock.calls[0]?.[1]).toMatchObject({ account: CLINICIAN });
    const request = fakes.run.mock.calls[0]?.[0] as { functionName: string; args: [bigint, Address, bigint, Hex]; invalidates: unknown };
    expect(request.functionName).toBe('grantAccess');
    expect(request.args.slice(0, 3)).toEqual([7n, CLINICIAN, 99n]);
    expect(openLocator(hexToBytes(request.args[3]), clinician)).toEqual({ ...content, cid: 'bafyscan7' });
    expect(request.invalidates).toEqual([queryKeys.patientGrants(31337, PATIENT)]);
  });

  it('shares several in one grantAccessBatch, still with one key read', async () => {
    expect(await grant({ kind: 'share', clinician: CLINICIAN, records: [record(1n), record(2n)], expiresAt: 99n })).toEqual({ ok: true, recordCount: 2 });
    expect(fakes.readEncryptionKey).toHaveBeenCalledTimes(1);
    expect(fakes.run.mock.calls[0]?.[0]).toMatchObject({ functionName: 'grantAccessBatch', args: [[1n, 2n], CLINICIAN, [99n, 99n], expect.any(Array)] });
  });

  it('approves a request with approveRequest, refreshing the requests and every grant read', async () => {
    const records = [record(1n), record(2n), record(3n)];
    expect(await grant({ kind: 'approve', requestId: 4n, clinician: CLINICIAN, chosen: new Set([3n, 1n]), records, expiresAt: 99n })).toEqual({
      ok: true,
      recordCount: 2,
    });
    const request = fakes.run.mock.calls[0]?.[0] as { functionName: string; args: [bigint, bigint[], bigint[], Hex[]]; invalidates: unknown };
    expect(request.functionName).toBe('approveRequest');
    expect(request.args.slice(0, 3)).toEqual([4n, [1n, 3n], [99n, 99n]]);
    expect(openLocator(hexToBytes(request.args[3][1] ?? '0x'), clinician).cid).toBe('bafyscan3');
    expect(request.invalidates).toEqual([queryKeys.pendingRequests(31337, PATIENT), queryKeys.allRecordGrants(31337)]);
  });

  it('says so, and sends nothing, when the clinician has no key', async () => {
    fakes.readEncryptionKey.mockResolvedValue(null);
    expect(await grant({ kind: 'share', clinician: CLINICIAN, records: [record(1n)], expiresAt: 99n })).toEqual({ ok: false, problem: MISSING_CLINICIAN_KEY.share });
    expect(await grant({ kind: 'approve', requestId: 1n, clinician: CLINICIAN, chosen: new Set([1n]), records: [record(1n)], expiresAt: 99n })).toEqual({
      ok: false,
      problem: MISSING_CLINICIAN_KEY.approve,
    });
    expect(fakes.run).not.toHaveBeenCalled();
  });

  it('leaves a failed transaction to its status, and turns a stale choice into a sentence', async () => {
    fakes.run.mockResolvedValueOnce({ ok: false });
    expect(await grant({ kind: 'share', clinician: CLINICIAN, records: [record(1n)], expiresAt: 99n })).toEqual({ ok: false, problem: null });
    const stale = await grant({ kind: 'approve', requestId: 1n, clinician: CLINICIAN, chosen: new Set([1n, 9n]), records: [record(1n)], expiresAt: 99n });
    expect(stale).toEqual({ ok: false, problem: 'One of the chosen records is no longer in your list. Refresh the page and choose again.' });
  });
});
