import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnvilStateUnreadableError, startAnvil } from './anvil';

const dir = mkdtempSync(path.join(tmpdir(), 'chartkey-anvil-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rpc(rpcUrl: string, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return ((await response.json()) as { result?: unknown }).result;
}

const CONTRACTS = 600;
const contractAddress = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;

/** PIDs of live (not exited) processes whose command line contains `argument`; none known without /proc (Linux only). */
function runningWithArgument(argument: string): number[] {
  const pids: number[] = [];
  if (!existsSync('/proc')) return pids;
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (state !== 'Z' && readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(argument)) pids.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return pids;
}

describe('startAnvil with a state file', () => {
  it('returns from stop only once anvil has written the whole state, which the next start loads', async () => {
    const file = path.join(dir, 'chain.json');
    const anvil = await startAnvil({ state: { file } });
    // Enough state (about 30 MB of contract code) that writing it takes a while, so stopping too early shows.
    const code = `0x${'5b'.repeat(24_000)}`;
    await Promise.all(
      Array.from({ length: CONTRACTS }, (_, i) => rpc(anvil.rpcUrl, 'anvil_setCode', [contractAddress(i + 1), code])),
    );
    await rpc(anvil.rpcUrl, 'evm_mine');
    await rpc(anvil.rpcUrl, 'evm_mine');
    await anvil.stop();
    // The wrapper exits first; only the native anvil's exit says the file is complete (seen through
    // /proc on Linux; elsewhere only the reload below checks the file).
    expect(runningWithArgument(file)).toEqual([]);

    expect(existsSync(file)).toBe(true);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { best_block_number?: string | number };
    expect(Number(saved.best_block_number)).toBe(2);

    const again = await startAnvil({ state: { file } });
    expect(await rpc(again.rpcUrl, 'eth_blockNumber')).toBe('0x2');
    expect(await rpc(again.rpcUrl, 'eth_getCode', [contractAddress(CONTRACTS), 'latest'])).toBe(code);
    await again.stop();
  });

  it('reports a file anvil cannot read as AnvilStateUnreadableError', async () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{"block": ');
    await expect(startAnvil({ state: { file } })).rejects.toThrow(AnvilStateUnreadableError);
  });
});
