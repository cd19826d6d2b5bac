/**
 * Child processes the bench starts, each in its own process group so stopping it (by PID, never by
 * name) also ends anything it spawned, such as the `next start` wrapper's server.
 */
import { spawn, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';

export type TrackedProcess = {
  readonly pid: number;
  readonly name: string;
  /** Output so far (stdout and stderr), for error messages. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /**
   * Resolves once stdout and stderr have closed: 'exit' can fire before the last output is read,
   * so whoever needs all of it waits for this (which may be later, while grandchildren hold the pipes).
   */
  readonly outputClosed: Promise<void>;
  /** SIGTERM to the group, SIGKILL after a grace period; safe to call more than once. */
  stop(): Promise<void>;
};

const STOP_GRACE_MS = 5_000;
const MAX_KEPT_OUTPUT = 64 * 1024;
const OUTPUT_CLOSE_WAIT_MS = 2_000;

/** Everything started and not yet stopped, so the runner can stop it all on failure or Ctrl+C. */
const running = new Set<TrackedProcess>();

export function startProcess(name: string, command: string, args: readonly string[], opts: SpawnOptions = {}): TrackedProcess {
  const child = spawn(command, args, { ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`Could not start ${name} (${command}).`);
  const pid = child.pid;
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-MAX_KEPT_OUTPUT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let done = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      done = true;
      resolve(code);
    });
    child.once('error', () => {
      done = true;
      resolve(null);
    });
  });

  const outputClosed = new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.once('error', () => resolve());
  });

  const tracked: TrackedProcess = {
    pid,
    name,
    output: () => output,
    exited,
    outputClosed,
    async stop() {
      running.delete(tracked);
      if (done) return;
      signalGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
      // The group leader may exit before its children; make sure none is left behind.
      signalGroup(pid, 'SIGKILL');
    },
  };
  running.add(tracked);
  return tracked;
}

/** Stops every process started through `startProcess` that is still running. */
export async function stopAllProcesses(): Promise<void> {
  await Promise.allSettled([...running].map((process) => process.stop()));
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Runs a command to completion; rejects with its output's tail when it fails. */
export async function runToCompletion(name: string, command: string, args: readonly string[], opts: SpawnOptions = {}): Promise<string> {
  const child = startProcess(name, command, args, opts);
  const code = await child.exited;
  await child.stop();
  // Bounded, in case something it left running still holds the pipes.
  await Promise.race([child.outputClosed, new Promise((resolve) => setTimeout(resolve, OUTPUT_CLOSE_WAIT_MS).unref())]);
  if (code !== 0) throw new Error(`${name} failed (exit code ${code}):\n${child.output().slice(-4000)}`);
  return child.output();
}

/** A TCP port that was free a moment ago (the OS picks it), for servers that need a port up front. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('No port assigned.'))));
    });
  });
}

/** Resolves once `url` answers 2xx; rejects after `timeoutMs`, or early if `process` exits. */
export async function waitForHttp(url: string, timeoutMs: number, process?: TrackedProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void process?.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${process?.name ?? 'The server'} exited before answering ${url}:\n${process?.output().slice(-4000) ?? ''}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s.`);
}
