/**
 * Where the bench's local stack listens, in a form that crosses process boundaries (JSON), so a child
 * process can measure against the stack its parent started. No heavy imports here.
 */
import { getAddress, type Address, type Chain } from 'viem';
import { anvil as anvilChain } from 'viem/chains';

export type StackInfo = {
  readonly rpcUrl: string;
  readonly chainId: number;
  readonly contract: Address;
  readonly deployedBlock: bigint;
  readonly ipfsApiUrl: string;
};

/** viem's anvil chain pointed at this anvil, for clients that send transactions. */
export function anvilChainAt(rpcUrl: string): Chain {
  return { ...anvilChain, rpcUrls: { default: { http: [rpcUrl] } } };
}

export function serializeStackInfo(info: StackInfo): string {
  return JSON.stringify({ ...info, deployedBlock: info.deployedBlock.toString() });
}

export function parseStackInfo(text: string): StackInfo {
  const raw = JSON.parse(text) as Record<string, unknown>;
  const { rpcUrl, chainId, contract, deployedBlock, ipfsApiUrl } = raw;
  if (typeof rpcUrl !== 'string' || typeof chainId !== 'number' || typeof contract !== 'string' || typeof deployedBlock !== 'string' || typeof ipfsApiUrl !== 'string') {
    throw new TypeError('Not a serialized StackInfo.');
  }
  return { rpcUrl, chainId, contract: getAddress(contract), deployedBlock: BigInt(deployedBlock), ipfsApiUrl };
}
