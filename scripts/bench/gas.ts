/**
 * Gas benchmark of the consent contract's everyday transactions, each next to the floor no sound design
 * can go below, plus the on-chain-index alternative for comparison.
 *
 *   npm run bench:gas        # prints a table and writes bench-results/gas.json
 *
 * Other benchmarks import `measureGas()` and get the same rows.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createWalletClient, hexToBytes, http, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { clinicianProfileHash } from '@/lib/consent';
import { startConsentChain, testKey, testLocator, type ConsentChain } from '@/scripts/lib/test-chain';
import { ANVIL_ACCOUNTS } from '@/scripts/lib/anvil';
import { compileContracts, REPO_ROOT } from '@/scripts/lib/solc';

export type GasRow = {
  /** What was measured, e.g. "grant ten in a batch". */
  readonly operation: string;
  /** gasUsed from the mined receipt on anvil. */
  readonly gasUsed: number;
  /** The theoretical minimum (see `FLOOR`), or null when the row is a comparison without a floor. */
  readonly floor: number | null;
  /** gasUsed / floor, 2 decimals. */
  readonly ratio: number | null;
  /** Records the transaction covers, so per-record cost is gasUsed / records. */
  readonly records: number;
  readonly note: string;
};

// ---------------------------------------------------------------------------------------------
// The floor: what any correct consent design must pay (EVM costs as of Cancun/Prague).

const GAS = {
  /** Every transaction. */
  txBase: 21_000,
  /** Per calldata byte (EIP-2028). */
  calldataZeroByte: 4,
  calldataNonZeroByte: 16,
  /** Writing a fresh (zero → non-zero) slot: 20,000 + 2,100 for touching it cold (EIP-2929). */
  sstoreNewCold: 22_100,
  /** Changing a non-zero slot touched cold: 2,900 + 2,100. */
  sstoreUpdateCold: 5_000,
  /** Refund for clearing a slot (EIP-3529), available because the tx is large enough (cap: gasUsed / 5). */
  sstoreClearRefund: 4_800,
  /** Reading a slot for the first time in the transaction. */
  sloadCold: 2_100,
  /** LOG0 375, plus 375 per topic, plus 8 per data byte. */
  logBase: 375,
  logTopic: 375,
  logDataByte: 8,
} as const;

function calldataCost(bytes: Uint8Array): number {
  let cost = 0;
  for (const byte of bytes) cost += byte === 0 ? GAS.calldataZeroByte : GAS.calldataNonZeroByte;
  return cost;
}

