import type { Address, Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { END_ACCESS_OUTCOMES, planEndAccess, runEndAccess, type EndAccessEffects, type EndAccessPlan, type RekeyStep } from './end-access';
import type { PatientGrant } from '@/lib/consent';
import { CARRY_OVER_MARGIN_SECONDS, planCarryOver } from './plan';
import { carryOverClinicians, readSharingSnapshot, type SharingSnapshot } from './snapshot';

const REVOKED: Address = '0x1111111111111111111111111111111111111111';
const BOB: Address = '0x2222222222222222222222222222222222222222';
const CAROL: Address = '0x3333333333333333333333333333333333333333';
const NOW = 1_700_000_000;
const LATER = BigInt(NOW) + 30n * 86_400n;

const grant = (recordId: bigint, clinician: Address, patch: Partial<PatientGrant> = {}): PatientGrant => ({
  recordId,
  clinician,
  expiresAt: LATER,
  status: 'active',
  grantedAtBlock: 10n,
  transactionHash: `0x${'ab'.repeat(32)}`,
  ...patch,
});

const locators = new Map<bigint, Hex>([
  [1n, '0x01'],
  [2n, '0x02'],
  [3n, '0x03'],
]);
const recordName = (id: bigint) => `Scan ${id.toString()}`;

describe('planEndAccess', () => {
  it('revokes one record with revokeAccess and, without re-keying, plans no re-key', () => {
    const plan = planEndAccess({ clinician: REVOKED, revocation: { kind: 'one', recordId: 2n }, alsoRekey: false, locators, recordName });
    expect(plan.revoke).toEqual({ functionName: 'revokeAccess', args: [2n, REVOKED] });
    expect(plan.rekey).toBeNull();
  });

  it('revokes a selection in one revokeAccessBatch and everything with revokeAllForClinician', () => {
    const selected = planEndAccess({ clinician: REVOKED, revocation: { kind: 'selected', recordIds: [1n, 3n] }, alsoRekey: false, locators, recordName });
    expect(selected.revoke).toEqual({ functionName: 'revokeAccessBatch', args: [[1n, 3n], REVOKED] });
    const all = planEndAccess({ clinician: REVOKED, revocation: { kind: 'all', recordIds: [1n, 2n] }, alsoRekey: false, locators, recordName });
    expect(all.revoke).toEqual({ functionName: 'revokeAllForClinician', args: [REVOKED] });
  });

  it('re-keys each record in order, numbered among all revoked records, skipping one removed meanwhile', () => {
    const plan = planEndAccess({ clinician: REVOKED, revocation: { kind: 'all', recordIds: [3n, 9n, 1n] }, alsoRekey: true, locators, recordName });
    expect(plan.rekey).toEqual([
      { recordId: 3n, locator: '0x03', name: 'Scan 3', label: 'Re-keying 1 of 3: Scan 3' },
      { recordId: 1n, locator: '0x01', name: 'Scan 1', label: 'Re-keying 3 of 3: Scan 1' },
    ]);
  });
});

describe('carryOverClinicians', () => {
  it('lists each clinician who keeps access to any of the records once, leaving out the revoked, ended and nearly ended', () => {
    const grants = [
      grant(1n, BOB),
      grant(2n, BOB),
      grant(1n, REVOKED),
      grant(2n, CAROL.toLowerCase() as Address),
      grant(3n, CAROL),
      grant(1n, CAROL, { recordId: 1n, status: 'revoked' }),
      grant(2n, '0x4444444444444444444444444444444444444444', { expiresAt: BigInt(NOW + CARRY_OVER_MARGIN_SECONDS) }),
      grant(7n, '0x5555555555555555555555555555555555555555'),
    ];
    expect(carryOverClinicians(grants, [1n, 2n], { excluding: [REVOKED.toUpperCase().replace('0X', '0x') as Address], nowSeconds: NOW })).toEqual([
      BOB,
      CAROL.toLowerCase(),
    ]);
  });

  it('covers every clinician planCarryOver later keeps for each record', () => {
    const grants = [grant(1n, BOB), grant(2n, CAROL), grant(2n, REVOKED)];
    const clinicians = new Set(carryOverClinicians(grants, [1n, 2n], { excluding: [REVOKED], nowSeconds: NOW }).map((c) => c.toLowerCase()));
    for (const recordId of [1n, 2n]) {
      for (const { clinician } of planCarryOver(grants, recordId, { excluding: [REVOKED], nowSeconds: NOW + 60 })) {
        expect(clinicians.has(clinician.toLowerCase())).toBe(true);
      }
    }
  });
});

describe('readSharingSnapshot', () => {
  it('scans once and reads each clinician’s key once, leaving out those without a key', async () => {
    const scans: number[] = [];
    const reads: Address[] = [];
    const snapshot = await readSharingSnapshot(
      {
        readGrants: async () => {
          scans.push(1);
          return [grant(1n, BOB), grant(2n, BOB), grant(2n, CAROL)];
        },
        readKey: async (clinician) => {
          reads.push(clinician);
          return clinician === BOB ? new Uint8Array(32).fill(7) : null;
        },
      },
      [1n, 2n],
      { nowSeconds: NOW },
    );
    expect(scans).toHaveLength(1);
    expect(reads).toEqual([BOB, CAROL]);
    expect([...snapshot.keys.keys()]).toEqual([BOB.toLowerCase()]);
    expect(snapshot.grants).toHaveLength(3);
  });
});

/** Fake effects recording what the run did. */
function fakeEffects({ revokeOk = true, failAt = null as bigint | null } = {}) {
  const log: string[] = [];
  const snapshots: SharingSnapshot[] = [];
  const grants = [grant(1n, BOB), grant(2n, BOB), grant(3n, CAROL), grant(1n, REVOKED), grant(2n, REVOKED), grant(3n, REVOKED)];
  const effects: EndAccessEffects = {
    revoke: async (call) => {
      log.push(`revoke ${call.functionName}`);
      return revokeOk;
    },
    readGrants: async () => {
      log.push('scan');
      return grants;
    },
    readKey: async (clinician) => {
      log.push(`key ${clinician}`);
      return new Uint8Array(32).fill(1);
    },
    rekey: async (step: RekeyStep, sharing) => {
      const snapshot = await sharing();
      snapshots.push(snapshot);
      log.push(`rekey ${step.recordId.toString()}`);
      return step.recordId !== failAt;
    },
    nowSeconds: () => NOW,
    onStep: (label) => log.push(`step ${label ?? '-'}`),
  };
  return { effects, log, snapshots };
}

const everything = (alsoRekey: boolean): EndAccessPlan =>
  planEndAccess({ clinician: REVOKED, revocation: { kind: 'all', recordIds: [1n, 2n, 3n] }, alsoRekey, locators, recordName });

describe('runEndAccess', () => {
  it('without re-keying, only revokes and says access ended', async () => {
    const { effects, log } = fakeEffects();
    expect(await runEndAccess(everything(false), effects)).toEqual({ ended: true, outcome: { tone: 'success', message: END_ACCESS_OUTCOMES.ended } });
    expect(log).toEqual(['revoke revokeAllForClinician']);
  });

  it('stops before anything else when the revoke does not go through', async () => {
    const { effects, log } = fakeEffects({ revokeOk: false });
    expect(await runEndAccess(everything(true), effects)).toEqual({ ended: false, outcome: null });
    expect(log).toEqual(['revoke revokeAllForClinician']);
  });

  it('re-keys every record with ONE grant scan and ONE key read per remaining clinician', async () => {
    const { effects, log, snapshots } = fakeEffects();
    expect(await runEndAccess(everything(true), effects)).toEqual({ ended: true, outcome: { tone: 'success', message: END_ACCESS_OUTCOMES.rekeyed } });
    expect(log).toEqual([
      'revoke revokeAllForClinician',
      'step Re-keying 1 of 3: Scan 1',
      'scan',
      `key ${BOB}`,
      `key ${CAROL}`,
      'rekey 1',
      'step Re-keying 2 of 3: Scan 2',
      'rekey 2',
      'step Re-keying 3 of 3: Scan 3',
      'rekey 3',
      'step -',
    ]);
    expect(snapshots[0]).toBe(snapshots[2]);
    expect(snapshots[0]?.keys.has(REVOKED.toLowerCase())).toBe(false);
  });

  it('stops at the first record that does not re-key, naming it; access stays ended', async () => {
    const { effects, log } = fakeEffects({ failAt: 2n });
    expect(await runEndAccess(everything(true), effects)).toEqual({ ended: true, outcome: { tone: 'error', message: END_ACCESS_OUTCOMES.rekeyStopped('Scan 2') } });
    expect(log.filter((line) => line.startsWith('rekey'))).toEqual(['rekey 1', 'rekey 2']);
    expect(log.at(-1)).toBe('step -');
    expect(END_ACCESS_OUTCOMES.rekeyStopped('Scan 2')).toContain('re-keying Scan 2 did not finish');
  });
});
