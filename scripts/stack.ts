/**
 * Starts the whole local stack: anvil, the consent contract, the IPFS node and the production
 * Next.js server. Used by `npm run demo` (default ports) and by Playwright (`--e2e`, test ports and
 * throw-away state). Every child is stopped by PID when this process gets SIGINT/SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { E2E_PORTS } from '../e2e/ports';
import { DEMO_ACCOUNTS } from '../lib/wallet/demo-accounts';
import { deployConsent } from './deploy';
import { startAnvil } from './lib/anvil';
import { startEmbeddedIpfs } from './lib/embedded-ipfs';

type Stoppable = { name: string; stop: () => Promise<void> };

const root = path.resolve(__dirname, '..');
const e2e = process.argv.includes('--e2e');
const ports = e2e ? E2E_PORTS : { anvil: Number(process.env.ANVIL_PORT ?? 8545), ipfs: Number(process.env.IPFS_PORT ?? 5001), web: Number(process.env.PORT ?? 3000) };
const stateDir = path.join(root, '.chartkey', e2e ? 'e2e' : 'demo');

const running: Stoppable[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const service of running.reverse()) {
      await service.stop().catch((error: unknown) => console.error(`Could not stop ${service.name}:`, error));
    }
  }
  process.exit(code);
}

function startWeb(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  if (!existsSync(path.join(root, process.env.NEXT_DIST_DIR ?? '.next', 'BUILD_ID'))) {
    throw new Error('No production build found. Run `npm run build` first (npm run demo does this for you).');
  }
  const child = spawn(path.join(root, 'node_modules', '.bin', 'next'), ['start', '--port', String(ports.web), '--hostname', '127.0.0.1'], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  running.push({
    name: 'web server',
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  });
  child.once('exit', (code) => {
    if (!stopping) {
      console.error(`The web server stopped unexpectedly (exit code ${code}).`);
      void stopAll(1);
    }
  });
  return waitForHttp(`http://127.0.0.1:${ports.web}/api/health`, 90_000).then(() => child);
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s.`);
}

async function main() {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  if (e2e) rmSync(stateDir, { recursive: true, force: true });

  // End-to-end specs each take fresh, unlocked development accounts, so they never share state.
  const anvil = await startAnvil({ port: ports.anvil, quiet: true, accounts: e2e ? 40 : 10 });
  running.push({ name: 'anvil', stop: anvil.stop });
  const deployment = await deployConsent({ rpcUrl: anvil.rpcUrl, privateKey: DEMO_ACCOUNTS.deployer.privateKey, writeDeployments: !e2e });

  let ipfsApiUrl = process.env.IPFS_API_URL;
  if (!ipfsApiUrl) {
    const ipfs = await startEmbeddedIpfs({ port: ports.ipfs, repoDir: path.join(stateDir, 'ipfs'), quiet: true });
    running.push({ name: 'IPFS node', stop: ipfs.stop });
    ipfsApiUrl = ipfs.apiUrl;
  }

  await startWeb({
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    CHAIN_ID: String(anvil.chainId),
    RPC_URL: anvil.rpcUrl,
    IPFS_API_URL: ipfsApiUrl,
    CONSENT_CONTRACT_ADDRESS: deployment.address,
    CONSENT_DEPLOYED_BLOCK: deployment.deployedBlock.toString(),
  });

  const url = `http://127.0.0.1:${ports.web}`;
  console.log(
    [
      '',
      'Chartkey is running.',
      `  App:        ${url}`,
      `  Chain:      ${anvil.rpcUrl} (chain id ${anvil.chainId}), consent contract ${deployment.address}`,
      `  IPFS API:   ${ipfsApiUrl}${process.env.IPFS_API_URL ? '' : ' (embedded Helia node)'}`,
      '',
      'Demo accounts (public development keys, local chain only). In the app, choose them under',
      '"Demo accounts" in the wallet list, or import a key into MetaMask:',
      ...(['patient', 'clinician', 'secondClinician', 'deployer'] as const).map(
        (role) => `  ${DEMO_ACCOUNTS[role].label.padEnd(22)} ${DEMO_ACCOUNTS[role].address}  key ${DEMO_ACCOUNTS[role].privateKey}`,
      ),
      '',
      `Open ${url}/patient in one browser profile and ${url}/clinician in another. Press Ctrl+C to stop.`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  void stopAll(1);
});
