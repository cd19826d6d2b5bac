import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Address, Hex } from 'viem';
import { REPO_ROOT } from './solc';

/**
 * anvil's first ten accounts from its default mnemonic ("test test … junk"). These keys are public,
 * well-known development keys: never use them on a real network.
 */
export const ANVIL_ACCOUNTS = [
  { address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', privateKey: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' },
  { address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', privateKey: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d' },
  { address: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', privateKey: '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a' },
  { address: '0x90F79bf6EB2c4f870365E785982E1f101E93b906', privateKey: '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6' },
  { address: '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65', privateKey: '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a' },
  { address: '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc', privateKey: '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba' },
  { address: '0x976EA74026E726554dB657fA54763abd0C3a0aa9', privateKey: '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e' },
  { address: '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955', privateKey: '0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356' },
  { address: '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f', privateKey: '0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97' },
  { address: '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720', privateKey: '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6' },
] as const satisfies readonly { address: Address; privateKey: Hex }[];

export const ANVIL_CHAIN_ID = 31337;

export type RunningAnvil = {
  readonly rpcUrl: string;
  readonly chainId: number;
  /** Stops anvil and waits for it to exit. Safe to call more than once. */
  readonly stop: () => Promise<void>;
};

/** anvil could not be started or did not become ready. */
export class AnvilStartError extends Error {
  readonly code: string = 'anvil.start-failed';
  override name = 'AnvilStartError';
}

/** anvil refused to start because it could not read the state file it was given. */
export class AnvilStateUnreadableError extends AnvilStartError {
  override readonly code = 'anvil.state-unreadable';
  override name = 'AnvilStateUnreadableError';
}

/** Where anvil keeps its chain between runs (`--state`), see `startAnvil`. */
export type AnvilStateOptions = {
  /** JSON file anvil loads at start when it exists, and writes when it stops. */
  readonly file: string;
  /** Also write the file every this many seconds, so a crash or SIGKILL loses at most that much. */
  readonly intervalSeconds?: number;
};

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const KILL_WAIT_MS = 2_000;
const GROUP_POLL_MS = 25;

/**
 * Starts a local anvil chain (chain id 31337, default accounts) and resolves once it answers
 * `eth_chainId`. Without `port`, anvil picks a free port itself (`--port 0`) and we read it from its
 * "Listening on" line, so parallel test files never race for a port.
 *
 * With `state`, the chain is loaded from and saved to a file (anvil's `--state`), so it survives a
 * restart; a file anvil cannot read rejects with `AnvilStateUnreadableError`. Without it, every start
 * is a fresh chain.
 *
 * anvil is started in its own process group: `node_modules/.bin/anvil` is a Node wrapper that spawns the
 * native binary, and signalling the group on stop ends both, never leaving an orphaned chain behind.
 */
export async function startAnvil(
  opts: { port?: number; quiet?: boolean; accounts?: number; state?: AnvilStateOptions } = {},
): Promise<RunningAnvil> {
  const quiet = opts.quiet ?? true;
  const bin = path.join(REPO_ROOT, 'node_modules', '.bin', 'anvil');
  const args = ['--host', '127.0.0.1', '--port', String(opts.port ?? 0), '--chain-id', String(ANVIL_CHAIN_ID), '--accounts', String(opts.accounts ?? 10)];
  if (opts.state) {
    args.push('--state', opts.state.file);
    if (opts.state.intervalSeconds !== undefined) args.push('--state-interval', String(opts.state.intervalSeconds));
  }
  const child = spawn(bin, args, { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });

  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stopGroup = async (pid: number) => {
    signalGroup(pid, 'SIGTERM');
    // The wrapper exits as soon as it has passed the signal on, while the native anvil may still be
    // writing its state file: wait until the whole group is gone, so a restart reads a complete file.
    if (!(await waitForGroupExit(pid, exit, STOP_GRACE_MS))) {
      signalGroup(pid, 'SIGKILL');
      await waitForGroupExit(pid, exit, KILL_WAIT_MS);
    }
  };
  // Every caller waits for the same stop, so none returns while the chain is still shutting down.
  let stopping: Promise<void> | undefined;
  const stop = () => {
    if (child.pid === undefined) return Promise.resolve();
    stopping ??= stopGroup(child.pid);
    return stopping;
  };

  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new AnvilStartError(`anvil did not start within ${READY_TIMEOUT_MS / 1000}s.\n${output}`)),
      READY_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      if (!quiet) process.stdout.write(text);
      const match = /Listening on [\d.]+:(\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new AnvilStartError(`Could not run ${bin}: ${error.message}`, { cause: error }));
    });
    // 'close', not 'exit': only then has all of its output (the reason it stopped) been read.
    child.once('close', (code) => {
      clearTimeout(timer);
      const message = `anvil exited (code ${code}) before it was ready.\n${output}`;
      // anvil checks its arguments before anything else, and names the flag whose value it refused.
      const stateRefused = opts.state !== undefined && /'--state <PATH>'/.test(output);
      reject(stateRefused ? new AnvilStateUnreadableError(message) : new AnvilStartError(message));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });

  const rpcUrl = `http://127.0.0.1:${port}`;
  try {
    const chainId = await waitForChainId(rpcUrl);
    if (chainId !== ANVIL_CHAIN_ID) throw new AnvilStartError(`anvil reported chain id ${chainId}, expected ${ANVIL_CHAIN_ID}.`);
    return { rpcUrl, chainId, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** True once the wrapper has exited and no process is left in its group; false after `timeoutMs`. */
async function waitForGroupExit(pid: number, wrapperExit: Promise<void>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const wrapperGone = await Promise.race([
    wrapperExit.then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (!wrapperGone) return false;
  while (groupAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(GROUP_POLL_MS);
  }
  return true;
}

/** True while a process of the group still runs; one that has exited but is not yet reaped does not count. */
function groupAlive(pgid: number): boolean {
  const states = groupStatesFromProc(pgid);
  // Where PID 1 reaps orphans only now and then (some containers), the exited native anvil lingers
  // as a zombie for a second or more; it has already written its state, so it must not hold us up.
  if (states) return states.some((state) => state !== 'Z' && state !== 'X');
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    // EPERM means a process exists that we may not signal: still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Linux: the state letter of each process in the group, read from /proc; undefined without /proc. */
function groupStatesFromProc(pgid: number): string[] | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const states: string[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces or parentheses, so read after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state && Number(pgrp) === pgid) states.push(state);
  }
  return states;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

async function waitForChainId(rpcUrl: string): Promise<number> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      });
      const body = (await response.json()) as { result?: string };
      if (typeof body.result === 'string') return Number.parseInt(body.result, 16);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new AnvilStartError(`anvil at ${rpcUrl} did not answer eth_chainId in time.`, { cause: lastError });
}
