import { describe, expect, it } from 'vitest';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { ConfigError, configErrorLogLine, readPublicConfig } from './public-config';

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

  it('turns a bad variable into one log line that names it and says what to do', () => {
    let thrown: unknown;
    try {
      readPublicConfig({ CHAIN_ID: 'base-sepolia' }, deploymentFor);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(thrown).toBeInstanceOf(UserFacingError);
    const error = thrown as ConfigError;
    expect(error).toMatchObject({ code: 'config.invalid', variable: 'CHAIN_ID' });
    expect(configErrorLogLine(error)).toBe(
      'Chartkey cannot serve pages because CHAIN_ID is not usable (CHAIN_ID must be a positive integer, got "base-sepolia"); set it in the server\'s environment and restart.',
    );
    expect(configErrorLogLine(error).split('\n')).toHaveLength(1);
  });
});
