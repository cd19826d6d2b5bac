import { describe, expect, it } from 'vitest';
import { ConfigError, readPublicConfig } from './public-config';

const LOCAL_DEPLOYMENT = {
  address: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  deployedBlock: 1n,
} as const;
const deploymentFor = (chainId: number) => (chainId === 31337 ? LOCAL_DEPLOYMENT : undefined);

describe('readPublicConfig', () => {
  it('defaults to the local demo chain with its generated deployment', () => {
    const config = readPublicConfig({}, deploymentFor);
    expect(config).toMatchObject({
      chainId: 31337,
      isLocalChain: true,
      rpcUrl: 'http://127.0.0.1:8545',
      walletConnectProjectId: null,
      explorerUrl: null,
      consent: { address: LOCAL_DEPLOYMENT.address, deployedBlock: '1' },
    });
  });

  it('requires an RPC URL for any other chain and reports a missing deployment as null', () => {
    expect(() => readPublicConfig({ CHAIN_ID: '84532' }, deploymentFor)).toThrow(ConfigError);
    const config = readPublicConfig(
      { CHAIN_ID: '84532', RPC_URL: 'https://sepolia.base.org/', EXPLORER_URL: 'https://sepolia.basescan.org/' },
      deploymentFor,
    );
    expect(config).toMatchObject({
      chainId: 84532,
      isLocalChain: false,
      rpcUrl: 'https://sepolia.base.org',
      explorerUrl: 'https://sepolia.basescan.org',
      consent: null,
    });
  });

  it('lets an explicit contract address override the generated one', () => {
    const config = readPublicConfig(
      { CONSENT_CONTRACT_ADDRESS: '0x70997970c51812dc3a010c7d01b50e0d17dc79c8', CONSENT_DEPLOYED_BLOCK: '42' },
      deploymentFor,
    );
    expect(config.consent).toEqual({ address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', deployedBlock: '42' });
  });

  it('rejects malformed values with a message naming the variable', () => {
    expect(() => readPublicConfig({ CHAIN_ID: 'abc' }, deploymentFor)).toThrow(/CHAIN_ID/);
    expect(() => readPublicConfig({ RPC_URL: 'ftp://x' }, deploymentFor)).toThrow(/RPC_URL/);
    expect(() => readPublicConfig({ CONSENT_CONTRACT_ADDRESS: '0x123' }, deploymentFor)).toThrow(/CONSENT_CONTRACT_ADDRESS/);
    expect(() => readPublicConfig({ CONSENT_CONTRACT_ADDRESS: LOCAL_DEPLOYMENT.address, CONSENT_DEPLOYED_BLOCK: '-1' }, deploymentFor)).toThrow(/CONSENT_DEPLOYED_BLOCK/);
  });
});
