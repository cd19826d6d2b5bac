import { zeroAddress, zeroHash } from 'viem';
import { clinicianProfileHash, readIsBlocked } from '@/lib/consent';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GasRecorder } from '@/scripts/lib/gas';
import { startConsentChain, testKey, testLocator, type ConsentChain } from '@/scripts/lib/test-chain';

// Roles (anvil accounts): 0 deploys; 1 and 4 are patients; 2 and 3 clinicians; 5 never registers a key.
const PATIENT = 1;
const CLINICIAN = 2;
const SECOND_CLINICIAN = 3;
const OTHER_PATIENT = 4;
const UNREGISTERED = 5;
const DAY = 86_400n;

let chain: ConsentChain;
let snapshot: `0x${string}`;
const gas = new GasRecorder();

beforeAll(async () => {
  chain = await startConsentChain();
  gas.record('registerEncryptionKey', await chain.send(PATIENT, 'registerEncryptionKey', [testKey(1)]));
  for (const account of [CLINICIAN, SECOND_CLINICIAN, OTHER_PATIENT] as const) {
    await chain.send(account, 'registerEncryptionKey', [testKey(account)]);
  }
});

afterAll(async () => {
  if (gas.measurements.length > 0) console.log(gas.report('ChartkeyConsent gas used (165-byte locators)'));
  await chain?.stop();
});

// Every test starts from the same chain state: keys registered for accounts 1–4, no records.
beforeEach(async () => {
  snapshot = await chain.testClient.snapshot();
});
afterEach(async () => {
  await chain.testClient.revert({ id: snapshot });
});

async function addRecord(patient: 1 | 4 = PATIENT, seed = 7): Promise<bigint> {
  const receipt = await chain.send(patient, 'addRecord', [testLocator(seed)]);
  const [event] = chain.eventsOf(receipt);
  if (event?.eventName !== 'RecordAdded') throw new Error('addRecord emitted no RecordAdded');
  return event.args.recordId;
}

async function inDays(days: bigint): Promise<bigint> {
  return (await chain.latestTimestamp()) + days * DAY;
}

describe('encryption keys', () => {
  it('registers and rotates a key, emitting EncryptionKeyRegistered each time', async () => {
    const account = chain.address(UNREGISTERED);
    expect(await chain.read.encryptionKeyOf(account)).toBe(zeroHash);

    const first = await chain.send(UNREGISTERED, 'registerEncryptionKey', [testKey(0xaa)]);
    expect(chain.eventsOf(first)).toMatchObject([{ eventName: 'EncryptionKeyRegistered', args: { account, publicKey: testKey(0xaa) } }]);
    expect(await chain.read.encryptionKeyOf(account)).toBe(testKey(0xaa));

    await chain.send(UNREGISTERED, 'registerEncryptionKey', [testKey(0xbb)]);
    expect(await chain.read.encryptionKeyOf(account)).toBe(testKey(0xbb));
  });

  it('refuses a zero key', async () => {
    expect(await chain.revertOf(UNREGISTERED, 'registerEncryptionKey', [zeroHash])).toEqual({ errorName: 'ZeroKey', args: [] });
  });
});

describe('addRecord', () => {
  it('numbers records from 1 with one global counter and stores patient, version 1, not removed', async () => {
    const receipt = await chain.send(PATIENT, 'addRecord', [testLocator(1)]);
    gas.record('addRecord', receipt);
    expect(chain.eventsOf(receipt)).toMatchObject([
      { eventName: 'RecordAdded', args: { patient: chain.address(PATIENT), recordId: 1n, patientLocator: testLocator(1) } },
    ]);
    expect(await addRecord(OTHER_PATIENT)).toBe(2n);
    expect(await addRecord(PATIENT)).toBe(3n);

    expect(await chain.read.recordOf(1n)).toEqual([chain.address(PATIENT), 1, false]);
    expect(await chain.read.recordOf(2n)).toEqual([chain.address(OTHER_PATIENT), 1, false]);
    expect(await chain.read.recordOf(99n)).toEqual([zeroAddress, 0, false]);
  });

  it('requires the patient to have registered an encryption key', async () => {
    expect(await chain.revertOf(UNREGISTERED, 'addRecord', [testLocator(1)])).toEqual({
      errorName: 'EncryptionKeyNotRegistered',
      args: [chain.address(UNREGISTERED)],
    });
  });

  it('refuses an empty locator', async () => {
    expect(await chain.revertOf(PATIENT, 'addRecord', ['0x'])).toEqual({ errorName: 'LocatorLengthOutOfRange', args: [0n] });
  });
});

