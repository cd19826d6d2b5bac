import { createPublicClient, http, keccak256, toHex, type Log, type TransactionReceipt } from 'viem';
import { anvil as anvilChain } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartkeyConsentAbi } from '@/contracts-abi';
import { startConsentChain, testKey, testLocator, type ConsentChain } from '@/scripts/lib/test-chain';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { ConsentReadError } from './errors';
import { consentHistory, decodeConsentLogs, withReadError, type HistoryClient } from './history';
import { clinicianProfileHash } from './profiles';
import { addressTopic, type ConsentEventName } from './topics';

// Account 0 deployed the contract (admin and attester); 1 is the patient; 2 the clinician; 5 is made an attester and removed.
const PATIENT = 1;
const CLINICIAN = 2;
const DAY = 86_400n;
const NOTE = `0x${'ab'.repeat(32)}` as const;

let chain: ConsentChain;
const receipts: TransactionReceipt[] = [];

/** Every consent event the contract emits, each at least once (RoleGranted comes from the deployment itself). */
beforeAll(async () => {
  chain = await startConsentChain();
  const send: ConsentChain['send'] = async (...args) => {
    const receipt = await chain.send(...args);
    receipts.push(receipt);
    return receipt;
  };
  const clinician = chain.address(CLINICIAN);
  await send(PATIENT, 'registerEncryptionKey', [testKey(PATIENT)]);
  await send(CLINICIAN, 'registerEncryptionKey', [testKey(CLINICIAN)]);
  await send(CLINICIAN, 'setClinicianProfile', ['Dr. A', 'Clinic A']);
  await send(0, 'verifyClinician', [clinician, clinicianProfileHash('Dr. A', 'Clinic A')]);
  await send(0, 'withdrawVerification', [clinician]);
  await send(PATIENT, 'addRecord', [testLocator(1)]);
  await send(PATIENT, 'addRecord', [testLocator(2)]);
  const expiresAt = (await chain.latestTimestamp()) + 30n * DAY;
  await send(PATIENT, 'grantAccess', [1n, clinician, expiresAt, testLocator(3)]);
  await send(PATIENT, 'revokeAccess', [1n, clinician]);
  await send(PATIENT, 'replaceRecord', [1n, testLocator(4), [], [], []]);
  await send(PATIENT, 'removeRecord', [2n]);
  await send(CLINICIAN, 'requestAccess', [chain.address(PATIENT), [1n], 2, NOTE]);
  await send(PATIENT, 'approveRequest', [1n, [1n], [expiresAt], [testLocator(5)]]);
  await send(CLINICIAN, 'requestAccess', [chain.address(PATIENT), [], 0, NOTE]);
  await send(PATIENT, 'denyRequest', [2n]);
  await send(CLINICIAN, 'requestAccess', [chain.address(PATIENT), [], 1, NOTE]);
  await send(CLINICIAN, 'cancelRequest', [3n]);
  await send(PATIENT, 'revokeAllForClinician', [clinician]);
  await send(PATIENT, 'blockRequester', [chain.address(6)]);
  await send(PATIENT, 'unblockRequester', [chain.address(6)]);
  const attesterRole = await chain.publicClient.readContract({ address: chain.contract, abi: chartkeyConsentAbi, functionName: 'ATTESTER_ROLE' });
  await send(0, 'grantRole', [attesterRole, chain.address(5)]);
  await send(0, 'revokeRole', [attesterRole, chain.address(5)]);
});

afterAll(async () => {
  await chain?.stop();
});

const scan = () => ({ contract: chain.contract, fromBlock: chain.deployedBlock });
const ALL_EVENTS = chartkeyConsentAbi.flatMap((item) => (item.type === 'event' ? [item.name] : []));

/** A client that counts JSON-RPC calls by method. */
function countingClient(): { client: HistoryClient; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const client = createPublicClient({
    chain: anvilChain,
    transport: http(chain.rpcUrl, {
      onFetchRequest: (_request, init) => {
        const body = JSON.parse(String(init.body)) as { method: string } | { method: string }[];
        for (const { method } of Array.isArray(body) ? body : [body]) calls.set(method, (calls.get(method) ?? 0) + 1);
        return undefined;
      },
    }),
  });
  return { client, calls };
}

