/**
 * bench-results/latest.json: the table's figures plus what is needed to compare two runs honestly
 * (commit, date, machine). `compareResults` lines up two such files row by row.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatNumber, type SectionResult } from './table';

export const RESULTS_SCHEMA_VERSION = 1;

export type MachineInfo = {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryBytes: number;
  readonly node: string;
  readonly platform: string;
};

export type GitInfo = {
  readonly commit: string | null;
  /** Uncommitted changes in the working tree: figures may not belong to `commit` alone. */
  readonly dirty: boolean | null;
};

export type BenchResults = {
  readonly schema: typeof RESULTS_SCHEMA_VERSION;
  readonly date: string;
  readonly git: GitInfo;
  readonly machine: MachineInfo;
  readonly durationSeconds: number;
  readonly sections: readonly SectionResult[];
};

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() || 'unknown',
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.platform()}-${os.arch()}`,
  };
}

export function gitInfo(cwd: string): GitInfo {
  const git = (...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const commit = git('rev-parse', 'HEAD').trim();
    const dirty = git('status', '--porcelain', '--untracked-files=no').trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

export function describeMachine(machine: MachineInfo): string {
  const memoryGiB = machine.memoryBytes / 1024 ** 3;
  return `${machine.cpuModel}, ${machine.cores} cores, ${memoryGiB.toFixed(1)} GiB RAM, Node ${machine.node}, ${machine.platform}`;
}

export function writeResults(file: string, results: BenchResults): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

export function readResults(file: string): BenchResults {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || (parsed as { schema?: unknown }).schema !== RESULTS_SCHEMA_VERSION) {
    throw new Error(`${file} is not a bench results file (schema ${RESULTS_SCHEMA_VERSION}).`);
  }
  return parsed as BenchResults;
}

/**
 * One line per measure present in both runs: before, after and after ÷ before. Absolute figures from
 * different runs are only comparable on the same machine; the ratios inside each run are the robust
 * comparison, so both runs' ratios are shown too.
 */
export function compareResults(before: BenchResults, after: BenchResults): string {
  const index = new Map<string, { value: number | null; ratio: number | null; unit: string }>();
  for (const section of before.sections) {
    for (const row of section.rows) index.set(`${section.name}\u0000${row.measure}`, { value: row.value, ratio: row.ratio ?? null, unit: row.unit });
  }
  const lines: string[] = [
    `before: ${before.git.commit?.slice(0, 10) ?? 'unknown'}${before.git.dirty ? '+dirty' : ''} ${before.date} (${describeMachine(before.machine)})`,
    `after:  ${after.git.commit?.slice(0, 10) ?? 'unknown'}${after.git.dirty ? '+dirty' : ''} ${after.date} (${describeMachine(after.machine)})`,
  ];
  if (describeMachine(before.machine) !== describeMachine(after.machine)) {
    lines.push('Different machines: compare the in-run ratios, not the absolute figures.');
  }
  lines.push('');
  const show = (n: number | null) => (n === null ? 'n/a' : formatNumber(n));
  for (const section of after.sections) {
    for (const row of section.rows) {
      const old = index.get(`${section.name}\u0000${row.measure}`);
      if (!old) continue;
      const change = old.value !== null && row.value !== null && old.value !== 0 ? `${formatNumber(row.value / old.value)}×` : 'n/a';
      const ratios = old.ratio !== null || (row.ratio ?? null) !== null ? `  (in-run ratio ${show(old.ratio)} → ${show(row.ratio ?? null)})` : '';
      lines.push(`[${section.name}] ${row.measure}: ${show(old.value)} → ${show(row.value)} ${row.unit} (${change})${ratios}`);
    }
  }
  return lines.join('\n');
}
