import type { Address, Hex } from 'viem';

/**
 * Whether `npm run demo` may carry on with the chain it saved last time. Pure: the stack gathers the
 * facts (scripts/lib/demo-chain.ts) and acts on the plan.
 */

export type RecordedDeployment = { readonly address: Address; readonly deployedBlock: bigint };

/** What the saved chain turned out to be when anvil was started from it. */
export type SavedChain =
  | { readonly kind: 'none' }
  /** anvil refused the file (cut short by a crash, or written by an incompatible anvil). */
  | { readonly kind: 'unreadable' }
  | {
      readonly kind: 'loaded';
      /** The latest block number of the loaded chain. */
      readonly blocks: bigint;
      /** The consent deployment recorded for the local chain in contracts-abi/deployments.ts. */
      readonly recorded: RecordedDeployment | undefined;
      /** Runtime code at the recorded address (`0x` or undefined when there is none). */
      readonly code: Hex | undefined;
      /** Runtime code the current contracts-abi artifact deploys. */
      readonly expectedCode: Hex;
    };

export type SetAsideReason = 'unreadable' | 'no-deployment-recorded' | 'contract-missing' | 'contract-outdated';

export type DemoChainPlan =
  | { readonly action: 'deploy' }
  | { readonly action: 'resume'; readonly deployment: RecordedDeployment; readonly blocks: bigint }
  /** Keep the old chain (and its IPFS data) somewhere else, then start fresh and deploy. */
  | { readonly action: 'set-aside'; readonly reason: SetAsideReason };

export function planDemoChain(saved: SavedChain): DemoChainPlan {
  if (saved.kind === 'none') return { action: 'deploy' };
  if (saved.kind === 'unreadable') return { action: 'set-aside', reason: 'unreadable' };
  // Saved before anything was mined: nothing to keep, and deploying lands where a fresh chain would.
  if (saved.blocks === 0n) return { action: 'deploy' };
  if (!saved.recorded) return { action: 'set-aside', reason: 'no-deployment-recorded' };
  if (!saved.code || saved.code === '0x') return { action: 'set-aside', reason: 'contract-missing' };
  // A different compiler output (any source change moves the metadata hash) means records, grants and
  // events were written by another version of the contract than the app now speaks to.
  if (saved.code.toLowerCase() !== saved.expectedCode.toLowerCase()) return { action: 'set-aside', reason: 'contract-outdated' };
  return { action: 'resume', deployment: saved.recorded, blocks: saved.blocks };
}

/** One plain sentence for the console on why the saved chain is not used. */
export function describeSetAside(reason: SetAsideReason, recorded: RecordedDeployment | undefined): string {
  switch (reason) {
    case 'unreadable':
      return 'could not be read by anvil (the file is damaged, e.g. cut short by a crash, or from an incompatible anvil version)';
    case 'no-deployment-recorded':
      return 'cannot be matched to a consent contract: contracts-abi/deployments.ts records none for the local chain (31337)';
    case 'contract-missing':
      return `has no consent contract at ${recorded?.address ?? 'the recorded address'}, where contracts-abi/deployments.ts says it is`;
    case 'contract-outdated':
      return 'holds an older version of the consent contract (its code differs from contracts-abi/ChartkeyConsent.ts)';
  }
}

/** `<dir>-<UTC time>.bak`, a name that sorts by age and never reuses an earlier one (see `taken`). */
export function setAsideName(dir: string, now: Date, taken: (candidate: string) => boolean): string {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  let candidate = `${dir}-${stamp}.bak`;
  for (let n = 2; taken(candidate); n++) candidate = `${dir}-${stamp}-${n}.bak`;
  return candidate;
}
