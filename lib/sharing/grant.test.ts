import nacl from 'tweetnacl';
import { hexToBytes, toHex, type Address, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { openLocator, sealLocator, type KeyPair, type RecordLocator } from '@/lib/crypto';
import { SharingError } from './errors';
import { defaultApprovalSelection, grantedCount, planGrant, recordsToGrant, type GrantableRecord } from './grant';

const ALICE: Address = '0x1111111111111111111111111111111111111111';

const keyPair = (): KeyPair => {
  const pair = nacl.box.keyPair();
  return { publicKey: pair.publicKey, secretKey: pair.secretKey };
};

const patient = keyPair();
const clinician = keyPair();
const content = (n: number): RecordLocator => ({ cid: `bafkrei${'abc'[n % 3]}${n}`, contentKey: new Uint8Array(32).fill(n) });
/** A record as the chain holds it: its locator sealed to the patient. */
const held = (recordId: bigint, n: number): GrantableRecord => ({ recordId, locator: toHex(sealLocator(content(n), patient.publicKey)) });
const openAsPatient = (locator: Hex) => openLocator(hexToBytes(locator), patient);
const openAsClinician = (locator: Hex | undefined) => openLocator(hexToBytes(locator ?? '0x'), clinician);

describe('defaultApprovalSelection', () => {
  const records = [{ recordId: 1n }, { recordId: 2n }, { recordId: 5n }];
  it('ticks every record for an "all records" request', () => {
    expect(defaultApprovalSelection([], records)).toEqual([1n, 2n, 5n]);
  });
  it('ticks only the requested records the patient still has', () => {
    expect(defaultApprovalSelection([5n, 4n], records)).toEqual([5n]);
  });
});

describe('planGrant: sharing', () => {
  it('shares one record with one grantAccess, its locator re-sealed to the clinician', () => {
    const call = planGrant({ kind: 'share', clinician: ALICE, records: [held(3n, 1)], expiresAt: 999n }, clinician.publicKey, openAsPatient);
    expect(call.functionName).toBe('grantAccess');
    if (call.functionName !== 'grantAccess') return;
    const [recordId, to, expiresAt, locator] = call.args;
    expect([recordId, to, expiresAt]).toEqual([3n, ALICE, 999n]);
    expect(openAsClinician(locator)).toEqual(content(1));
    expect(() => openLocator(hexToBytes(locator), patient)).toThrow();
    expect(grantedCount(call)).toBe(1);
  });

  it('shares several with one grantAccessBatch: one expiry and one clinician-sealed locator per record, in the records’ order', () => {
    const call = planGrant({ kind: 'share', clinician: ALICE, records: [held(3n, 1), held(5n, 2)], expiresAt: 999n }, clinician.publicKey, openAsPatient);
    expect(call.functionName).toBe('grantAccessBatch');
    if (call.functionName !== 'grantAccessBatch') return;
    const [ids, to, expiries, locators] = call.args;
    expect(ids).toEqual([3n, 5n]);
    expect(to).toBe(ALICE);
    expect(expiries).toEqual([999n, 999n]);
    expect(openAsClinician(locators[0])).toEqual(content(1));
    expect(openAsClinician(locators[1])).toEqual(content(2));
    expect(grantedCount(call)).toBe(2);
  });

  it('refuses an empty selection with a sentence', () => {
    expect(() => planGrant({ kind: 'share', clinician: ALICE, records: [], expiresAt: 1n }, clinician.publicKey, openAsPatient)).toThrow(SharingError);
    expect(() => recordsToGrant({ kind: 'share', clinician: ALICE, records: [], expiresAt: 1n })).toThrow('Select at least one record to share.');
  });
});

describe('planGrant: approving a request', () => {
  const records = [held(1n, 1), held(2n, 2), held(5n, 5)];
  const approve = (chosen: bigint[]) => ({ kind: 'approve' as const, requestId: 42n, clinician: ALICE, chosen: new Set(chosen), records, expiresAt: 99n });

  it('answers with one approveRequest: parallel arrays in record order, sealing each record’s own locator', () => {
    const call = planGrant(approve([5n, 1n]), clinician.publicKey, openAsPatient);
    expect(call.functionName).toBe('approveRequest');
    if (call.functionName !== 'approveRequest') return;
    const [requestId, ids, expiries, locators] = call.args;
    expect([requestId, ids, expiries]).toEqual([42n, [1n, 5n], [99n, 99n]]);
    expect(openAsClinician(locators[0])).toEqual(content(1));
    expect(openAsClinician(locators[1])).toEqual(content(5));
    expect(grantedCount(call)).toBe(2);
  });

  it('uses approveRequest even for a single record', () => {
    const call = planGrant(approve([2n]), clinician.publicKey, openAsPatient);
    expect(call.functionName).toBe('approveRequest');
    expect(grantedCount(call)).toBe(1);
  });

  it('refuses an empty choice and a record that disappeared, with typed errors', () => {
    expect(() => planGrant(approve([]), clinician.publicKey, openAsPatient)).toThrow(SharingError);
    expect(() => recordsToGrant(approve([]))).toThrow('Choose at least one record to share, or deny the request instead.');
    expect(() => recordsToGrant(approve([1n, 7n]))).toThrow(/no longer in your list/);
    expect(() => recordsToGrant(approve([1n, 7n]))).toThrow(expect.objectContaining({ code: 'sharing.record-gone' }));
  });
});
