/**
 * Section 5: dashboards at scale on the local chain, read through the app's own data layer
 * (`listPatientRecords`, `listRecordGrants`, `listClinicianGrants`) with a viem client that counts
 * every JSON-RPC request it sends.
 *
 * Seeding is fast because nothing is signed or mined one by one: anvil impersonates the generated
 * accounts (`anvil_impersonateAccount`, `anvil_setBalance`), automine is off while each phase's
 * transactions are sent concurrently with explicit nonces, then blocks are mined until the pool is empty.
 */
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  getAddress,
  http,
  keccak256,
  parseEther,
  parseGwei,
  toHex,
  type Address,
  type Hex,
} from 'viem';
import { chartkeyConsentAbi } from '@/contracts-abi';
import { consentHistory, DEFAULT_LOG_CHUNK_BLOCKS, listClinicianGrants, listPatientGrants, listPatientRecords, type ConsentClient } from '@/lib/consent';
import { mapWithConcurrency } from '@/lib/async/map-with-concurrency';
import { anvilChainAt, type StackInfo } from './stack-info';
import { randomBytes } from './random-data';
import { RpcRequestCounter, countingHttpTransport } from './rpc-counter';
import { median, ratio } from './stats';
import type { BenchRow, SectionResult } from './table';

export const SCALE = {
  /** The big patient: records, and grants spread over `grantClinicians` clinicians. */
  records: 1_000,
  grants: 200,
  grantClinicians: 20,
  /** A patient with a tenth of the data, on the same chain: shows what grows with records. */
  smallRecords: 100,
  smallGrants: 20,
  /** Patients who each share one record with the busy clinician. */
  clinicianPatients: 200,
  /** The consent contracts issue's upper size: one patient with 10,000 records, all shared with one clinician. */
  hugeRecords: 10_000,
  hugeBatch: 100,
} as const;

const RUNS = 3;
const DASHBOARD_TARGET_MS = 2_000;
/** A sealed locator for a 59-character CIDv1 is 140 bytes; random bytes of that length cost the same gas and log space. */
const LOCATOR_BYTES = 140;
const SEND_CONCURRENCY = 32;
const DAY = 86_400n;
const count = (n: number) => n.toLocaleString('en-US');

type Seeded = { patient: Address; smallPatient: Address; clinician: Address; hugePatient: Address; hugeClinician: Address; blocks: bigint };

/** A deterministic throw-away address per label; anvil impersonates it, so no key exists or is needed. */
function benchAddress(label: string): Address {
  return getAddress(keccak256(toHex(`chartkey-bench/${label}`)).slice(0, 42));
}

const locator = (): Hex => toHex(randomBytes(LOCATOR_BYTES));

