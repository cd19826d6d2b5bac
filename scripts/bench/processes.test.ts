import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, runToCompletion, startProcess, stopAllProcesses, waitForHttp } from './processes';

/** Running, i.e. exists and is not a zombie (an orphan killed in a container may wait unreaped). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('tracked processes', () => {
  it('stop() ends the process and everything it started', async () => {
    // The shell prints its background child's PID, then waits: stopping the shell must end the child too.
    const shell = startProcess('sleeper', 'sh', ['-c', 'sleep 60 & echo $!; wait']);
    let childPid: number | undefined;
    for (let i = 0; i < 50 && childPid === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const printed = Number.parseInt(shell.output().trim(), 10);
      if (Number.isInteger(printed)) childPid = printed;
    }
    expect(childPid).toBeDefined();
    expect(isAlive(childPid!)).toBe(true);
    await shell.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(isAlive(shell.pid)).toBe(false);
    expect(isAlive(childPid!)).toBe(false);
    await shell.stop(); // idempotent
  });

  it('stopAllProcesses() stops whatever is still running', async () => {
    const a = startProcess('a', 'sleep', ['60']);
    const b = startProcess('b', 'sleep', ['60']);
    await stopAllProcesses();
    expect(await a.exited).toBeNull();
    expect(await b.exited).toBeNull();
  });

  it('runToCompletion returns output, and fails with the output tail on a non-zero exit', async () => {
    expect(await runToCompletion('echo', 'sh', ['-c', 'echo hello'])).toBe('hello\n');
    await expect(runToCompletion('failing', 'sh', ['-c', 'echo why >&2; exit 3'])).rejects.toThrow(/failing failed \(exit code 3\):\nwhy/);
  });
});

describe('ports and readiness', () => {
  it('freePort gives a port that can be listened on', async () => {
    const port = await freePort();
    const server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    expect((server.address() as AddressInfo).port).toBe(port);
    await waitForHttp(`http://127.0.0.1:${port}/`, 5_000);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('waitForHttp gives up early when the server process exits', async () => {
    const port = await freePort();
    const dying = startProcess('dying server', 'sh', ['-c', 'echo cannot bind; exit 1']);
    await expect(waitForHttp(`http://127.0.0.1:${port}/`, 10_000, dying)).rejects.toThrow(/dying server exited.*\n.*cannot bind/);
  });

  it('waitForHttp times out when nothing answers', async () => {
    const port = await freePort();
    await expect(waitForHttp(`http://127.0.0.1:${port}/`, 500)).rejects.toThrow(/did not answer within 0.5 s/);
  });
});
