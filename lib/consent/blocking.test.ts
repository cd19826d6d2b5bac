import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address, Hex } from 'viem';
import { startConsentChain, type ConsentChain } from '@/scripts/lib/test-chain';
import { deriveBlockedRequesters, listBlockedRequesters } from './blocking';
import { readIsBlocked } from './profiles';

const A = '0x00000000000000000000000000000000000000aA' as Address;
const B = '0x00000000000000000000000000000000000000bB' as Address;
const PATIENT = '0x0000000000000000000000000000000000000001' as Address;
const at = (blockNumber: bigint, logIndex = 0) => ({ blockNumber, logIndex, transactionHash: `0x${'00'.repeat(32)}` as Hex });

describe('deriveBlockedRequesters', () => {
  it('keeps the accounts whose last event is a block, newest block first, whatever order the events come in', () => {
    const blocked = deriveBlockedRequesters([
      { type: 'RequesterUnblocked', patient: PATIENT, requester: A, at: at(5n) },
      { type: 'RequesterBlocked', patient: PATIENT, requester: B, at: at(3n) },
      { type: 'RequesterBlocked', patient: PATIENT, requester: A, at: at(2n) },
      { type: 'RequesterBlocked', patient: PATIENT, requester: A, at: at(7n, 1) },
    ]);
    expect(blocked).toEqual([
      { requester: A, blockedAt: at(7n, 1) },
      { requester: B, blockedAt: at(3n) },
    ]);
  });

  it('drops an account once unblocked, matching addresses in any letter case', () => {
    expect(
      deriveBlockedRequesters([
        { type: 'RequesterBlocked', patient: PATIENT, requester: A, at: at(1n) },
        { type: 'RequesterUnblocked', patient: PATIENT, requester: A.toLowerCase() as Address, at: at(2n) },
      ]),
    ).toEqual([]);
  });
});

describe('listBlockedRequesters on a chain', () => {
  // Accounts: 1 and 2 patients, 3 and 4 requesters.
  let chain: ConsentChain;
  beforeAll(async () => {
    chain = await startConsentChain();
    await chain.send(1, 'blockRequester', [chain.address(3)]);
    await chain.send(1, 'blockRequester', [chain.address(4)]);
    await chain.send(1, 'unblockRequester', [chain.address(3)]);
    await chain.send(2, 'blockRequester', [chain.address(3)]);
  });
  afterAll(async () => {
    await chain?.stop();
  });

  it('lists only the patient’s own blocks still in force, agreeing with isBlocked', async () => {
    const scan = { contract: chain.contract, fromBlock: chain.deployedBlock };
    const blocked = await listBlockedRequesters(chain.publicClient, { ...scan, patient: chain.address(1) });
    expect(blocked.map((b) => b.requester)).toEqual([chain.address(4)]);
    for (const requester of [3, 4] as const) {
      const onChain = await readIsBlocked(chain.publicClient, { contract: chain.contract, patient: chain.address(1), requester: chain.address(requester) });
      expect(onChain).toBe(blocked.some((b) => b.requester === chain.address(requester)));
    }
    expect((await listBlockedRequesters(chain.publicClient, { ...scan, patient: chain.address(2) })).map((b) => b.requester)).toEqual([chain.address(3)]);
  });
});