describe('consentHistory: head', () => {
  it('is the latest block, number and timestamp together, even right after viem cached an older block number', async () => {
    // viem caches getBlockNumber for a polling interval; a long one makes the stale answer certain.
    const client = createPublicClient({ chain: anvilChain, transport: http(chain.rpcUrl), cacheTime: 60_000 });
    const history = consentHistory(client, scan());
    const before = await client.getBlockNumber();
    await chain.mineAt((await chain.latestTimestamp()) + 60n);
    expect(await client.getBlockNumber()).toBe(before); // the cache is stale...
    const head = await history.head();
    const latest = await chain.publicClient.getBlock({ blockTag: 'latest' });
    expect(head).toEqual({ number: latest.number, timestamp: latest.timestamp }); // ...the head is not
    expect(head.number).toBe(before + 1n);
  });

  it('bounds every event query: an event after the head is not in the history as of that head', async () => {
    const history = consentHistory(chain.publicClient, scan());
    const head = await history.head();
    const receipt = await chain.send(CLINICIAN, 'setClinicianProfile', ['Dr. A', 'Clinic B']);
    const asOfHead = await history.events({ events: ['ClinicianProfileSet'] }, head);
    const now = await history.events({ events: ['ClinicianProfileSet'] }, await history.head());
    expect(asOfHead.every((event) => event.at.blockNumber <= head.number)).toBe(true);
    expect(now.map((event) => event.at.transactionHash)).toEqual([...asOfHead.map((event) => event.at.transactionHash), receipt.transactionHash]);
  });
});

describe('consentHistory: events', () => {
  it('decodes every event the contract emits, with its arguments and position, as the receipts record them', async () => {
    const history = consentHistory(chain.publicClient, scan());
    const events = await history.events({ events: ALL_EVENTS }, await history.head());
    // RoleAdminChanged is in the ABI (OpenZeppelin AccessControl) but ChartkeyConsent never changes a role's admin.
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(ALL_EVENTS.filter((name) => name !== 'RoleAdminChanged')));
    for (const receipt of receipts) {
      const expected = chain.eventsOf(receipt).map((log) => ({
        type: log.eventName,
        ...log.args,
        at: { blockNumber: receipt.blockNumber, logIndex: log.logIndex, transactionHash: receipt.transactionHash },
      }));
      expect(events.filter((event) => event.at.transactionHash === receipt.transactionHash)).toEqual(expected);
    }
  });

  it('gives each event its typed fields', async () => {
    const history = consentHistory(chain.publicClient, scan());
    const head = await history.head();
    const [patient, clinician] = [chain.address(PATIENT), chain.address(CLINICIAN)];
    const events = await history.events({ events: ['RecordReplaced', 'AllAccessRevoked', 'AccessRequested', 'EncryptionKeyRegistered'] }, head);
    expect(events).toEqual([
      expect.objectContaining({ type: 'EncryptionKeyRegistered', account: patient, publicKey: testKey(PATIENT) }),
      expect.objectContaining({ type: 'EncryptionKeyRegistered', account: clinician, publicKey: testKey(CLINICIAN) }),
      expect.objectContaining({ type: 'RecordReplaced', patient, recordId: 1n, version: 2, patientLocator: testLocator(4) }),
      expect.objectContaining({ type: 'AccessRequested', requestId: 1n, patient, clinician, purpose: 2, recordIds: [1n], noteHash: NOTE }),
      expect.objectContaining({ type: 'AccessRequested', requestId: 2n, purpose: 0, recordIds: [] }),
      expect.objectContaining({ type: 'AccessRequested', requestId: 3n, purpose: 1 }),
      expect.objectContaining({ type: 'AllAccessRevoked', patient, clinician, epoch: 1 }),
    ]);
    const receipt = receipts[0];
    expect(events[0]?.at).toEqual({ blockNumber: receipt?.blockNumber, logIndex: 0, transactionHash: receipt?.transactionHash });
  });

  it('matches indexed arguments by position, and only the events asked for', async () => {
    const history = consentHistory(chain.publicClient, scan());
    const head = await history.head();
    const clinicianTopic = addressTopic(chain.address(CLINICIAN));
    // The clinician is the second indexed argument of grant events and the third of request events.
    const grants = await history.events({ events: ['AccessGranted', 'AccessRevoked', 'AllAccessRevoked'], indexed: [null, clinicianTopic] }, head);
    expect(grants.map((event) => event.type)).toEqual(['AccessGranted', 'AccessRevoked', 'AccessGranted', 'AllAccessRevoked']);
    const requests = await history.events({ events: ['AccessRequested'], indexed: [null, null, clinicianTopic] }, head);
    expect(requests.map((event) => event.requestId)).toEqual([1n, 2n, 3n]);
    expect(await history.events({ events: ['AccessRequested'], indexed: [null, clinicianTopic] }, head)).toEqual([]);
    expect(await history.events({ events: [] }, head)).toEqual([]);
  });

  it('pages by chunkBlocks with the same answer, one log query per window', async () => {
    const whole = consentHistory(chain.publicClient, scan());
    const head = await whole.head();
    const { client, calls } = countingClient();
    const paged = await consentHistory(client, { ...scan(), chunkBlocks: 3n }).events({ events: ALL_EVENTS }, head);
    expect(paged).toEqual(await whole.events({ events: ALL_EVENTS }, head));
    expect(calls.get('eth_getLogs')).toBe(Number((head.number - chain.deployedBlock) / 3n + 1n));
  });

  it('is empty, with no log query, when the scan starts after the head', async () => {
    const { client, calls } = countingClient();
    const history = consentHistory(client, { contract: chain.contract, fromBlock: 0n });
    const head = await history.head();
    const late = consentHistory(client, { contract: chain.contract, fromBlock: head.number + 1n });
    expect(await late.events({ events: ALL_EVENTS }, head)).toEqual([]);
    expect(calls.get('eth_getLogs') ?? 0).toBe(0);
  });
});