describe('grantAccess', () => {
  it('stores one grant for the current version, emits AccessGranted and gives access', async () => {
    const recordId = await addRecord();
    const expiresAt = await inDays(30n);
    const clinician = chain.address(CLINICIAN);
    expect(await chain.read.hasAccess(recordId, clinician)).toBe(false);

    const receipt = await chain.send(PATIENT, 'grantAccess', [recordId, clinician, expiresAt, testLocator(2)]);
    gas.record('grantAccess', receipt);
    expect(chain.eventsOf(receipt)).toMatchObject([
      {
        eventName: 'AccessGranted',
        args: { patient: chain.address(PATIENT), clinician, recordId, expiresAt, clinicianLocator: testLocator(2) },
      },
    ]);
    expect(await chain.read.grantOf(recordId, clinician)).toEqual([expiresAt, 1, 0]);
    expect(await chain.read.hasAccess(recordId, clinician)).toBe(true);
    expect(await chain.read.hasAccess(recordId, chain.address(SECOND_CLINICIAN))).toBe(false);
  });

  it('re-granting overwrites the expiry, shortening as well as extending', async () => {
    const recordId = await addRecord();
    const clinician = chain.address(CLINICIAN);
    const long = await inDays(90n);
    const short = await inDays(1n);
    await chain.send(PATIENT, 'grantAccess', [recordId, clinician, long, testLocator(2)]);
    const regrant = await chain.send(PATIENT, 'grantAccess', [recordId, clinician, short, testLocator(3)]);
    gas.record('grantAccess (re-grant)', regrant);
    expect(await chain.read.grantOf(recordId, clinician)).toEqual([short, 1, 0]);

    await chain.mineAt(short);
    expect(await chain.read.hasAccess(recordId, clinician)).toBe(false);
  });

  it('gives access until the block before expiresAt and none from expiresAt on', async () => {
    const recordId = await addRecord();
    const clinician = chain.address(CLINICIAN);
    const expiresAt = await inDays(7n);
    await chain.send(PATIENT, 'grantAccess', [recordId, clinician, expiresAt, testLocator(2)]);

    await chain.mineAt(expiresAt - 1n);
    expect(await chain.read.hasAccess(recordId, clinician)).toBe(true);
    await chain.mineAt(expiresAt);
    expect(await chain.read.hasAccess(recordId, clinician)).toBe(false);
    // The slot stays (nothing on-chain runs at expiry); only its meaning changed.
    expect(await chain.read.grantOf(recordId, clinician)).toEqual([expiresAt, 1, 0]);
  });

  it('refuses an expiry that is not in the future', async () => {
    const recordId = await addRecord();
    const now = await chain.latestTimestamp();
    expect(await chain.revertOf(PATIENT, 'grantAccess', [recordId, chain.address(CLINICIAN), now, testLocator(2)])).toEqual({
      errorName: 'ExpiryNotInFuture',
      args: [now],
    });
    expect(await chain.revertOf(PATIENT, 'grantAccess', [recordId, chain.address(CLINICIAN), 0n, testLocator(2)])).toMatchObject({
      errorName: 'ExpiryNotInFuture',
    });
  });

  it('lets only the patient grant, and only on records that exist', async () => {
    const recordId = await addRecord();
    const expiresAt = await inDays(1n);
    expect(await chain.revertOf(OTHER_PATIENT, 'grantAccess', [recordId, chain.address(CLINICIAN), expiresAt, testLocator(2)])).toEqual({
      errorName: 'NotRecordPatient',
      args: [recordId, chain.address(OTHER_PATIENT)],
    });
    // The clinician cannot grant themself (or anyone) access either.
    expect(await chain.revertOf(CLINICIAN, 'grantAccess', [recordId, chain.address(SECOND_CLINICIAN), expiresAt, testLocator(2)])).toMatchObject({
      errorName: 'NotRecordPatient',
    });
    expect(await chain.revertOf(PATIENT, 'grantAccess', [42n, chain.address(CLINICIAN), expiresAt, testLocator(2)])).toEqual({
      errorName: 'UnknownRecord',
      args: [42n],
    });
  });

  it('refuses the zero address, the patient themself and clinicians without a key', async () => {
    const recordId = await addRecord();
    const expiresAt = await inDays(1n);
    expect(await chain.revertOf(PATIENT, 'grantAccess', [recordId, zeroAddress, expiresAt, testLocator(2)])).toEqual({
      errorName: 'InvalidClinician',
      args: [zeroAddress],
    });
    expect(await chain.revertOf(PATIENT, 'grantAccess', [recordId, chain.address(PATIENT), expiresAt, testLocator(2)])).toEqual({
      errorName: 'InvalidClinician',
      args: [chain.address(PATIENT)],
    });
    expect(await chain.revertOf(PATIENT, 'grantAccess', [recordId, chain.address(UNREGISTERED), expiresAt, testLocator(2)])).toEqual({
      errorName: 'EncryptionKeyNotRegistered',
      args: [chain.address(UNREGISTERED)],
    });
  });

  it('refuses an empty locator', async () => {
    const recordId = await addRecord();
    expect(await chain.revertOf(PATIENT, 'grantAccess', [recordId, chain.address(CLINICIAN), await inDays(1n), '0x'])).toEqual({
      errorName: 'LocatorLengthOutOfRange',
      args: [0n],
    });
  });
});

