/**
 * Starts the whole local stack: anvil, the consent contract, the IPFS node and the production
 * Next.js server. Used by `npm run demo` (default ports; chain and IPFS data kept in .chartkey/demo
 * between runs, `--fresh` deletes them first) and by Playwright (`--e2e`, test ports and throw-away
 * state). Every child is stopped by PID when this process gets SIGINT/SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { DEMO_ACCOUNTS } from '../lib/wallet/demo-accounts';
import { deployConsent } from './deploy';
import { startAnvil, type RunningAnvil } from './lib/anvil';
import { startDemoChain, type DemoChainStart } from './lib/demo-chain';
import { startEmbeddedIpfs } from './lib/embedded-ipfs';
import { DEMO_PORT_VARIABLES, E2E_PORT_VARIABLES, portsFromEnv } from './lib/ports';

type Stoppable = { name: string; stop: () => Promise<void> };

const root = path.resolve(__dirname, '..');
const e2e = process.argv.includes('--e2e');
const fresh = process.argv.includes('--fresh');
// Read in main() so a bad value is reported like any other start-up error (e2e/ports.ts reads the same variables).
let ports: { anvil: number; ipfs: number; web: number };
const RESET_HINT = 'npm run demo -- --fresh';
/** anvil also saves the demo chain this often while running, so a crash loses at most these seconds. */
const DEMO_SAVE_INTERVAL_SECONDS = 5;

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

  ports = portsFromEnv(process.env, e2e ? E2E_PORT_VARIABLES : DEMO_PORT_VARIABLES);
  // End-to-end state is per IPFS port, which no two running stacks can share, so runs on different
  // ports in one checkout never wipe each other's data.
  const dir = path.join(root, '.chartkey', ...(e2e ? ['e2e', String(ports.ipfs)] : ['demo']));
  if (fresh && !e2e) await refuseIfInUse(ports.anvil, 'delete the demo data');
  if (e2e || fresh) rmSync(dir, { recursive: true, force: true });
  if (fresh && !e2e) console.log(`Starting over (--fresh): deleted the demo's chain and IPFS data in ${path.relative(root, dir)}.`);

  let anvil: RunningAnvil;
  let deployment: { address: `0x${string}`; deployedBlock: bigint };
  let chainStart: DemoChainStart | undefined;
  if (e2e) {
    // End-to-end specs each take fresh, unlocked development accounts, so they never share state.
    anvil = await startAnvil({ port: ports.anvil, quiet: true, accounts: 40 });
    running.push({ name: 'anvil', stop: anvil.stop });
    deployment = await deployConsent({ rpcUrl: anvil.rpcUrl, privateKey: DEMO_ACCOUNTS.deployer.privateKey });
  } else {
    const chain = await startDemoChain({
      stateDir: dir,
      deployerKey: DEMO_ACCOUNTS.deployer.privateKey,
      port: ports.anvil,
      accounts: 10,
      saveIntervalSeconds: DEMO_SAVE_INTERVAL_SECONDS,
    });
    ({ anvil, deployment } = chain);
    chainStart = chain.start;
    running.push({ name: 'anvil', stop: anvil.stop });
  }

  let ipfsApiUrl = process.env.IPFS_API_URL;
  if (!ipfsApiUrl) {
    const ipfs = await startEmbeddedIpfs({ port: ports.ipfs, repoDir: path.join(dir, 'ipfs'), quiet: true });
    running.push({ name: 'IPFS node', stop: ipfs.stop });
    ipfsApiUrl = ipfs.apiUrl;
  }

  await startWeb({
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    CHAIN_ID: String(anvil.chainId),
    RPC_URL: anvil.rpcUrl,
    IPFS_API_URL: ipfsApiUrl,
    // Tombstones of removed files live with the stack's other data, so a fresh stack forgets them too.
    STORAGE_LEDGER_DIR: process.env.STORAGE_LEDGER_DIR || path.join(dir, 'storage-ledger'),
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
      ...(chainStart ? ['', ...demoStateLines(chainStart, path.relative(root, dir))] : []),
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

/**
 * Deleting the demo's data while another demo still runs from it would lose it and then fail on the
 * busy port anyway, so check the port first.
 */
async function refuseIfInUse(port: number, action: string): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
  if (!free) throw new Error(`Port ${port} is in use (another demo still running?). Stop it first; did not ${action}.`);
}

/** Whether this demo carries on from the last one, and how to start over. */
function demoStateLines(start: DemoChainStart, dir: string): string[] {
  const kept = process.env.IPFS_API_URL ? `The chain is kept in ${dir}` : `The chain and the IPFS data are kept in ${dir}`;
  if (start.kind === 'resumed') {
    return [`Resumed the demo chain from ${dir} (${start.blocks} blocks).`, `${kept} between runs; start over with: ${RESET_HINT}`];
  }
  return [
    `Started a fresh demo chain. ${kept} between runs (saved every ${DEMO_SAVE_INTERVAL_SECONDS} s and on Ctrl+C);`,
    `start over with: ${RESET_HINT}`,
    // Repeated here because the warning printed at start-up has scrolled away behind the server's output.
    ...(start.setAside ? [`The previous demo could not be resumed and was kept in ${path.relative(root, start.setAside.movedTo)}.`] : []),
  ];
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  void stopAll(1);
});
