import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RESULTS_SCHEMA_VERSION, compareResults, describeMachine, gitInfo, machineInfo, readResults, writeResults, type BenchResults } from './results';

const machine = { cpuModel: 'Test CPU', cores: 2, memoryBytes: 4 * 1024 ** 3, node: 'v20.20.2', platform: 'linux-x64' };

function results(overrides: Partial<BenchResults>): BenchResults {
  return {
    schema: RESULTS_SCHEMA_VERSION,
    date: '2026-01-01T00:00:00.000Z',
    git: { commit: 'a'.repeat(40), dirty: false },
    machine,
    durationSeconds: 1,
    sections: [],
    ...overrides,
  };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-results-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('results files', () => {
  it('round-trip through disk', () => {
    const file = path.join(dir, 'nested', 'latest.json');
    const written = results({ sections: [{ name: 'Gas', rows: [{ measure: 'add record', value: 70_000, unit: 'gas', ratio: 1.4 }], notes: [] }] });
    writeResults(file, written);
    expect(readResults(file)).toEqual(written);
  });

  it('refuses a file that is not a results file', () => {
    const file = path.join(dir, 'other.json');
    writeFileSync(file, '{"rows":[]}');
    expect(() => readResults(file)).toThrow(/not a bench results file/);
  });

  it('describes this machine with what a comparison needs', () => {
    const info = machineInfo();
    expect(info.cores).toBeGreaterThan(0);
    expect(info.memoryBytes).toBeGreaterThan(0);
    expect(info.node).toBe(process.version);
    expect(describeMachine(machine)).toBe('Test CPU, 2 cores, 4.0 GiB RAM, Node v20.20.2, linux-x64');
  });

  it('reads the commit from git, or says it does not know', () => {
    expect(gitInfo(process.cwd()).commit).toMatch(/^[0-9a-f]{40}$/);
    expect(gitInfo(dir)).toEqual({ commit: null, dirty: null });
  });
});

describe('compareResults', () => {
  const before = results({
    sections: [{ name: 'Encryption', rows: [{ measure: 'encrypt 10 MB', value: 50, unit: 'MB/s', ratio: 0.8 }, { measure: 'gone', value: 1, unit: 'ms' }], notes: [] }],
  });
  const after = results({
    git: { commit: 'b'.repeat(40), dirty: true },
    sections: [{ name: 'Encryption', rows: [{ measure: 'encrypt 10 MB', value: 60, unit: 'MB/s', ratio: 0.9 }, { measure: 'new', value: 2, unit: 'ms' }], notes: [] }],
  });

  it('lines up the measures both runs have, with the change and both in-run ratios', () => {
    const text = compareResults(before, after);
    expect(text).toContain('[Encryption] encrypt 10 MB: 50.0 → 60.0 MB/s (1.20×)  (in-run ratio 0.80 → 0.90)');
    expect(text).not.toContain('gone');
    expect(text).not.toContain('new:');
    expect(text).toContain('bbbbbbbbbb+dirty');
  });

  it('warns when the runs come from different machines', () => {
    const elsewhere = results({ machine: { ...machine, cores: 8 } });
    expect(compareResults(before, elsewhere)).toContain('Different machines');
    expect(compareResults(before, after)).not.toContain('Different machines');
  });
});
