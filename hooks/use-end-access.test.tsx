// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import type { Address, Hex } from 'viem';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KeyPair } from '@/lib/crypto';
import { END_ACCESS_OUTCOMES, type Revocation } from '@/lib/sharing/end-access';
import type { PatientGrant } from '@/lib/consent';
import type { SharingSnapshot } from '@/lib/sharing/snapshot';
import { useEndAccess } from './use-end-access';

/** Ending access with the chain faked at its edges: the grant scan, key reads, the revoke and the re-key. */
const fakes = vi.hoisted(() => ({
  listPatientGrants: vi.fn(),
  readEncryptionKey: vi.fn(),
  run: vi.fn(),
  replace: vi.fn(),
  config: { chainId: 31337, consent: { address: '0x5FbDB2315678afecb367f032d93F642f64180aa3', deployedBlock: 0 } },
  client: {},
}));

vi.mock('wagmi', () => ({ usePublicClient: () => fakes.client }));
vi.mock('./use-public-config', () => ({ usePublicConfig: () => fakes.config }));
vi.mock('./use-consent-write', () => ({ useConsentWrite: () => ({ run: fakes.run, state: { status: 'idle' }, isBusy: false }) }));
vi.mock('./use-replace-record', () => ({
  useReplaceRecord: () => ({ replace: fakes.replace, tx: { state: { status: 'idle' } }, progressLabel: null, problem: null, busy: false }),
}));
vi.mock('@/lib/consent', () => ({ readEncryptionKey: fakes.readEncryptionKey, listPatientGrants: fakes.listPatientGrants }));

const PATIENT: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const REVOKED: Address = '0x1111111111111111111111111111111111111111';
const BOB: Address = '0x2222222222222222222222222222222222222222';
const CAROL: Address = '0x3333333333333333333333333333333333333333';
const keyPair: KeyPair = { publicKey: new Uint8Array(32), secretKey: new Uint8Array(32) };
const grant = (recordId: bigint, clinician: Address): PatientGrant => ({
  recordId,
  clinician,
  expiresAt: BigInt(Math.floor(Date.now() / 1000) + 30 * 86_400),
  status: 'active',
  grantedAtBlock: 1n,
  transactionHash: `0x${'ab'.repeat(32)}`,
});
const records = {
  locators: new Map<bigint, Hex>([
    [1n, '0x01'],
    [2n, '0x02'],
    [3n, '0x03'],
  ]),
  name: (id: bigint) => `Scan ${id.toString()}`,
};

beforeEach(() => {
  fakes.run.mockResolvedValue({ ok: true, hash: `0x${'ab'.repeat(32)}` });
  fakes.listPatientGrants.mockResolvedValue([grant(1n, BOB), grant(2n, BOB), grant(3n, CAROL), grant(1n, REVOKED), grant(2n, REVOKED)]);
  fakes.readEncryptionKey.mockResolvedValue(`0x${'07'.repeat(32)}`);
  fakes.replace.mockImplementation(async ({ sharing }: { sharing: () => Promise<SharingSnapshot> }) => {
    await sharing();
    return true;
  });
});
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

async function end(revocation: Revocation, alsoRekey: boolean) {
  const hook = renderHook(() => useEndAccess(PATIENT, keyPair, records));
  let ended: boolean | null = null;
  await act(async () => {
    ended = await hook.result.current.endAccess(REVOKED, revocation, alsoRekey);
  });
  return { ended, current: hook.result.current };
}

describe('useEndAccess', () => {
  it('revokes everything for the clinician and re-keys each record with one grant scan and one key read per remaining clinician', async () => {
    const { ended, current } = await end({ kind: 'all', recordIds: [1n, 2n, 3n] }, true);
    expect(ended).toBe(true);
    expect(fakes.run).toHaveBeenCalledTimes(1);
    expect(fakes.run.mock.calls[0]?.[0]).toMatchObject({ functionName: 'revokeAllForClinician', args: [REVOKED] });
    expect(fakes.replace.mock.calls.map(([request]) => (request as { recordId: bigint }).recordId)).toEqual([1n, 2n, 3n]);
    for (const [request] of fakes.replace.mock.calls) {
      expect(request).toMatchObject({ source: { kind: 'rekey' }, excluding: [REVOKED] });
    }
    expect(fakes.listPatientGrants).toHaveBeenCalledTimes(1);
    expect(fakes.readEncryptionKey.mock.calls.map(([, { account }]) => account)).toEqual([BOB, CAROL]);
    expect(current.outcome).toEqual({ tone: 'success', message: END_ACCESS_OUTCOMES.rekeyed });
    expect(current.rekeyStep).toBeNull();
  });

  it('revokes one record with revokeAccess and, without re-keying, reads nothing more', async () => {
    const { ended, current } = await end({ kind: 'one', recordId: 2n }, false);
    expect(ended).toBe(true);
    expect(fakes.run.mock.calls[0]?.[0]).toMatchObject({ functionName: 'revokeAccess', args: [2n, REVOKED] });
    expect(fakes.replace).not.toHaveBeenCalled();
    expect(fakes.listPatientGrants).not.toHaveBeenCalled();
    expect(current.outcome).toEqual({ tone: 'success', message: END_ACCESS_OUTCOMES.ended });
  });

  it('does nothing more when the revoke does not go through', async () => {
    fakes.run.mockResolvedValueOnce({ ok: false });
    const { ended, current } = await end({ kind: 'selected', recordIds: [1n, 2n] }, true);
    expect(ended).toBe(false);
    expect(fakes.run.mock.calls[0]?.[0]).toMatchObject({ functionName: 'revokeAccessBatch', args: [[1n, 2n], REVOKED] });
    expect(fakes.replace).not.toHaveBeenCalled();
    expect(current.outcome).toBeNull();
  });

  it('names the record whose re-key stopped; access stays ended', async () => {
    fakes.replace.mockResolvedValueOnce(true).mockResolvedValueOnce(false);
    const { ended, current } = await end({ kind: 'all', recordIds: [1n, 2n, 3n] }, true);
    expect(ended).toBe(true);
    expect(fakes.replace).toHaveBeenCalledTimes(2);
    expect(current.outcome).toEqual({ tone: 'error', message: END_ACCESS_OUTCOMES.rekeyStopped('Scan 2') });
  });
});