describe('decodeConsentLogs', () => {
  const logsOf = (receipt: TransactionReceipt | undefined): Log[] => receipt?.logs ?? [];

  it('leaves out pending logs, logs of other contracts, and events not asked for', () => {
    const [keyLog] = logsOf(receipts[0]);
    const [profileLog] = logsOf(receipts[2]);
    if (!keyLog || !profileLog) throw new Error('fixture logs missing');
    const pending: Log = { ...keyLog, blockNumber: null, logIndex: null, transactionHash: null, blockHash: null, transactionIndex: null };
    const foreign: Log = { ...keyLog, topics: [keccak256(toHex('Transfer(address,address,uint256)')), ...keyLog.topics.slice(1)] };
    expect(decodeConsentLogs([pending, foreign, keyLog, profileLog]).map((event) => event.type)).toEqual(['EncryptionKeyRegistered', 'ClinicianProfileSet']);
    const only: ConsentEventName[] = ['ClinicianProfileSet'];
    expect(decodeConsentLogs([keyLog, profileLog], only).map((event) => event.type)).toEqual(['ClinicianProfileSet']);
  });
});

describe('withReadError', () => {
  const SENTENCE = 'Chartkey could not read the test history. Check your connection and try again.';

  it('turns any failure into a ConsentReadError with the chosen sentence, keeping the cause', async () => {
    const cause = new Error('socket hang up');
    const error = await withReadError(SENTENCE, () => Promise.reject(cause)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsentReadError);
    expect(error).toBeInstanceOf(UserFacingError);
    expect(error).toMatchObject({ message: SENTENCE, code: 'consent.read-failed', cause });
  });

  it('passes a ConsentReadError from inside through unchanged instead of wrapping it again', async () => {
    const inner = new ConsentReadError('Chartkey could not read dates from the network.');
    const error = await withReadError(SENTENCE, () => withReadError('outer', () => Promise.reject(inner))).catch((e: unknown) => e);
    expect(error).toBe(inner);
  });

  it('returns the value when the read succeeds', async () => {
    await expect(withReadError(SENTENCE, async () => 42)).resolves.toBe(42);
  });

  it('wraps a history read against an unreachable network', async () => {
    const offline = createPublicClient({ chain: anvilChain, transport: http('http://127.0.0.1:1', { retryCount: 0 }) });
    const history = consentHistory(offline, scan());
    const error = await withReadError(SENTENCE, async () => history.events({ events: ALL_EVENTS }, await history.head())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsentReadError);
    expect((error as ConsentReadError).message).toBe(SENTENCE);
  });
});