/** Minimal-length big-endian bytes of a number (what a tightly packed encoding would send). */
function packedUint(value: bigint): Uint8Array {
  const hex = value.toString(16);
  return hexToBytes(`0x${hex.length % 2 === 0 ? hex : `0${hex}`}`);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** One byte picks the operation: the least any multi-function contract needs (Solidity uses four). */
const DISPATCH = new Uint8Array([1]);

function log(topics: number, dataBytes: number): number {
  return GAS.logBase + topics * GAS.logTopic + dataBytes * GAS.logDataByte;
}

/**
 * The floors. Each includes only what no correct design avoids:
 * - 21,000 base and the calldata of the tightly packed inputs (no ABI padding or offsets);
 * - the storage the rules need: a record's owner must be stored (to refuse others) and read (cold) on every
 *   change; a grant's expiry must be stored, because `hasAccess` must answer on-chain;
 * - one log per change, indexed by what reads filter on (selector + patient/clinician/record), carrying only
 *   what a reader needs (the sealed locator, the expiry), because history is read from logs.
 * Left out, and so counted as design cost: ABI encoding overhead, the 4-byte selector, the record-id counter,
 * checks that the clinician has a key, the revoke-all epoch read, memory and stack work.
 */
export const FLOOR = {
  registerKey(key: Hex): number {
    const input = concat(DISPATCH, hexToBytes(key));
    // key slot + EncryptionKeyRegistered(account) with the 32-byte key as data
    return GAS.txBase + calldataCost(input) + GAS.sstoreNewCold + log(2, 32);
  },
  addRecord(locator: Hex): number {
    const input = concat(DISPATCH, hexToBytes(locator));
    // owner slot + RecordAdded(patient, recordId) with the locator as data
    return GAS.txBase + calldataCost(input) + GAS.sstoreNewCold + log(3, hexToBytes(locator).length);
  },
  /** Per-record part of a grant: its inputs, the owner read, the grant slot and its log. */
  grantPart(recordId: bigint, expiresAt: bigint, locator: Hex): number {
    const input = concat(packedUint(recordId), packedUint(expiresAt), hexToBytes(locator));
    return calldataCost(input) + GAS.sloadCold + GAS.sstoreNewCold + log(4, 8 + hexToBytes(locator).length);
  },
  grant(clinician: Hex, parts: readonly { recordId: bigint; expiresAt: bigint; locator: Hex }[]): number {
    const shared = calldataCost(concat(DISPATCH, hexToBytes(clinician)));
    return GAS.txBase + shared + parts.reduce((sum, p) => sum + FLOOR.grantPart(p.recordId, p.expiresAt, p.locator), 0);
  },
  revoke(recordId: bigint, clinician: Hex): number {
    const input = concat(DISPATCH, packedUint(recordId), hexToBytes(clinician));
    // owner read + clearing the grant slot (net of its refund) + AccessRevoked(patient, clinician, record)
    return GAS.txBase + calldataCost(input) + GAS.sloadCold + GAS.sstoreUpdateCold - GAS.sstoreClearRefund + log(4, 0);
  },
  /**
   * Replacing a record and re-granting one clinician who held a grant: the owner slot is read and its version
   * bumped (same slot), the clinician's grant slot rewritten (it held the old grant), and two logs (the
   * replacement with the patient's new locator, the grant with the clinician's).
   */
  replace(recordId: bigint, patientLocator: Hex, clinician: Hex, expiresAt: bigint, clinicianLocator: Hex): number {
    const input = concat(DISPATCH, packedUint(recordId), hexToBytes(patientLocator), hexToBytes(clinician), packedUint(expiresAt), hexToBytes(clinicianLocator));
    return (
      GAS.txBase +
      calldataCost(input) +
      GAS.sstoreUpdateCold +
      log(3, 4 + hexToBytes(patientLocator).length) +
      GAS.sstoreUpdateCold +
      log(4, 8 + hexToBytes(clinicianLocator).length)
    );
  },
  /**
   * A request, with requests kept by id (as `approve` assumes: the decision names the request and the clinician
   * is read from it): patient, clinician, purpose and status are 42 bytes, so two fresh slots; one slot per
   * (patient, clinician) pair holds the latest request and the block flag, needed to refuse a second pending
   * request and a blocked requester (fresh on the pair's first request, rewritten later); the owner of each
   * named record is read; one log with the purpose, note hash and record ids.
   */
  request(patient: Hex, recordIds: readonly bigint[], purpose: number, noteHash: Hex, pairSlotIsNew: boolean): number {
    const ids = recordIds.map(packedUint);
    const input = concat(DISPATCH, hexToBytes(patient), Uint8Array.of(purpose), hexToBytes(noteHash), ...ids);
    const idBytes = ids.reduce((n, id) => n + id.length, 0);
    return (
      GAS.txBase +
      calldataCost(input) +
      2 * GAS.sstoreNewCold +
      (pairSlotIsNew ? GAS.sstoreNewCold : GAS.sstoreUpdateCold) +
      recordIds.length * GAS.sloadCold +
      log(4, 1 + 32 + idBytes)
    );
  },
  /**
   * Verifying: the attester role is read, the profile text read to compare with the reviewed hash (one slot
   * per 32 bytes of each field, a field under 32 bytes in one slot), and the verification flag written. The
   * flag is a fresh slot in any design that stores the text as Solidity strings (they fill their slots): a
   * profile nonce would pay it at publication instead. One log with the reviewed hash.
   */
  verify(clinician: Hex, profileHash: Hex, profileSlots: number): number {
    const input = concat(DISPATCH, hexToBytes(clinician), hexToBytes(profileHash));
    return GAS.txBase + calldataCost(input) + GAS.sloadCold + profileSlots * GAS.sloadCold + GAS.sstoreNewCold + log(3, 32);
  },
  /** Blocking or unblocking: one flag written (fresh for a stranger, shared with the pair's request slot otherwise) and one log. */
  blockFlag(requester: Hex, slotIsNew: boolean): number {
    const input = concat(DISPATCH, hexToBytes(requester));
    return GAS.txBase + calldataCost(input) + (slotIsNew ? GAS.sstoreNewCold : GAS.sstoreUpdateCold) + log(3, 0);
  },
  /** Approving = one grant + closing the request (its status slot changes) + one approval log. */
  approve(requestId: bigint, part: { recordId: bigint; expiresAt: bigint; locator: Hex }): number {
    // The clinician comes from the stored request (read with its status slot), not from calldata.
    const input = concat(DISPATCH, packedUint(requestId));
    return GAS.txBase + calldataCost(input) + GAS.sstoreUpdateCold + log(4, 0) + FLOOR.grantPart(part.recordId, part.expiresAt, part.locator);
  },
};

// ---------------------------------------------------------------------------------------------
// Measurement

const PATIENT = 1;
const CLINICIAN = 2;
const OTHER_CLINICIAN = 3;
const FRESH_ACCOUNT = 6;
/** The deployer, which `startConsentChain` also makes the attester. */
const ATTESTER = 0;
const PROFILE = { displayName: 'Dr. Ana Silva', organisation: "St. Mary's Hospital, Cardiology" } as const;
const NOTE_HASH: Hex = `0x${'ab'.repeat(32)}`;
const DAY = 86_400n;
/** A realistic sealed locator: version + ephemeral key + nonce + tag + CIDv1 text + content key. */
const LOCATOR_BYTES = 165;

async function addRecord(chain: ConsentChain, seed: number): Promise<bigint> {
  const [event] = chain.eventsOf(await chain.send(PATIENT, 'addRecord', [testLocator(seed, LOCATOR_BYTES)]));
  if (event?.eventName !== 'RecordAdded') throw new Error('addRecord emitted no RecordAdded');
  return event.args.recordId;
}

function row(operation: string, gasUsed: bigint, floor: number | null, records: number, note: string): GasRow {
  const used = Number(gasUsed);
  return { operation, gasUsed: used, floor, ratio: floor === null ? null : Math.round((used / floor) * 100) / 100, records, note };
}

/** Deploys on a fresh anvil, runs each operation once from a realistic state and returns the rows. */
export async function measureGas(): Promise<GasRow[]> {
  const chain = await startConsentChain();
  try {
    const rows: GasRow[] = [];
    const clinician = chain.address(CLINICIAN);
    await chain.send(PATIENT, 'registerEncryptionKey', [testKey(1)]);
    await chain.send(CLINICIAN, 'registerEncryptionKey', [testKey(2)]);
    await chain.send(CLINICIAN, 'setClinicianProfile', [PROFILE.displayName, PROFILE.organisation]);

    const key = testKey(0x66);
    const keyReceipt = await chain.send(FRESH_ACCOUNT, 'registerEncryptionKey', [key]);
    rows.push(row('register key', keyReceipt.gasUsed, FLOOR.registerKey(key), 0, 'first key of an account'));

    // The contract's very first record also turns the record-id counter from zero to one (a new
    // storage slot, +17,100 gas once per deployment); every later one only increments it. Measured
    // both, with the ratio on the one every patient pays.
    const firstLocator = testLocator(6, LOCATOR_BYTES);
    const firstReceipt = await chain.send(PATIENT, 'addRecord', [firstLocator]);
    rows.push(row('add record, first on the contract', firstReceipt.gasUsed, null, 1, 'once per deployment: the record-id counter starts'));
    const locator = testLocator(7, LOCATOR_BYTES);
    const addReceipt = await chain.send(PATIENT, 'addRecord', [locator]);
    rows.push(row('add record', addReceipt.gasUsed, FLOOR.addRecord(locator), 1, `${LOCATOR_BYTES}-byte locator; includes incrementing the record-id counter`));

    const expiresAt = (await chain.latestTimestamp()) + 30n * DAY;
    const recordId = await addRecord(chain, 8);
    const grantLocator = testLocator(9, LOCATOR_BYTES);
    const grantReceipt = await chain.send(PATIENT, 'grantAccess', [recordId, clinician, expiresAt, grantLocator]);
    rows.push(
      row('grant one', grantReceipt.gasUsed, FLOOR.grant(clinician, [{ recordId, expiresAt, locator: grantLocator }]), 1, 'new grant'),
    );

    const batchIds: bigint[] = [];
    for (let i = 0; i < 10; i++) batchIds.push(await addRecord(chain, 20 + i));
    const batchExpiries = batchIds.map((_, i) => expiresAt + BigInt(i));
    const batchLocators = batchIds.map((_, i) => testLocator(40 + i, LOCATOR_BYTES));
    const batchReceipt = await chain.send(PATIENT, 'grantAccessBatch', [batchIds, clinician, batchExpiries, batchLocators]);
    const batchParts = batchIds.map((id, i) => ({ recordId: id, expiresAt: batchExpiries[i]!, locator: batchLocators[i]! }));
    rows.push(row('grant ten in a batch', batchReceipt.gasUsed, FLOOR.grant(clinician, batchParts), 10, 'ten new grants, one clinician'));

    const revokeReceipt = await chain.send(PATIENT, 'revokeAccess', [recordId, clinician]);
    rows.push(row('revoke', revokeReceipt.gasUsed, FLOOR.revoke(recordId, clinician), 1, 'clears the slot (refund counted)'));

    const revokeAllReceipt = await chain.send(PATIENT, 'revokeAllForClinician', [clinician]);
    rows.push(row('revoke all for a clinician', revokeAllReceipt.gasUsed, null, 10, 'constant cost whatever the number of grants'));

    // Another clinician asks first, so the request-id counter already exists (as for every request but the
    // contract's first, like the record-id counter above).
    await chain.send(OTHER_CLINICIAN, 'registerEncryptionKey', [testKey(3)]);
    await chain.send(OTHER_CLINICIAN, 'setClinicianProfile', ['Dr. Other', '']);
    await chain.send(OTHER_CLINICIAN, 'requestAccess', [chain.address(PATIENT), [], 0, NOTE_HASH]);
    const requestRecord = await addRecord(chain, 60);
    const requestReceipt = await chain.send(CLINICIAN, 'requestAccess', [chain.address(PATIENT), [requestRecord], 0, NOTE_HASH]);
    const requested = chain.eventsOf(requestReceipt).find((event) => event.eventName === 'AccessRequested');
    if (requested?.eventName !== 'AccessRequested') throw new Error('requestAccess emitted no AccessRequested');
    const requestId = requested.args.requestId;
    const approveLocator = testLocator(61, LOCATOR_BYTES);
    const approveReceipt = await chain.send(PATIENT, 'approveRequest', [requestId, [requestRecord], [expiresAt], [approveLocator]]);
    rows.push(
      row(
        'approve a request',
        approveReceipt.gasUsed,
        FLOOR.approve(requestId, { recordId: requestRecord, expiresAt, locator: approveLocator }),
        1,
        'closes the request and grants one record',
      ),
    );

    rows.push(
      row(
        'request access, first to this patient',
        requestReceipt.gasUsed,
        FLOOR.request(chain.address(PATIENT), [requestRecord], 0, NOTE_HASH, true),
        1,
        'one record named; the pair slot is new',
      ),
    );
    const againReceipt = await chain.send(CLINICIAN, 'requestAccess', [chain.address(PATIENT), [requestRecord], 1, NOTE_HASH]);
    rows.push(
      row(
        'request access again',
        againReceipt.gasUsed,
        FLOOR.request(chain.address(PATIENT), [requestRecord], 1, NOTE_HASH, false),
        1,
        'the previous request was answered; the pair slot is rewritten',
      ),
    );

    const blockReceipt = await chain.send(PATIENT, 'blockRequester', [clinician]);
    rows.push(row('block a requester', blockReceipt.gasUsed, FLOOR.blockFlag(clinician, false), 0, 'an account that has asked before (the flood case)'));
    const unblockReceipt = await chain.send(PATIENT, 'unblockRequester', [clinician]);
    rows.push(row('unblock a requester', unblockReceipt.gasUsed, FLOOR.blockFlag(clinician, false), 0, 'the same account'));
    const stranger = chain.address(FRESH_ACCOUNT);
    const strangerReceipt = await chain.send(PATIENT, 'blockRequester', [stranger]);
    rows.push(row('block an account that never asked', strangerReceipt.gasUsed, FLOOR.blockFlag(stranger, true), 0, 'the pair slot is new'));

    // Both fields of the bench profile are under 32 bytes: one slot each.
    const profileHash = clinicianProfileHash(PROFILE.displayName, PROFILE.organisation);
    const verifyReceipt = await chain.send(ATTESTER, 'verifyClinician', [clinician, profileHash]);
    rows.push(row('verify a clinician', verifyReceipt.gasUsed, FLOOR.verify(clinician, profileHash, 2), 0, 'checks the reviewed hash against the stored text'));

    // A record shared with the clinician (the revoke-all above ended the grant, its slot stays): re-key and re-grant.
    const replaced = batchIds[0]!;
    const newPatientLocator = testLocator(70, LOCATOR_BYTES);
    const regrantLocator = testLocator(71, LOCATOR_BYTES);
    const replaceReceipt = await chain.send(PATIENT, 'replaceRecord', [replaced, newPatientLocator, [clinician], [expiresAt], [regrantLocator]]);
    rows.push(
      row(
        'replace a record, re-granting one',
        replaceReceipt.gasUsed,
        FLOOR.replace(replaced, newPatientLocator, clinician, expiresAt, regrantLocator),
        1,
        'new version, one clinician kept',
      ),
    );

    rows.push(await measureIndexedGrant(chain));
    return rows;
  } finally {
    await chain.stop();
  }
}

/** The alternative design: the same grant plus two index-array pushes (contracts/bench/IndexedGrants.sol). */
async function measureIndexedGrant(chain: ConsentChain): Promise<GasRow> {
  const [compiled] = compileContracts(['contracts/bench/IndexedGrants.sol']).contracts;
  if (!compiled) throw new Error('IndexedGrants did not compile');
  const account = privateKeyToAccount(ANVIL_ACCOUNTS[PATIENT].privateKey);
  const wallet = createWalletClient({ account, transport: http(chain.rpcUrl) });
  const deployHash = await wallet.deployContract({ abi: compiled.abi, bytecode: compiled.bytecode, chain: null });
  const address = (await chain.publicClient.waitForTransactionReceipt({ hash: deployHash })).contractAddress;
  if (!address) throw new Error('IndexedGrants deployment failed');
  const call = async (functionName: string, args: readonly unknown[]) => {
    const hash = await wallet.writeContract({ address, abi: compiled.abi, functionName, args, chain: null });
    return chain.publicClient.waitForTransactionReceipt({ hash });
  };
  const recordId = 3n;
  await call('addRecord', [recordId]);
  const expiresAt = (await chain.latestTimestamp()) + 30n * DAY;
  const receipt = await call('grantAccess', [recordId, chain.address(CLINICIAN), expiresAt, testLocator(9, LOCATOR_BYTES)]);
  return row('grant one, with index arrays (alternative)', receipt.gasUsed, null, 1, 'bench contract: + per-clinician and per-record array push');
}

export function formatGasTable(rows: readonly GasRow[]): string {
  const header = ['operation', 'gasUsed', 'floor', 'ratio', 'gas/record'];
  const lines = rows.map((r) => [
    r.operation,
    String(r.gasUsed),
    r.floor === null ? '—' : String(r.floor),
    r.ratio === null ? '—' : r.ratio.toFixed(2),
    r.records > 0 ? String(Math.round(r.gasUsed / r.records)) : '—',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [render(header), ...lines.map(render)].join('\n');
}

export const GAS_RESULTS_FILE = path.join(REPO_ROOT, 'bench-results', 'gas.json');

async function main(): Promise<void> {
  const rows = await measureGas();
  console.log(`ChartkeyConsent gas (anvil, ${LOCATOR_BYTES}-byte locators)\n`);
  console.log(formatGasTable(rows));
  mkdirSync(path.dirname(GAS_RESULTS_FILE), { recursive: true });
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()}-${os.arch()}` };
  writeFileSync(GAS_RESULTS_FILE, `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, rows }, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(process.cwd(), GAS_RESULTS_FILE)}.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