describe('grantAccessBatch', () => {
  it('grants one clinician several records in one transaction, one event each', async () => {
    const recordIds: bigint[] = [];
    for (let i = 0; i < 10; i++) recordIds.push(await addRecord(PATIENT, i));
    const clinician = chain.address(CLINICIAN);
    const base = await inDays(10n);
    const expiries = recordIds.map((_, i) => base + BigInt(i));
    const locators = recordIds.map((_, i) => testLocator(100 + i));

    const receipt = await chain.send(PATIENT, 'grantAccessBatch', [recordIds, clinician, expiries, locators]);
    gas.record('grantAccessBatch (10 records)', receipt);
    const events = chain.eventsOf(receipt);
    expect(events).toHaveLength(10);
    events.forEach((event, i) => {
      expect(event).toMatchObject({
        eventName: 'AccessGranted',
        args: { patient: chain.address(PATIENT), clinician, recordId: recordIds[i], expiresAt: expiries[i], clinicianLocator: locators[i] },
      });
    });
    for (const [i, recordId] of recordIds.entries()) {
      expect(await chain.read.grantOf(recordId, clinician)).toEqual([expiries[i], 1, 0]);
      expect(await chain.read.hasAccess(recordId, clinician)).toBe(true);
    }
  });

  it('refuses arrays of different lengths', async () => {
    const recordId = await addRecord();
    const clinician = chain.address(CLINICIAN);
    const expiresAt = await inDays(1n);
    expect(await chain.revertOf(PATIENT, 'grantAccessBatch', [[recordId], clinician, [expiresAt, expiresAt], [testLocator(1)]])).toEqual({
      errorName: 'LengthMismatch',
      args: [],
    });
    expect(await chain.revertOf(PATIENT, 'grantAccessBatch', [[recordId], clinician, [expiresAt], []])).toEqual({
      errorName: 'LengthMismatch',
      args: [],
    });
  });

  it('is all or nothing: one record the caller does not own refuses the whole batch', async () => {
    const own = await addRecord(PATIENT);
    const foreign = await addRecord(OTHER_PATIENT);
    const expiresAt = await inDays(1n);
    expect(
      await chain.revertOf(PATIENT, 'grantAccessBatch', [[own, foreign], chain.address(CLINICIAN), [expiresAt, expiresAt], [testLocator(1), testLocator(2)]]),
    ).toEqual({ errorName: 'NotRecordPatient', args: [foreign, chain.address(PATIENT)] });
    expect(await chain.revertOf(PATIENT, 'grantAccessBatch', [[own], chain.address(UNREGISTERED), [expiresAt], [testLocator(1)]])).toMatchObject({
      errorName: 'EncryptionKeyNotRegistered',
    });
    expect(await chain.read.grantOf(own, chain.address(CLINICIAN))).toEqual([0n, 0, 0]);
  });
});

