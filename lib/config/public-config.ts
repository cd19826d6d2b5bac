import { getAddress, isAddress, type Address } from 'viem';
import { ErrorCodes } from '@/lib/errors/codes';
import { UserFacingError } from '@/lib/errors/user-facing-error';

/**
 * Everything the browser needs to know about the deployment, read once on the server from the
 * environment at request time. Keeping this out of `NEXT_PUBLIC_*` build-time variables means
 * one production build can serve the local demo chain, a public testnet or an L2: the chain is
 * chosen by configuration, not by rebuilding.
 */
export type PublicConfig = {
  readonly chainId: number;
  readonly chainName: string;
  readonly rpcUrl: string;
  /** Block explorer base URL, when the chain has one (the local chain does not). */
  readonly explorerUrl: string | null;
  /** WalletConnect Cloud project id; WalletConnect is offered only when this is set. */
  readonly walletConnectProjectId: string | null;
  /** The consent contract on this chain, or null when it is not deployed there. */
  readonly consent: { readonly address: Address; readonly deployedBlock: string } | null;
  /** True on the local development chain, where the demo wallets are offered. */
  readonly isLocalChain: boolean;
};

export const LOCAL_CHAIN_ID = 31337;

/**
 * A server environment variable cannot be used. The message is for the operator: it names the
 * variable and what is wrong with it. It never reaches a browser (the server renders its error
 * page instead), so it may quote the bad value.
 */
export class ConfigError extends UserFacingError {
  override name = 'ConfigError';

  constructor(
    /** The environment variable to fix. */
    readonly variable: string,
    message: string,
  ) {
    super(ErrorCodes.config.invalid, message);
  }
}

/** The one line the server logs for a configuration error: what is wrong, and what to do. */
export function configErrorLogLine(error: ConfigError): string {
  return `Chartkey cannot serve pages because ${error.variable} is not usable (${error.message.replace(/\.$/, '')}); set it in the server's environment and restart.`;
}

type Env = Readonly<Record<string, string | undefined>>;
type Deployment = { readonly address: Address; readonly deployedBlock: bigint };

/**
 * Builds the public configuration from environment variables. Pure, so it is unit-tested
 * without a server; `deploymentFor` supplies the generated per-chain contract addresses.
 */
export function readPublicConfig(
  env: Env,
  deploymentFor: (chainId: number) => Deployment | undefined,
): PublicConfig {
  const chainId = parseChainId(env.CHAIN_ID);
  const isLocalChain = chainId === LOCAL_CHAIN_ID;
  const rpcUrl = parseUrl('RPC_URL', env.RPC_URL ?? (isLocalChain ? 'http://127.0.0.1:8545' : undefined));
  const explorerUrl = env.EXPLORER_URL ? parseUrl('EXPLORER_URL', env.EXPLORER_URL).replace(/\/$/, '') : null;

  let consent: PublicConfig['consent'] = null;
  if (env.CONSENT_CONTRACT_ADDRESS) {
    if (!isAddress(env.CONSENT_CONTRACT_ADDRESS)) {
      throw new ConfigError('CONSENT_CONTRACT_ADDRESS', 'CONSENT_CONTRACT_ADDRESS is not a valid address.');
    }
    consent = {
      address: getAddress(env.CONSENT_CONTRACT_ADDRESS),
      deployedBlock: parseBlock(env.CONSENT_DEPLOYED_BLOCK),
    };
  } else {
    const deployment = deploymentFor(chainId);
    if (deployment) {
      consent = { address: deployment.address, deployedBlock: deployment.deployedBlock.toString() };
    }
  }

  return {
    chainId,
    chainName: env.CHAIN_NAME?.trim() || (isLocalChain ? 'Local demo chain' : `Chain ${chainId}`),
    rpcUrl,
    explorerUrl,
    walletConnectProjectId: env.WALLETCONNECT_PROJECT_ID?.trim() || null,
    consent,
    isLocalChain,
  };
}

function parseChainId(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return LOCAL_CHAIN_ID;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new ConfigError('CHAIN_ID', `CHAIN_ID must be a positive integer, got "${raw}".`);
  }
  return value;
}

function parseUrl(name: string, raw: string | undefined): string {
  if (!raw) throw new ConfigError(name, `${name} must be set for a chain other than the local demo chain.`);
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return url.toString().replace(/\/$/, '');
  } catch {
    throw new ConfigError(name, `${name} must be an http(s) URL, got "${raw}".`);
  }
}

function parseBlock(raw: string | undefined): string {
  if (raw === undefined || raw === '') return '0';
  if (!/^\d+$/.test(raw)) throw new ConfigError('CONSENT_DEPLOYED_BLOCK', `CONSENT_DEPLOYED_BLOCK must be a block number, got "${raw}".`);
  return raw;
}
