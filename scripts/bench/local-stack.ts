/**
 * The local stack the bench measures against, started through the project's own helpers: anvil
 * (`startAnvil`, a free port), the consent contract (`deployConsent`) and the embedded IPFS node
 * (`startEmbeddedIpfs`, in this process, repo in a throw-away directory). Ports are picked by the OS,
 * so a running demo (3000, 5001, 8545) or e2e stack is never disturbed.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { DEMO_ACCOUNTS } from '@/lib/wallet/demo-accounts';
import { deployConsent } from '@/scripts/deploy';
import { startAnvil } from '@/scripts/lib/anvil';
import { startEmbeddedIpfs } from '@/scripts/lib/embedded-ipfs';
import { SCRATCH_DIR } from './paths';
import type { StackInfo } from './stack-info';

export type LocalStack = StackInfo & {
  /** Stops IPFS and anvil and deletes the IPFS repo; safe to call more than once. */
  stop(): Promise<void>;
};

export async function startLocalStack(): Promise<LocalStack> {
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of stoppers.splice(0).reverse()) await stopOne().catch(() => undefined);
  };
  try {
    const anvil = await startAnvil({ quiet: true });
    stoppers.push(anvil.stop);
    const deployment = await deployConsent({ rpcUrl: anvil.rpcUrl, privateKey: DEMO_ACCOUNTS.deployer.privateKey });

    const repoDir = path.join(SCRATCH_DIR, `ipfs-${process.pid}`);
    rmSync(repoDir, { recursive: true, force: true });
    stoppers.push(async () => rmSync(repoDir, { recursive: true, force: true }));
    const ipfs = await startEmbeddedIpfs({ port: 0, repoDir, quiet: true });
    stoppers.push(ipfs.stop);

    return {
      rpcUrl: anvil.rpcUrl,
      chainId: anvil.chainId,
      contract: deployment.address,
      deployedBlock: deployment.deployedBlock,
      ipfsApiUrl: ipfs.apiUrl,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
