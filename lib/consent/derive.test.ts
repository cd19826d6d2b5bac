import type { Address, Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { deriveGrants, deriveRecordLifecycles, deriveRecords, type ConsentEvent } from './derive';
import type { EventPosition } from './history';

const PATIENT: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const CLINICIAN: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const at = (blockNumber: number, logIndex = 0): EventPosition => ({
  blockNumber: BigInt(blockNumber),
  logIndex,
  transactionHash: `0x${blockNumber.toString(16).padStart(64, '0')}` as Hex,
});

const added = (recordId: bigint, block: number, locator: Hex = '0xaa'): ConsentEvent => ({ type: 'RecordAdded', patient: PATIENT, recordId, patientLocator: locator, at: at(block) });
const replaced = (recordId: bigint, version: number, block: number, locator: Hex = '0xbb'): ConsentEvent => ({
  type: 'RecordReplaced',
  patient: PATIENT,
  recordId,
  version,
  patientLocator: locator,
  at: at(block),
});
const removed = (recordId: bigint, block: number): ConsentEvent => ({ type: 'RecordRemoved', patient: PATIENT, recordId, at: at(block) });
const granted = (recordId: bigint, expiresAt: bigint, block: number, locator: Hex = '0xcc'): ConsentEvent => ({
  type: 'AccessGranted',
  patient: PATIENT,
  clinician: CLINICIAN,
  recordId,
  expiresAt,
  clinicianLocator: locator,
  at: at(block),
});
const revoked = (recordId: bigint, block: number): ConsentEvent => ({ type: 'AccessRevoked', patient: PATIENT, clinician: CLINICIAN, recordId, at: at(block) });

describe('deriveRecords', () => {
  it('keeps the current version and locator, drops removed records, newest id first, whatever the input order', () => {
    const events = [removed(2n, 6), replaced(1n, 2, 5, '0x02'), added(2n, 3), added(1n, 2, '0x01'), added(3n, 4)];
    expect(deriveRecords(events)).toEqual([
      { recordId: 3n, version: 1, patientLocator: '0xaa', blockNumber: 4n, transactionHash: at(4).transactionHash },
      { recordId: 1n, version: 2, patientLocator: '0x02', blockNumber: 5n, transactionHash: at(5).transactionHash },
    ]);
  });
});

describe('deriveGrants', () => {
  const noLifecycle = new Map();

  it('mirrors hasAccess at the expiry boundary: active before expiresAt, expired at it', () => {
    const events = [granted(1n, 100n, 2)];
    expect(deriveGrants(events, noLifecycle, 99n)[0]?.status).toBe('active');
    expect(deriveGrants(events, noLifecycle, 100n)[0]?.status).toBe('expired');
  });

  it('uses the latest event per record and clinician: re-grant after revoke is active again', () => {
    const events = [granted(1n, 500n, 2, '0x01'), revoked(1n, 3), granted(1n, 900n, 4, '0x02')];
    expect(deriveGrants(events, noLifecycle, 10n)).toMatchObject([{ status: 'active', expiresAt: 900n, clinicianLocator: '0x02' }]);
    expect(deriveGrants(events.slice(0, 2), noLifecycle, 10n)).toMatchObject([{ status: 'revoked', expiresAt: 500n, clinicianLocator: '0x01' }]);
  });

  it('treats a grant made before a replacement as revoked, and one made after as active', () => {
    const lifecycles = deriveRecordLifecycles([replaced(1n, 2, 5)]);
    expect(deriveGrants([granted(1n, 500n, 4)], lifecycles, 10n)[0]?.status).toBe('revoked');
    expect(deriveGrants([granted(1n, 500n, 6)], lifecycles, 10n)[0]?.status).toBe('active');
    // Same block: order within the block decides.
    const sameBlock = deriveRecordLifecycles([{ ...replaced(1n, 2, 5), at: at(5, 3) }]);
    expect(deriveGrants([{ ...granted(1n, 500n, 5), at: at(5, 2) }], sameBlock, 10n)[0]?.status).toBe('revoked');
    expect(deriveGrants([{ ...granted(1n, 500n, 5), at: at(5, 4) }], sameBlock, 10n)[0]?.status).toBe('active');
  });

  it('reports removed records as removed, whatever the grant state', () => {
    const lifecycles = deriveRecordLifecycles([removed(1n, 9)]);
    expect(deriveGrants([granted(1n, 500n, 4), revoked(1n, 5)], lifecycles, 10n)[0]?.status).toBe('removed');
  });

  it('ignores a revoke with no grant in the scanned range', () => {
    expect(deriveGrants([revoked(1n, 3)], noLifecycle, 10n)).toEqual([]);
  });

  it('orders by latest change, newest first', () => {
    const events = [granted(1n, 500n, 2), granted(2n, 500n, 3), revoked(1n, 4)];
    expect(deriveGrants(events, noLifecycle, 10n).map((g) => g.recordId)).toEqual([1n, 2n]);
  });
});
