import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPublicClient, createWalletClient, http, parseEventLogs, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, describe, expect, it } from 'vitest';
import { chartkeyConsentAbi } from '@/contracts-abi';
import { DEPLOYMENTS_FILE } from '../deploy';
import { ANVIL_ACCOUNTS, AnvilStartError, AnvilStateUnreadableError } from './anvil';
import { DEMO_CHAIN_FILE, startDemoChain, type DemoChain } from './demo-chain';

const DEPLOYER = ANVIL_ACCOUNTS[0].privateKey;
const PATIENT = privateKeyToAccount(ANVIL_ACCOUNTS[1].privateKey);
const KEY: Hex = `0x${'ab'.repeat(32)}`;
const RECORDED = { address: '0x5FbDB2315678afecb367f032d93F642f64180aa3', deployedBlock: 1n } as const;

const root = mkdtempSync(path.join(tmpdir(), 'chartkey-demo-chain-'));
const running: DemoChain[] = [];
afterAll(async () => {
  await Promise.all(running.map((chain) => chain.anvil.stop()));
  rmSync(root, { recursive: true, force: true });
});

async function start(stateDir: string, warnings: string[] = []): Promise<DemoChain> {
  const chain = await startDemoChain({ stateDir, deployerKey: DEPLOYER, warn: (message) => warnings.push(message) });
  running.push(chain);
  return chain;
}

function clients(rpcUrl: string) {
  return {
    client: createPublicClient({ transport: http(rpcUrl) }),
    wallet: createWalletClient({ account: PATIENT, transport: http(rpcUrl) }),
  };
}

async function rpc(rpcUrl: string, method: string, params: unknown[]): Promise<unknown> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(body.error.message);
  return body.result;
}

describe('startDemoChain', () => {
  it('resumes a stopped demo: same contract, its state and its events, without redeploying or touching contracts-abi', async () => {
    const dir = path.join(root, 'resume');
    const deploymentsBefore = { text: readFileSync(DEPLOYMENTS_FILE, 'utf8'), mtime: statSync(DEPLOYMENTS_FILE).mtimeMs };

    const first = await start(dir);
    expect(first.start).toEqual({ kind: 'fresh' });
    expect(first.deployment).toEqual(RECORDED);
    const { client, wallet } = clients(first.anvil.rpcUrl);
    const hash = await wallet.writeContract({ address: RECORDED.address, abi: chartkeyConsentAbi, functionName: 'registerEncryptionKey', args: [KEY], chain: null });
    expect((await client.waitForTransactionReceipt({ hash })).status).toBe('success');
    await first.anvil.stop();
    expect(existsSync(path.join(dir, DEMO_CHAIN_FILE))).toBe(true);

    const warnings: string[] = [];
    const second = await start(dir, warnings);
    expect(second.start).toEqual({ kind: 'resumed', blocks: 2n });
    expect(second.deployment).toEqual(RECORDED);
    expect(warnings).toEqual([]);
    const again = clients(second.anvil.rpcUrl);
    expect(await again.client.getBlockNumber({ cacheTime: 0 })).toBe(2n);
    expect(await again.client.readContract({ address: RECORDED.address, abi: chartkeyConsentAbi, functionName: 'encryptionKeyOf', args: [PATIENT.address] })).toBe(KEY);
    // The app reads history from logs, so they must survive as well as the storage.
    const logs = await again.client.getLogs({ address: RECORDED.address, fromBlock: RECORDED.deployedBlock, toBlock: 'latest' });
    expect(parseEventLogs({ abi: chartkeyConsentAbi, logs, eventName: 'EncryptionKeyRegistered' })).toHaveLength(1);
    // The patient's next transaction continues from the saved nonce instead of clashing with it.
    expect(await again.client.getTransactionCount({ address: PATIENT.address })).toBe(1);

    expect(readFileSync(DEPLOYMENTS_FILE, 'utf8')).toBe(deploymentsBefore.text);
    expect(statSync(DEPLOYMENTS_FILE).mtimeMs).toBe(deploymentsBefore.mtime);
    await second.anvil.stop();
  });

  it('sets a chain with another version of the contract aside, with its IPFS data, and starts fresh', async () => {
    const dir = path.join(root, 'outdated');
    const first = await start(dir);
    const code = (await rpc(first.anvil.rpcUrl, 'eth_getCode', [RECORDED.address, 'latest'])) as Hex;
    // What an older build would have left at that address: same place, different code.
    await rpc(first.anvil.rpcUrl, 'anvil_setCode', [RECORDED.address, `${code}00`]);
    await rpc(first.anvil.rpcUrl, 'evm_mine', []);
    await first.anvil.stop();
    mkdirSync(path.join(dir, 'ipfs'));
    writeFileSync(path.join(dir, 'ipfs', 'block'), 'old ciphertext');

    const warnings: string[] = [];
    const second = await start(dir, warnings);
    if (second.start.kind !== 'fresh' || !second.start.setAside) throw new Error(`expected a fresh start, got ${JSON.stringify(second.start, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`);
    expect(second.start.setAside.reason).toBe('contract-outdated');
    const movedTo = second.start.setAside.movedTo;
    expect(path.dirname(movedTo)).toBe(root);
    expect(path.basename(movedTo)).toMatch(/^outdated-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.bak$/);
    expect(readdirSync(movedTo).sort()).toEqual([DEMO_CHAIN_FILE, 'ipfs']);
    expect(readFileSync(path.join(movedTo, 'ipfs', 'block'), 'utf8')).toBe('old ciphertext');
    expect(existsSync(path.join(dir, 'ipfs'))).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/older version of the consent contract/);
    expect(warnings[0]).toContain(path.basename(movedTo));

    expect(second.deployment).toEqual(RECORDED);
    expect(await rpc(second.anvil.rpcUrl, 'eth_getCode', [RECORDED.address, 'latest'])).toBe(code);
    await second.anvil.stop();
  });

  it('fails on a busy port without touching the saved chain', async () => {
    const dir = path.join(root, 'busy');
    const first = await start(dir);
    await first.anvil.stop();
    const saved = readFileSync(path.join(dir, DEMO_CHAIN_FILE), 'utf8');
    const squatter = await start(path.join(root, 'squatter'));
    const port = Number(new URL(squatter.anvil.rpcUrl).port);

    const error = await startDemoChain({ stateDir: dir, deployerKey: DEPLOYER, port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnvilStartError);
    expect(error).not.toBeInstanceOf(AnvilStateUnreadableError);
    expect(readFileSync(path.join(dir, DEMO_CHAIN_FILE), 'utf8')).toBe(saved);
    expect(readdirSync(root).filter((name) => name.startsWith('busy-'))).toEqual([]);
    await squatter.anvil.stop();
  });

  it('sets an unreadable saved chain aside and starts fresh instead of failing', async () => {
    const dir = path.join(root, 'unreadable');
    mkdirSync(dir);
    writeFileSync(path.join(dir, DEMO_CHAIN_FILE), '{"block": {"number": "0x');

    const warnings: string[] = [];
    const chain = await start(dir, warnings);
    expect(chain.start).toMatchObject({ kind: 'fresh', setAside: { reason: 'unreadable' } });
    expect(warnings[0]).toMatch(/could not be read/);
    expect(chain.deployment).toEqual(RECORDED);
    const moved = readdirSync(root).filter((name) => name.startsWith('unreadable-'));
    expect(moved).toHaveLength(1);
    expect(readFileSync(path.join(root, moved[0]!, DEMO_CHAIN_FILE), 'utf8')).toBe('{"block": {"number": "0x');
    await chain.anvil.stop();
  });
});
