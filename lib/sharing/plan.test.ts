import nacl from 'tweetnacl';
import { hexToBytes, type Address } from 'viem';
import { describe, expect, it } from 'vitest';
import { openLocator, type KeyPair } from '@/lib/crypto';
import { SharingError } from './errors';
import type { PatientGrant } from '@/lib/consent';
import {
  CARRY_OVER_MARGIN_SECONDS,
  activeGrantsByRecord,
  activeSharesByClinician,
  buildReplaceRecordArgs,
  planCarryOver,
} from './plan';

const ALICE: Address = '0x1111111111111111111111111111111111111111';
const BOB: Address = '0x2222222222222222222222222222222222222222';
const CAROL: Address = '0x3333333333333333333333333333333333333333';
const NOW = 1_700_000_000;
const DAY = 86_400n;

function grant(recordId: bigint, clinician: Address, patch: Partial<PatientGrant> = {}): PatientGrant {
  return {
    recordId,
    clinician,
    expiresAt: BigInt(NOW) + 30n * DAY,
    status: 'active',
    grantedAtBlock: 10n,
    transactionHash: `0x${'ab'.repeat(32)}`,
    ...patch,
  };
}

const keyPair = (): KeyPair => {
  const pair = nacl.box.keyPair();
  return { publicKey: pair.publicKey, secretKey: pair.secretKey };
};

describe('activeSharesByClinician', () => {
  it('groups only active grants by clinician (any address case), newest-granted clinician first, soonest expiry first', () => {
    const groups = activeSharesByClinician([
      grant(1n, ALICE, { grantedAtBlock: 5n, expiresAt: BigInt(NOW) + 9n * DAY }),
      grant(2n, ALICE.toUpperCase().replace('0X', '0x') as Address, { grantedAtBlock: 6n, expiresAt: BigInt(NOW) + 2n * DAY }),
      grant(3n, BOB, { grantedAtBlock: 9n }),
      grant(4n, BOB, { status: 'revoked', grantedAtBlock: 20n }),
      grant(5n, CAROL, { status: 'expired' }),
    ]);
    expect(groups.map((g) => g.clinician.toLowerCase())).toEqual([BOB, ALICE]);
    expect(groups[0]?.grants.map((g) => g.recordId)).toEqual([3n]);
    expect(groups[1]?.grants.map((g) => g.recordId)).toEqual([2n, 1n]);
  });

  it('is empty when nothing is shared any more', () => {
    expect(activeSharesByClinician([grant(1n, ALICE, { status: 'revoked' })])).toEqual([]);
  });
});

describe('activeGrantsByRecord', () => {
  it('lists active grants under their record', () => {
    const byRecord = activeGrantsByRecord([grant(1n, ALICE), grant(1n, BOB), grant(2n, BOB, { status: 'expired' })]);
    expect(byRecord.get(1n)?.map((g) => g.clinician)).toEqual([ALICE, BOB]);
    expect(byRecord.has(2n)).toBe(false);
  });
});

describe('planCarryOver', () => {
  const grants = [
    grant(7n, ALICE, { expiresAt: BigInt(NOW) + 3n * DAY }),
    grant(7n, BOB, { expiresAt: BigInt(NOW) + 90n * DAY }),
    grant(7n, CAROL, { status: 'revoked' }),
    grant(8n, CAROL),
  ];

  it("keeps every other clinician's live grant on that record with its current expiry", () => {
    expect(planCarryOver(grants, 7n, { nowSeconds: NOW })).toEqual([
      { clinician: ALICE, expiresAt: BigInt(NOW) + 3n * DAY },
      { clinician: BOB, expiresAt: BigInt(NOW) + 90n * DAY },
    ]);
  });

  it('drops the clinicians being revoked, whatever the address case', () => {
    expect(planCarryOver(grants, 7n, { nowSeconds: NOW, excluding: [ALICE.toUpperCase().replace('0X', '0x') as Address] })).toEqual([
      { clinician: BOB, expiresAt: BigInt(NOW) + 90n * DAY },
    ]);
  });

  it('lets a grant that ends within the safety margin lapse rather than make the replacement revert', () => {
    const soon = [grant(7n, ALICE, { expiresAt: BigInt(NOW + CARRY_OVER_MARGIN_SECONDS - 1) }), grant(7n, BOB, { expiresAt: BigInt(NOW + CARRY_OVER_MARGIN_SECONDS + 1) })];
    expect(planCarryOver(soon, 7n, { nowSeconds: NOW }).map((c) => c.clinician)).toEqual([BOB]);
  });
});

describe('buildReplaceRecordArgs', () => {
  const content = { cid: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy', contentKey: new Uint8Array(32).fill(7) };

  it('seals the new content to the patient and freshly to each carried-over clinician, in matching order', () => {
    const patient = keyPair();
    const alice = keyPair();
    const bob = keyPair();
    const keys = new Map([
      [ALICE.toLowerCase(), alice.publicKey],
      [BOB.toLowerCase(), bob.publicKey],
    ]);
    const carry = [
      { clinician: BOB, expiresAt: 200n },
      { clinician: ALICE, expiresAt: 100n },
    ];
    const [recordId, patientLocator, clinicians, expiresAt, locators] = buildReplaceRecordArgs(7n, content, patient.publicKey, carry, keys);
    expect(recordId).toBe(7n);
    expect(openLocator(hexToBytes(patientLocator), patient)).toEqual(content);
    expect(clinicians).toEqual([BOB, ALICE]);
    expect(expiresAt).toEqual([200n, 100n]);
    expect(openLocator(hexToBytes(locators[0]!), bob)).toEqual(content);
    expect(openLocator(hexToBytes(locators[1]!), alice)).toEqual(content);
    // Sealed to Bob, not to Alice: a locator is readable only by its addressee.
    expect(() => openLocator(hexToBytes(locators[0]!), alice)).toThrow();
  });

  it('with nobody to carry over, gives empty arrays (the new version is the patient’s alone)', () => {
    const patient = keyPair();
    const [, , clinicians, expiresAt, locators] = buildReplaceRecordArgs(7n, content, patient.publicKey, [], new Map());
    expect([clinicians, expiresAt, locators]).toEqual([[], [], []]);
  });

  it('refuses with a typed error when a carried-over clinician has no key', () => {
    const error = (() => {
      try {
        buildReplaceRecordArgs(7n, content, keyPair().publicKey, [{ clinician: ALICE, expiresAt: 1n }], new Map());
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SharingError);
    expect(error).toMatchObject({ code: 'sharing.clinician-key-missing' });
  });
});
