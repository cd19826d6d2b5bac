/**
 * Section 2: the upload pipeline through the project's own code — encrypt (`encryptRecord`), pin
 * (`pinCiphertext` against the embedded node), seal the locator to the patient's own key and register
 * it (`addRecord`, signed by the demo patient's key through viem, mined by anvil) — next to pinning the
 * same number of plaintext bytes unencrypted, in the same run.
 */
import { createHash } from 'node:crypto';
import nacl from 'tweetnacl';
import { bytesToHex, createPublicClient, createWalletClient, http, parseEventLogs, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { chartkeyConsentAbi } from '@/contracts-abi';
import { deriveUnpinClaim, encryptRecord, sealLocator, unpinClaimFor, type KeyPair } from '@/lib/crypto';
import { pinCiphertext } from '@/lib/ipfs/server';
import { DEMO_ACCOUNTS } from '@/lib/wallet/demo-accounts';
import { anvilChainAt, type StackInfo } from './stack-info';
import { benchMetadata, randomBytes } from './random-data';
import { MIB, median, ratio } from './stats';
import type { BenchRow, SectionResult } from './table';

export const UPLOAD_SIZES_MIB = [1, 10, 100] as const;
const RUNS: Record<(typeof UPLOAD_SIZES_MIB)[number], number> = { 1: 7, 10: 5, 100: 3 };
/** anvil mines at once; poll receipts quickly so the figure is the pipeline's, not a polling interval's. */
const RECEIPT_POLL_MS = 20;

/** A record stored by the last upload run of a size, for the open pipeline. */
export type UploadedRecord = {
  readonly sizeMiB: number;
  readonly sealedLocator: Uint8Array;
  readonly plaintextSha256: string;
};

export type UploadResult = { readonly section: SectionResult; readonly records: readonly UploadedRecord[]; readonly patientKeys: KeyPair };

export function patientClients(stack: StackInfo) {
  const account = privateKeyToAccount(DEMO_ACCOUNTS.patient.privateKey);
  const transport = http(stack.rpcUrl);
  return {
    account,
    publicClient: createPublicClient({ transport, chain: anvilChainAt(stack.rpcUrl), pollingInterval: RECEIPT_POLL_MS }),
    walletClient: createWalletClient({ account, transport, chain: anvilChainAt(stack.rpcUrl) }),
  };
}

export async function benchUpload(stack: StackInfo): Promise<UploadResult> {
  // pinCiphertext reads the node's address from the environment, as the app's route does.
  process.env.IPFS_API_URL = stack.ipfsApiUrl;
  const { publicClient, walletClient } = patientClients(stack);
  const patientKeys = nacl.box.keyPair();

  const send = async (functionName: 'registerEncryptionKey' | 'addRecord', args: readonly [Hex]) => {
    const hash = await walletClient.writeContract({ address: stack.contract, abi: chartkeyConsentAbi, functionName, args });
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: RECEIPT_POLL_MS });
    if (receipt.status !== 'success') throw new Error(`${functionName} reverted`);
    return receipt;
  };
  await send('registerEncryptionKey', [bytesToHex(patientKeys.publicKey)]);

  const rows: BenchRow[] = [];
  const records: UploadedRecord[] = [];
  for (const sizeMiB of UPLOAD_SIZES_MIB) {
    const bytes = sizeMiB * MIB;
    const runs = RUNS[sizeMiB];
    const pipeline: number[] = [];
    const plain: number[] = [];
    let last: UploadedRecord | undefined;
    for (let run = 0; run < runs; run++) {
      // Fresh random bytes every run: a node that already holds the blocks would make pinning look free.
      const plaintext = randomBytes(bytes);
      const started = performance.now();
      const { envelope, contentKey } = await encryptRecord(plaintext, benchMetadata(bytes));
      // Every upload carries its removal claim, derived as the browser derives it.
      const { cid } = await pinCiphertext(envelope, { unpinClaim: deriveUnpinClaim(patientKeys.secretKey, contentKey) });
      const sealedLocator = sealLocator({ cid, contentKey }, patientKeys.publicKey);
      const receipt = await send('addRecord', [bytesToHex(sealedLocator)]);
      pipeline.push(performance.now() - started);
      if (!parseEventLogs({ abi: chartkeyConsentAbi, logs: receipt.logs, eventName: 'RecordAdded' }).length) {
        throw new Error('addRecord emitted no RecordAdded event');
      }
      last = { sizeMiB, sealedLocator, plaintextSha256: createHash('sha256').update(plaintext).digest('hex') };

      const unencrypted = randomBytes(bytes);
      const plainClaim = unpinClaimFor(nacl.randomBytes(32));
      const plainStarted = performance.now();
      await pinCiphertext(unencrypted, { unpinClaim: plainClaim });
      plain.push(performance.now() - plainStarted);
    }
    records.push(last!);
    const pipelineMs = median(pipeline);
    const plainMs = median(plain);
    rows.push({
      measure: `upload ${sizeMiB} MB: encrypt + pin + addRecord`,
      value: pipelineMs,
      unit: 'ms',
      baseline: `pin unencrypted ${plainMs.toFixed(0)} ms`,
      ratio: ratio(pipelineMs, plainMs),
      ...(sizeMiB === 10 ? { target: { on: 'ratio', op: '<=', limit: 1.3 } as const } : {}),
      runs,
    });
  }
  return {
    records,
    patientKeys,
    section: {
      name: 'Upload',
      rows,
      notes: [
        'Timed from plaintext in memory to the mined addRecord receipt: encryptRecord (as the browser worker does, whole record in memory), pinCiphertext to the embedded Helia node (in the bench parent process; this section runs in a child process), sealLocator to the patient key, addRecord signed locally with the demo patient key and mined by anvil at once (receipts polled every 20 ms). On a public chain the block time would dominate.',
        'Baseline: pinCiphertext of the same number of fresh random bytes, unencrypted. Ratio = pipeline ÷ baseline.',
      ],
    },
  };
}