describe('revokeAccess', () => {
  it('deletes an active grant, emits AccessRevoked and ends access', async () => {
    const recordId = await addRecord();
    const clinician = chain.address(CLINICIAN);
    await chain.send(PATIENT, 'grantAccess', [recordId, clinician, await inDays(30n), testLocator(2)]);

    const receipt = await chain.send(PATIENT, 'revokeAccess', [recordId, clinician]);
    gas.record('revokeAccess', receipt);
    expect(chain.eventsOf(receipt)).toMatchObject([
      { eventName: 'AccessRevoked', args: { patient: chain.address(PATIENT), clinician, recordId } },
    ]);
    expect(await chain.read.hasAccess(recordId, clinician)).toBe(false);
    expect(await chain.read.grantOf(recordId, clinician)).toEqual([0n, 0, 0]);
    // Revoking twice is refused, so the UI never shows a no-op as a success.
    expect(await chain.revertOf(PATIENT, 'revokeAccess', [recordId, clinician])).toEqual({
      errorName: 'NoActiveGrant',
      args: [recordId, clinician],
    });
  });

  it('refuses when there is nothing active to revoke: never granted, or already expired', async () => {
    const recordId = await addRecord();
    const clinician = chain.address(CLINICIAN);
    expect(await chain.revertOf(PATIENT, 'revokeAccess', [recordId, clinician])).toEqual({ errorName: 'NoActiveGrant', args: [recordId, clinician] });

    const expiresAt = await inDays(1n);
    await chain.send(PATIENT, 'grantAccess', [recordId, clinician, expiresAt, testLocator(2)]);
    await chain.mineAt(expiresAt);
    expect(await chain.revertOf(PATIENT, 'revokeAccess', [recordId, clinician])).toMatchObject({ errorName: 'NoActiveGrant' });
  });

  it('lets only the patient revoke, not the clinician', async () => {
    const recordId = await addRecord();
    const clinician = chain.address(CLINICIAN);
    await chain.send(PATIENT, 'grantAccess', [recordId, clinician, await inDays(1n), testLocator(2)]);
    expect(await chain.revertOf(CLINICIAN, 'revokeAccess', [recordId, clinician])).toEqual({
      errorName: 'NotRecordPatient',
      args: [recordId, clinician],
    });
    expect(await chain.revertOf(PATIENT, 'revokeAccess', [77n, clinician])).toEqual({ errorName: 'UnknownRecord', args: [77n] });
  });
});

describe('removeRecord', () => {
  it('removes the record for everyone, including the patient, and freezes it', async () => {
    const recordId = await addRecord();
    const clinician = chain.address(CLINICIAN);
    await chain.send(PATIENT, 'grantAccess', [recordId, clinician, await inDays(30n), testLocator(2)]);
    expect(await chain.read.hasAccess(recordId, chain.address(PATIENT))).toBe(true);

    const receipt = await chain.send(PATIENT, 'removeRecord', [recordId]);
    gas.record('removeRecord', receipt);
    expect(chain.eventsOf(receipt)).toMatchObject([{ eventName: 'RecordRemoved', args: { patient: chain.address(PATIENT), recordId } }]);
    expect(await chain.read.recordOf(recordId)).toEqual([chain.address(PATIENT), 1, true]);
    expect(await chain.read.hasAccess(recordId, clinician)).toBe(false);
    expect(await chain.read.hasAccess(recordId, chain.address(PATIENT))).toBe(false);

    const removed = { errorName: 'RecordIsRemoved', args: [recordId] };
    expect(await chain.revertOf(PATIENT, 'removeRecord', [recordId])).toEqual(removed);
    expect(await chain.revertOf(PATIENT, 'grantAccess', [recordId, clinician, await inDays(1n), testLocator(2)])).toEqual(removed);
    expect(await chain.revertOf(PATIENT, 'revokeAccess', [recordId, clinician])).toEqual(removed);
    expect(await chain.revertOf(PATIENT, 'replaceRecord', [recordId, testLocator(9), [], [], []])).toEqual(removed);
  });

  it('lets only the patient remove, and only existing records', async () => {
    const recordId = await addRecord();
    expect(await chain.revertOf(CLINICIAN, 'removeRecord', [recordId])).toEqual({
      errorName: 'NotRecordPatient',
      args: [recordId, chain.address(CLINICIAN)],
    });
    expect(await chain.revertOf(PATIENT, 'removeRecord', [0n])).toEqual({ errorName: 'UnknownRecord', args: [0n] });
  });
});

