import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bytesToHex, createPublicClient, createWalletClient, http } from 'viem';
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartkeyConsentAbi } from '@/contracts-abi';
import { DeployError, deployConsent, readDeploymentsFile, resolveAttester, resolveDeployerKey, writeDeployment } from './deploy';
import { ANVIL_ACCOUNTS, startAnvil, type RunningAnvil } from './lib/anvil';

const EXPECTED_LOCAL_ADDRESS = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

describe('ANVIL_ACCOUNTS', () => {
  it("are anvil's default-mnemonic accounts 0–9, each address paired with its own key", () => {
    expect(ANVIL_ACCOUNTS).toHaveLength(10);
    ANVIL_ACCOUNTS.forEach(({ address, privateKey }, addressIndex) => {
      const derived = mnemonicToAccount('test test test test test test test test test test test junk', { addressIndex });
      expect(derived.address).toBe(address);
      expect(bytesToHex(derived.getHdKey().privateKey!)).toBe(privateKey);
      expect(privateKeyToAccount(privateKey).address).toBe(address);
    });
  });
});

describe('deployConsent on a fresh anvil', () => {
  let anvil: RunningAnvil;
  beforeAll(async () => {
    anvil = await startAnvil();
  });
  afterAll(async () => {
    await anvil?.stop();
  });

  it('deploys from account 0 to the same address in block 1 every time, and the contract answers', async () => {
    expect(anvil.chainId).toBe(31337);
    const client = createPublicClient({ transport: http(anvil.rpcUrl) });
    const wallet = createWalletClient({ transport: http(anvil.rpcUrl) });
    expect(await wallet.getAddresses()).toEqual(ANVIL_ACCOUNTS.map((a) => a.address));
    const deployment = await deployConsent({ rpcUrl: anvil.rpcUrl, privateKey: ANVIL_ACCOUNTS[0].privateKey });
    const deployer = ANVIL_ACCOUNTS[0].address;
    expect(deployment).toEqual({ chainId: 31337, address: EXPECTED_LOCAL_ADDRESS, deployedBlock: 1n, attester: deployer, admin: deployer });

    const key = await client.readContract({ address: deployment.address, abi: chartkeyConsentAbi, functionName: 'encryptionKeyOf', args: [ANVIL_ACCOUNTS[1].address] });
    expect(key).toBe(`0x${'0'.repeat(64)}`);
  });
});

describe('deployConsent with a separate attester', () => {
  let anvil: RunningAnvil;
  beforeAll(async () => {
    anvil = await startAnvil();
  });
  afterAll(async () => {
    await anvil?.stop();
  });

  it('gives ATTESTER_ROLE to ATTESTER_ADDRESS only, and the admin role to the deployer', async () => {
    const attester = ANVIL_ACCOUNTS[7].address;
    const deployment = await deployConsent({ rpcUrl: anvil.rpcUrl, privateKey: ANVIL_ACCOUNTS[0].privateKey, attester });
    expect(deployment.attester).toBe(attester);
    const client = createPublicClient({ transport: http(anvil.rpcUrl) });
    const read = { address: deployment.address, abi: chartkeyConsentAbi } as const;
    const role = await client.readContract({ ...read, functionName: 'ATTESTER_ROLE' });
    expect(await client.readContract({ ...read, functionName: 'hasRole', args: [role, attester] })).toBe(true);
    expect(await client.readContract({ ...read, functionName: 'hasRole', args: [role, ANVIL_ACCOUNTS[0].address] })).toBe(false);
    const admin = await client.readContract({ ...read, functionName: 'DEFAULT_ADMIN_ROLE' });
    expect(await client.readContract({ ...read, functionName: 'hasRole', args: [admin, ANVIL_ACCOUNTS[0].address] })).toBe(true);
  });
});

describe('resolveAttester', () => {
  it('defaults to the deployer (undefined), checksums a given address and rejects a malformed one', () => {
    expect(resolveAttester({})).toBeUndefined();
    expect(resolveAttester({ ATTESTER_ADDRESS: ' ' })).toBeUndefined();
    expect(resolveAttester({ ATTESTER_ADDRESS: ANVIL_ACCOUNTS[7].address.toLowerCase() })).toBe(ANVIL_ACCOUNTS[7].address);
    expect(() => resolveAttester({ ATTESTER_ADDRESS: '0x1234' })).toThrow(DeployError);
  });
});

describe('startAnvil', () => {
  it('stops the chain so its port no longer answers', async () => {
    const anvil = await startAnvil();
    await anvil.stop();
    await expect(fetch(anvil.rpcUrl, { method: 'POST', body: '{}' })).rejects.toThrow();
    await anvil.stop(); // idempotent
  });
});

describe('deployments file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'chartkey-deployments-'));
  const file = path.join(dir, 'deployments.ts');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('merges one chain’s entry, keeps the others, and writes stable sorted output', async () => {
    await writeDeployment(11155111, { address: '0x1111111111111111111111111111111111111111', deployedBlock: 7_000_000n }, file);
    await writeDeployment(31337, { address: EXPECTED_LOCAL_ADDRESS, deployedBlock: 1n }, file);
    const afterBoth = readFileSync(file, 'utf8');
    expect(afterBoth).toBe(
      [
        '// Generated by scripts/deploy.ts — do not edit.',
        '',
        '/** Where the contracts live, by chain id. Written by the deploy script; read through lib/consent/deployments. */',
        'export const deployments = {',
        '  31337: {',
        `    ChartkeyConsent: { address: '${EXPECTED_LOCAL_ADDRESS}', deployedBlock: 1n },`,
        '  },',
        '  11155111: {',
        "    ChartkeyConsent: { address: '0x1111111111111111111111111111111111111111', deployedBlock: 7000000n },",
        '  },',
        '} as const satisfies Readonly<Record<number, Readonly<Record<string, { address: `0x${string}`; deployedBlock: bigint }>>>>;',
        '',
      ].join('\n'),
    );

    // Redeploying the same thing rewrites the same bytes; a new address replaces only its chain's entry.
    await writeDeployment(31337, { address: EXPECTED_LOCAL_ADDRESS, deployedBlock: 1n }, file);
    expect(readFileSync(file, 'utf8')).toBe(afterBoth);
    await writeDeployment(31337, { address: '0x2222222222222222222222222222222222222222', deployedBlock: 5n }, file);
    expect(await readDeploymentsFile(file)).toEqual({
      31337: { ChartkeyConsent: { address: '0x2222222222222222222222222222222222222222', deployedBlock: 5n } },
      11155111: { ChartkeyConsent: { address: '0x1111111111111111111111111111111111111111', deployedBlock: 7_000_000n } },
    });
  });
});

describe('resolveDeployerKey', () => {
  it('uses anvil account 0 only on the local chain', () => {
    expect(resolveDeployerKey(31337, {})).toBe(ANVIL_ACCOUNTS[0].privateKey);
    expect(() => resolveDeployerKey(11155111, {})).toThrow(DeployError);
    expect(() => resolveDeployerKey(11155111, {})).toThrow(/DEPLOYER_PRIVATE_KEY must be set/);
  });

  it('prefers DEPLOYER_PRIVATE_KEY and rejects a malformed one', () => {
    const key = ANVIL_ACCOUNTS[3].privateKey;
    expect(resolveDeployerKey(11155111, { DEPLOYER_PRIVATE_KEY: key })).toBe(key);
    expect(() => resolveDeployerKey(31337, { DEPLOYER_PRIVATE_KEY: '0x1234' })).toThrow(/32-byte hex private key/);
  });
});
