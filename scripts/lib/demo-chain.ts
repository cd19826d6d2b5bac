import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { createPublicClient, encodeDeployData, getAddress, http, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { chartkeyConsentAbi, chartkeyConsentBytecode } from '../../contracts-abi/ChartkeyConsent';
import { deploymentFor } from '../../lib/consent/deployments';
import { deployConsent } from '../deploy';
import { ANVIL_CHAIN_ID, AnvilStateUnreadableError, startAnvil, type RunningAnvil } from './anvil';
import { describeSetAside, planDemoChain, setAsideName, type RecordedDeployment, type SavedChain, type SetAsideReason } from './demo-resume';

/** The chain's file inside the demo's state directory (next to the IPFS repo, `ipfs/`). */
export const DEMO_CHAIN_FILE = 'chain.json';

export type DemoChainStart =
  | { readonly kind: 'resumed'; readonly blocks: bigint }
  | { readonly kind: 'fresh'; readonly setAside?: { readonly reason: SetAsideReason; readonly movedTo: string } };

export type DemoChain = {
  readonly anvil: RunningAnvil;
  readonly deployment: RecordedDeployment;
  readonly start: DemoChainStart;
};

/**
 * Starts the demo's anvil from `<stateDir>/chain.json` and reuses the consent contract in it when it
 * is the one recorded in contracts-abi/deployments.ts with the current code; otherwise deploys on a
 * fresh chain. A saved chain that cannot be used is never deleted: the whole state directory (chain
 * and IPFS repo together, so they stay consistent) is renamed to `<stateDir>-<time>.bak` first.
 *
 * Deploying never writes contracts-abi/deployments.ts: on a fresh anvil the contract always lands at
 * the recorded address in block 1, so the tracked file already says the right thing.
 */
export async function startDemoChain(opts: {
  stateDir: string;
  deployerKey: Hex;
  port?: number;
  accounts?: number;
  /** Seconds between anvil's own saves while it runs (it also saves when stopped). */
  saveIntervalSeconds?: number;
  /** Where the contract should be; defaults to what contracts-abi/deployments.ts records for chain 31337. */
  recorded?: RecordedDeployment;
  warn?: (message: string) => void;
  now?: () => Date;
}): Promise<DemoChain> {
  const recorded = opts.recorded ?? deploymentFor(ANVIL_CHAIN_ID);
  const warn = opts.warn ?? ((message: string) => console.warn(message));
  const file = path.join(opts.stateDir, DEMO_CHAIN_FILE);
  const launch = () =>
    startAnvil({ port: opts.port, quiet: true, accounts: opts.accounts, state: { file, intervalSeconds: opts.saveIntervalSeconds } });

  mkdirSync(opts.stateDir, { recursive: true });
  const hadSavedChain = existsSync(file);
  let anvil: RunningAnvil | undefined;
  let saved: SavedChain;
  try {
    anvil = await launch();
    saved = hadSavedChain ? await inspectSavedChain(anvil.rpcUrl, recorded, opts.deployerKey) : { kind: 'none' };
  } catch (error) {
    if (!(error instanceof AnvilStateUnreadableError)) {
      await anvil?.stop();
      throw error;
    }
    saved = { kind: 'unreadable' };
  }

  const plan = planDemoChain(saved);
  if (plan.action === 'resume' && anvil) {
    return { anvil, deployment: plan.deployment, start: { kind: 'resumed', blocks: plan.blocks } };
  }

  let setAside: { reason: SetAsideReason; movedTo: string } | undefined;
  if (plan.action === 'set-aside') {
    // Stopped first: anvil writes its file when it stops, and must not write into the moved directory.
    await anvil?.stop();
    const movedTo = setAsideName(opts.stateDir, (opts.now ?? (() => new Date()))(), existsSync);
    renameSync(opts.stateDir, movedTo);
    mkdirSync(opts.stateDir, { recursive: true });
    setAside = { reason: plan.reason, movedTo };
    warn(
      `The saved demo chain in ${displayPath(opts.stateDir)} ${describeSetAside(plan.reason, recorded)}. ` +
        `Moved it, with its IPFS data, to ${displayPath(movedTo)} and started a fresh demo.`,
    );
    anvil = await launch();
  }
  if (!anvil) throw new Error('anvil is not running.'); // unreachable: every path above started it

  try {
    const deployed = await deployConsent({ rpcUrl: anvil.rpcUrl, privateKey: opts.deployerKey, writeDeployments: false });
    const deployment = { address: deployed.address, deployedBlock: deployed.deployedBlock };
    if (recorded && (getAddress(recorded.address) !== deployment.address || recorded.deployedBlock !== deployment.deployedBlock)) {
      warn(
        `The consent contract landed at ${deployment.address} (block ${deployment.deployedBlock}), not where contracts-abi/deployments.ts ` +
          `records it (${recorded.address}, block ${recorded.deployedBlock}). The app gets the new address for this run, but a ` +
          'restart only resumes a chain whose contract is at the recorded address: restore that file ' +
          '(git checkout contracts-abi/deployments.ts) unless you changed it on purpose.',
      );
    }
    return { anvil, deployment, start: setAside ? { kind: 'fresh', setAside } : { kind: 'fresh' } };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/** Reads what the resume decision needs from a chain anvil has just loaded. */
async function inspectSavedChain(rpcUrl: string, recorded: RecordedDeployment | undefined, deployerKey: Hex): Promise<SavedChain> {
  const client = createPublicClient({ transport: http(rpcUrl) });
  const deployer = privateKeyToAccount(deployerKey).address;
  const [blocks, code, expected] = await Promise.all([
    client.getBlockNumber({ cacheTime: 0 }),
    recorded ? client.getCode({ address: recorded.address }) : Promise.resolve(undefined),
    // Running the artifact's creation code in an eth_call returns the runtime code it would deploy,
    // which is what the saved address must hold; the contract has no immutables, so the constructor
    // arguments do not change it.
    client.call({
      account: deployer,
      data: encodeDeployData({ abi: chartkeyConsentAbi, bytecode: chartkeyConsentBytecode, args: [deployer, deployer] }),
    }),
  ]);
  if (!expected.data) throw new Error('Could not compute the consent contract’s runtime code on the local chain.');
  return { kind: 'loaded', blocks, recorded, code, expectedCode: expected.data };
}

function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative && !relative.startsWith('..') ? relative : absolute;
}