describe('replaceRecord', () => {
  it('bumps the version, emits RecordReplaced and makes earlier grants lapse until re-granted', async () => {
    const recordId = await addRecord();
    const clinician = chain.address(CLINICIAN);
    const expiresAt = await inDays(30n);
    await chain.send(PATIENT, 'grantAccess', [recordId, clinician, expiresAt, testLocator(2)]);

    const receipt = await chain.send(PATIENT, 'replaceRecord', [recordId, testLocator(8), [], [], []]);
    gas.record('replaceRecord', receipt);
    expect(chain.eventsOf(receipt)).toMatchObject([
      { eventName: 'RecordReplaced', args: { patient: chain.address(PATIENT), recordId, version: 2, patientLocator: testLocator(8) } },
    ]);
    expect(await chain.read.recordOf(recordId)).toEqual([chain.address(PATIENT), 2, false]);
    expect(await chain.read.hasAccess(recordId, clinician)).toBe(false);
    expect(await chain.read.hasAccess(recordId, chain.address(PATIENT))).toBe(true);
    expect(await chain.revertOf(PATIENT, 'revokeAccess', [recordId, clinician])).toMatchObject({ errorName: 'NoActiveGrant' });

    await chain.send(PATIENT, 'grantAccess', [recordId, clinician, expiresAt, testLocator(3)]);
    expect(await chain.read.grantOf(recordId, clinician)).toEqual([expiresAt, 2, 0]);
    expect(await chain.read.hasAccess(recordId, clinician)).toBe(true);
  });

  it('lets only the patient replace, with a non-empty locator', async () => {
    const recordId = await addRecord();
    expect(await chain.revertOf(OTHER_PATIENT, 'replaceRecord', [recordId, testLocator(8), [], [], []])).toMatchObject({ errorName: 'NotRecordPatient' });
    expect(await chain.revertOf(PATIENT, 'replaceRecord', [recordId, '0x', [], [], []])).toEqual({ errorName: 'LocatorLengthOutOfRange', args: [0n] });
    expect(await chain.revertOf(PATIENT, 'replaceRecord', [5n, testLocator(8), [], [], []])).toEqual({ errorName: 'UnknownRecord', args: [5n] });
  });
});

describe('hasAccess', () => {
  it('is true for the patient on their own record and false for strangers and unknown records', async () => {
    const recordId = await addRecord();
    expect(await chain.read.hasAccess(recordId, chain.address(PATIENT))).toBe(true);
    expect(await chain.read.hasAccess(recordId, chain.address(OTHER_PATIENT))).toBe(false);
    expect(await chain.read.hasAccess(recordId, zeroAddress)).toBe(false);
    expect(await chain.read.hasAccess(12345n, chain.address(PATIENT))).toBe(false);
  });
});