async function seed(stack: StackInfo): Promise<Seeded> {
  const transport = http(stack.rpcUrl);
  const testClient = createTestClient({ mode: 'anvil', transport });
  const publicClient = createPublicClient({ transport });
  const walletClient = createWalletClient({ transport, chain: anvilChainAt(stack.rpcUrl) });

  const patient = benchAddress('patient');
  const smallPatient = benchAddress('small-patient');
  const clinician = benchAddress('clinician');
  const grantClinicians = Array.from({ length: SCALE.grantClinicians }, (_, i) => benchAddress(`grant-clinician-${i}`));
  const sharingPatients = Array.from({ length: SCALE.clinicianPatients }, (_, i) => benchAddress(`sharing-patient-${i}`));
  const hugePatient = benchAddress('huge-patient');
  const hugeClinician = benchAddress('huge-clinician');
  const everyone = [patient, smallPatient, clinician, hugePatient, hugeClinician, ...grantClinicians, ...sharingPatients];

  for (const address of everyone) {
    await testClient.impersonateAccount({ address });
    await testClient.setBalance({ address, value: parseEther('1000') });
  }

  const nonces = new Map<Address, number>();
  type Tx = { from: Address; data: Hex; gas: bigint };
  const sendAll = async (txs: readonly Tx[]) => {
    // Nonces are assigned in list order, so one sender's transactions mine in the order listed.
    const numbered = txs.map((tx) => {
      const nonce = nonces.get(tx.from) ?? 0;
      nonces.set(tx.from, nonce + 1);
      return { ...tx, nonce };
    });
    await mapWithConcurrency(numbered, SEND_CONCURRENCY, (tx) =>
      walletClient.sendTransaction({
        account: tx.from,
        to: stack.contract,
        data: tx.data,
        gas: tx.gas,
        nonce: tx.nonce,
        maxFeePerGas: parseGwei('100'),
        maxPriorityFeePerGas: parseGwei('1'),
      }),
    );
    for (let guard = 0; guard < 1_000; guard++) {
      const { pending, queued } = await testClient.getTxpoolStatus();
      if (pending === 0 && queued === 0) return;
      await testClient.mine({ blocks: 1 });
    }
    throw new Error('Seeding transactions were still pending after 1,000 blocks.');
  };
  const abi = chartkeyConsentAbi;

  // getBlock, not getBlockNumber: viem caches the latter for a polling interval.
  const startBlock = (await publicClient.getBlock({ blockTag: 'latest' })).number;
  await testClient.setAutomine(false);
  try {
    await sendAll(everyone.map((from) => ({ from, data: encodeFunctionData({ abi, functionName: 'registerEncryptionKey', args: [toHex(randomBytes(32))] }), gas: 150_000n })));

    const addRecords = (from: Address, count: number): Tx[] => Array.from({ length: count }, () => ({ from, data: encodeFunctionData({ abi, functionName: 'addRecord', args: [locator()] }), gas: 250_000n }));
    await sendAll([
      ...addRecords(patient, SCALE.records),
      ...addRecords(smallPatient, SCALE.smallRecords),
      ...sharingPatients.flatMap((from) => addRecords(from, 1)),
      ...addRecords(hugePatient, SCALE.hugeRecords),
    ]);

    const recordIds = await recordIdsByPatient(stack, publicClient);
    const expiresAt = (await publicClient.getBlock()).timestamp + 30n * DAY;
    const grantsOf = (from: Address, grants: number): Tx[] => {
      const ids = (recordIds.get(from) ?? []).slice(0, grants);
      if (ids.length < grants) throw new Error('Seeding: fewer records were mined than sent.');
      // Record i goes to clinician i mod n, one batch per clinician, as the share form batches.
      return grantClinicians.flatMap((to, c) => {
        const batch = ids.filter((_, i) => i % grantClinicians.length === c);
        if (batch.length === 0) return [];
        return [{ from, data: encodeFunctionData({ abi, functionName: 'grantAccessBatch', args: [batch, to, batch.map(() => expiresAt), batch.map(locator)] }), gas: 200_000n * BigInt(batch.length) + 100_000n }];
      });
    };
    await sendAll([
      ...grantsOf(patient, SCALE.grants),
      ...grantsOf(smallPatient, SCALE.smallGrants),
      ...sharingPatients.map((from) => ({ from, data: encodeFunctionData({ abi, functionName: 'grantAccess', args: [recordIds.get(from)![0]!, clinician, expiresAt, locator()] }), gas: 250_000n })),
      ...chunk(recordIds.get(hugePatient) ?? [], SCALE.hugeBatch).map((batch) => ({
        from: hugePatient,
        data: encodeFunctionData({ abi, functionName: 'grantAccessBatch', args: [batch, hugeClinician, batch.map(() => expiresAt), batch.map(locator)] }),
        gas: 60_000n * BigInt(batch.length) + 200_000n,
      })),
    ]);
  } finally {
    await testClient.setAutomine(true);
  }
  const blocks = (await publicClient.getBlock({ blockTag: 'latest' })).number - startBlock;
  return { patient, smallPatient, clinician, hugePatient, hugeClinician, blocks };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

async function recordIdsByPatient(stack: StackInfo, publicClient: ReturnType<typeof createPublicClient>): Promise<Map<Address, bigint[]>> {
  // Through the app's own history reader: one unchunked query over 10,000 records exceeds viem's 10 MiB response cap.
  const history = consentHistory(publicClient, { contract: stack.contract, fromBlock: stack.deployedBlock });
  const ids = new Map<Address, bigint[]>();
  for (const { patient, recordId } of await history.events({ events: ['RecordAdded'] }, await history.head())) {
    const list = ids.get(getAddress(patient)) ?? [];
    list.push(recordId);
    ids.set(getAddress(patient), list);
  }
  return ids;
}

/**
 * The chain reads the patient page makes before it can show everything, mirrored from components/patient:
 * record-list.tsx runs usePatientRecords (listPatientRecords), and the record items and the sharing
 * overview share one usePatientGrants (listPatientGrants). When the page changes how it loads, change
 * this function and PATIENT_PAGE_READS with it.
 */
async function loadPatientPageData(client: ConsentClient, scan: { contract: Address; fromBlock: bigint; patient: Address }): Promise<{ records: number; grants: number }> {
  const [records, grants] = await Promise.all([listPatientRecords(client, scan), listPatientGrants(client, scan)]);
  return { records: records.length, grants: grants.length };
}

const PATIENT_PAGE_READS = 'runs listPatientRecords and one patient-wide listPatientGrants (the record items and the sharing overview share it)';

type Measured = { ms: number; requests: number; byMethod: Record<string, number> };

export async function benchScale(stack: StackInfo): Promise<SectionResult> {
  const seedStarted = performance.now();
  const seeded = await seed(stack);
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const counter = new RpcRequestCounter();
  const client: ConsentClient = createPublicClient({ transport: countingHttpTransport(stack.rpcUrl, counter) });
  const scan = { contract: stack.contract, fromBlock: stack.deployedBlock };

  /** Median time over RUNS; request counts from the last run (they are the same every run). */
  const measure = async (read: () => Promise<void>): Promise<Measured> => {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      counter.reset();
      const started = performance.now();
      await read();
      times.push(performance.now() - started);
    }
    return { ms: median(times), requests: counter.requests, byMethod: counter.byMethod() };
  };

  const patientDashboard = (patient: Address, expected: { records: number; grants: number }) => async () => {
    const { records, grants } = await loadPatientPageData(client, { ...scan, patient });
    if (records !== expected.records || grants !== expected.grants) {
      throw new Error(`Scale: the patient dashboard read ${records} records and ${grants} grants, expected ${expected.records} and ${expected.grants}.`);
    }
  };

  const recordsOnly = await measure(async () => {
    const records = await listPatientRecords(client, { ...scan, patient: seeded.patient });
    if (records.length !== SCALE.records) throw new Error(`Scale: listPatientRecords returned ${records.length} records, expected ${count(SCALE.records)}.`);
  });
  const big = await measure(patientDashboard(seeded.patient, { records: SCALE.records, grants: SCALE.grants }));
  const small = await measure(patientDashboard(seeded.smallPatient, { records: SCALE.smallRecords, grants: SCALE.smallGrants }));
  const clinician = await measure(async () => {
    const grants = await listClinicianGrants(client, { ...scan, clinician: seeded.clinician });
    if (grants.length !== SCALE.clinicianPatients) throw new Error(`Scale: listClinicianGrants returned ${grants.length} grants, expected ${count(SCALE.clinicianPatients)}.`);
  });

  const huge = await measure(patientDashboard(seeded.hugePatient, { records: SCALE.hugeRecords, grants: SCALE.hugeRecords }));
  const hugeClinician = await measure(async () => {
    const grants = await listClinicianGrants(client, { ...scan, clinician: seeded.hugeClinician });
    if (grants.length !== SCALE.hugeRecords) throw new Error(`Scale: listClinicianGrants returned ${grants.length} grants, expected ${count(SCALE.hugeRecords)}.`);
  });

  const head = (await createPublicClient({ transport: http(stack.rpcUrl) }).getBlock({ blockTag: 'latest' })).number;
  const pages = (head - stack.deployedBlock) / DEFAULT_LOG_CHUNK_BLOCKS + 1n;
  const requestGrowth = ratio(big.requests, small.requests);
  const perRecord = (big.byMethod.eth_getLogs ?? 0) > SCALE.records;

  const rows: BenchRow[] = [
    {
      measure: `patient dashboard data, ${count(SCALE.records)} records + ${count(SCALE.grants)} grants`,
      value: big.ms,
      unit: 'ms',
      baseline: `record list alone ${recordsOnly.ms.toFixed(0)} ms`,
      ratio: ratio(big.ms, recordsOnly.ms),
      target: { on: 'value', op: '<', limit: DASHBOARD_TARGET_MS },
      runs: RUNS,
    },
    {
      measure: `patient dashboard RPC requests, ${count(SCALE.records)} records`,
      value: big.requests,
      unit: 'requests',
      baseline: `${count(SCALE.smallRecords)} records: ${small.requests} requests`,
      ratio: requestGrowth,
      // The same block range means the same pages: 10× the records should not mean many more requests.
      target: { on: 'ratio', op: '<=', limit: 1.5 },
    },
    {
      measure: `record list alone (listPatientRecords), ${count(SCALE.records)} records`,
      value: recordsOnly.ms,
      unit: 'ms',
      baseline: `${recordsOnly.requests} requests`,
      target: { on: 'value', op: '<', limit: DASHBOARD_TARGET_MS },
      runs: RUNS,
    },
    {
      measure: `clinician dashboard data, ${count(SCALE.clinicianPatients)} patients`,
      value: clinician.ms,
      unit: 'ms',
      baseline: `${clinician.requests} requests`,
      target: { on: 'value', op: '<', limit: DASHBOARD_TARGET_MS },
      runs: RUNS,
    },
    {
      measure: `patient dashboard data, ${count(SCALE.hugeRecords)} records + ${count(SCALE.hugeRecords)} grants`,
      value: huge.ms,
      unit: 'ms',
      baseline: `${huge.requests} requests`,
      target: { on: 'value', op: '<', limit: DASHBOARD_TARGET_MS },
      runs: RUNS,
    },
    {
      measure: `clinician dashboard data, ${count(SCALE.hugeRecords)} grants`,
      value: hugeClinician.ms,
      unit: 'ms',
      baseline: `${hugeClinician.requests} requests`,
      target: { on: 'value', op: '<', limit: DASHBOARD_TARGET_MS },
      runs: RUNS,
    },
  ];

  const describe = (m: Measured) =>
    Object.entries(m.byMethod)
      .map(([method, count]) => `${count} ${method}`)
      .join(', ');
  const notes = [
    `Seeded in ${seedSeconds.toFixed(0)} s: ${count(SCALE.records)} records and ${count(SCALE.grants)} grants (to ${count(SCALE.grantClinicians)} clinicians) for one patient, ${count(SCALE.smallRecords)} records and ${count(SCALE.smallGrants)} grants for another, ${count(SCALE.clinicianPatients)} patients sharing one record each with one clinician, and one patient with ${count(SCALE.hugeRecords)} records all shared with one clinician (batches of ${SCALE.hugeBatch}), over ${seeded.blocks} blocks. Every read scans from the deployment block to the head: ${pages} page(s) of ${DEFAULT_LOG_CHUNK_BLOCKS} blocks per log query.`,
    `"Dashboard data" = the reads the page makes before it can show everything, as the app makes them: the patient page ${PATIENT_PAGE_READS}; the clinician page runs listClinicianGrants. Requests are counted at viem's HTTP transport (no batching, as in the app). Not included: the patient page also fetches each record's encrypted metadata from IPFS (one ranged GET per record).`,
    `Requests: patient ${count(SCALE.records)} records: ${describe(big)}; ${count(SCALE.smallRecords)} records: ${describe(small)}; clinician: ${describe(clinician)}.`,
  ];
  if (perRecord || (requestGrowth ?? 0) > 1.5) {
    notes.push(
      `FINDING: the patient dashboard reads each record's grants separately (one scan per record instead of one per patient), so its RPC requests grow with the number of records (${small.requests} for ${count(SCALE.smallRecords)} records, ${big.requests} for ${count(SCALE.records)}), not with block-range pages. One grants scan per patient (AccessGranted/AccessRevoked filtered by the patient topic) would make it a handful of requests per page.`,
    );
  }
  return { name: 'Scale', rows, notes };
}
