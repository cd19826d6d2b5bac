import type { Address } from 'viem';
import { deployments } from '@/contracts-abi/deployments';

export type ConsentDeployment = { readonly address: Address; readonly deployedBlock: bigint };

/**
 * The ChartkeyConsent deployment recorded for a chain by `scripts/deploy.ts`, or undefined when the
 * contract has not been deployed there. `deployedBlock` is where log scans start.
 */
export function deploymentFor(chainId: number): ConsentDeployment | undefined {
  // Widened from the literal `as const` shape so any chain id can be looked up.
  const byChain: Readonly<Record<number, { readonly ChartkeyConsent?: ConsentDeployment } | undefined>> = deployments;
  const entry = byChain[chainId]?.ChartkeyConsent;
  return entry ? { address: entry.address, deployedBlock: entry.deployedBlock } : undefined;
}