describe('hostile requesters and attesters', () => {
  const none: bigint[] = [];

  it('keeps one pending request per patient and clinician, and lets a blocked account ask no more', async () => {
    await chain.send(CLINICIAN, 'setClinicianProfile', ['Dr. Ana Silva', 'Clinic']);
    const patient = chain.address(PATIENT);
    const clinician = chain.address(CLINICIAN);
    const receipt = await chain.send(CLINICIAN, 'requestAccess', [patient, none, 0, zeroHash]);
    gas.record('requestAccess', receipt);
    const [requested] = chain.eventsOf(receipt);
    if (requested?.eventName !== 'AccessRequested') throw new Error('no AccessRequested');
    expect(await chain.revertOf(CLINICIAN, 'requestAccess', [patient, none, 3, zeroHash])).toEqual({
      errorName: 'RequestAlreadyPending',
      args: [requested.args.requestId],
    });

    const blocked = await chain.send(PATIENT, 'blockRequester', [clinician]);
    gas.record('blockRequester', blocked);
    expect(chain.eventsOf(blocked)).toMatchObject([{ eventName: 'RequesterBlocked', args: { patient, requester: clinician } }]);
    expect(await readIsBlocked(chain.publicClient, { contract: chain.contract, patient, requester: clinician })).toBe(true);
    await chain.send(PATIENT, 'denyRequest', [requested.args.requestId]);
    expect(await chain.revertOf(CLINICIAN, 'requestAccess', [patient, none, 0, zeroHash])).toEqual({ errorName: 'BlockedByPatient', args: [patient] });

    gas.record('unblockRequester', await chain.send(PATIENT, 'unblockRequester', [clinician]));
    expect(await readIsBlocked(chain.publicClient, { contract: chain.contract, patient, requester: clinician })).toBe(false);
    expect(await chain.revertOf(CLINICIAN, 'requestAccess', [patient, none, 0, zeroHash])).toBeNull();
  });

  it('refuses repeated record ids, too many records and unknown purposes by name', async () => {
    await chain.send(CLINICIAN, 'setClinicianProfile', ['Dr. Ana Silva', 'Clinic']);
    const patient = chain.address(PATIENT);
    const recordId = await addRecord();
    expect(await chain.revertOf(CLINICIAN, 'requestAccess', [patient, [recordId, recordId], 0, zeroHash])).toEqual({
      errorName: 'DuplicateRecordId',
      args: [recordId],
    });
    const many = Array.from({ length: 33 }, (_, i) => BigInt(i + 1));
    expect(await chain.revertOf(CLINICIAN, 'requestAccess', [patient, many, 0, zeroHash])).toEqual({ errorName: 'TooManyRecords', args: [33n, 32n] });
    expect(await chain.revertOf(CLINICIAN, 'requestAccess', [patient, none, 6, zeroHash])).toEqual({ errorName: 'UnknownPurpose', args: [6] });
  });

  it('verifies only the profile text the attester hashed', async () => {
    await chain.send(CLINICIAN, 'setClinicianProfile', ['Dr. Ana Silva', 'Clinic']);
    const reviewed = clinicianProfileHash('Dr. Ana Silva', 'Clinic');
    await chain.send(CLINICIAN, 'setClinicianProfile', ['Dr. Ana Silva', 'Another Clinic']);
    expect(await chain.revertOf(0, 'verifyClinician', [chain.address(CLINICIAN), reviewed])).toMatchObject({ errorName: 'ClinicianProfileChanged' });
    const receipt = await chain.send(0, 'verifyClinician', [chain.address(CLINICIAN), clinicianProfileHash('Dr. Ana Silva', 'Another Clinic')]);
    gas.record('verifyClinician', receipt);
    expect(chain.eventsOf(receipt)).toMatchObject([
      { eventName: 'ClinicianVerified', args: { clinician: chain.address(CLINICIAN), profileHash: clinicianProfileHash('Dr. Ana Silva', 'Another Clinic') } },
    ]);
  });

  it('refuses locators shorter than a sealed one and expiries beyond the ceiling', async () => {
    const recordId = await addRecord();
    expect(await chain.revertOf(PATIENT, 'addRecord', [testLocator(1, 81)])).toEqual({ errorName: 'LocatorLengthOutOfRange', args: [81n] });
    expect(await chain.revertOf(PATIENT, 'addRecord', [testLocator(1, 82)])).toBeNull();
    const now = await chain.latestTimestamp();
    // A millisecond timestamp passed where seconds belong.
    const tooFar = now * 1000n;
    expect(await chain.revertOf(PATIENT, 'grantAccess', [recordId, chain.address(CLINICIAN), tooFar, testLocator(2)])).toMatchObject({
      errorName: 'ExpiryTooFar',
      args: [tooFar, expect.any(BigInt)],
    });
  });
});
