import { describe, expect, it } from 'vitest';
import { formatNumber, formatTable, formatTarget, meetsTarget, type BenchRow, type SectionResult } from './table';

const row = (overrides: Partial<BenchRow>): BenchRow => ({ measure: 'm', value: 1, unit: 'ms', ...overrides });

describe('meetsTarget', () => {
  it('checks the value or the ratio, as the target says', () => {
    expect(meetsTarget(row({ value: 40, target: { on: 'value', op: '<', limit: 64 } }))).toBe(true);
    expect(meetsTarget(row({ value: 64, target: { on: 'value', op: '<', limit: 64 } }))).toBe(false);
    expect(meetsTarget(row({ ratio: 1.3, target: { on: 'ratio', op: '<=', limit: 1.3 } }))).toBe(true);
    expect(meetsTarget(row({ ratio: 0.99, target: { on: 'ratio', op: '>=', limit: 1 } }))).toBe(false);
    expect(meetsTarget(row({ value: 2, target: { on: 'value', op: '>', limit: 1 } }))).toBe(true);
  });

  it('is null without a target or without the figure it applies to', () => {
    expect(meetsTarget(row({}))).toBeNull();
    expect(meetsTarget(row({ ratio: null, target: { on: 'ratio', op: '<=', limit: 1 } }))).toBeNull();
    expect(meetsTarget(row({ value: null, target: { on: 'value', op: '<', limit: 1 } }))).toBeNull();
  });
});

describe('formatting', () => {
  it('prints about three significant figures', () => {
    expect(formatNumber(1234)).toBe('1234');
    expect(formatNumber(123.456)).toBe('123');
    expect(formatNumber(12.345)).toBe('12.3');
    expect(formatNumber(1.2345)).toBe('1.23');
    expect(formatNumber(0.012345)).toBe('0.012');
    expect(formatNumber(0)).toBe('0.00');
  });

  it('prints targets with their comparison', () => {
    expect(formatTarget({ on: 'ratio', op: '<=', limit: 1.3 })).toBe('ratio ≤ 1.30');
    expect(formatTarget({ on: 'value', op: '<', limit: 64 })).toBe('< 64.0');
    expect(formatTarget(undefined)).toBe('');
  });
});

describe('formatTable', () => {
  const sections: SectionResult[] = [
    {
      name: 'Encryption',
      rows: [
        { measure: 'encrypt 100 MB, envelope chunk API', value: 63.6, unit: 'MB/s', baseline: 'secretbox one-shot 63.0 MB/s', ratio: 1.0095, target: { on: 'ratio', op: '>=', limit: 1 } },
        { measure: 'peak RSS growth', value: 80, unit: 'MB', target: { on: 'value', op: '<', limit: 64 } },
      ],
      notes: ['random input'],
    },
    { name: 'Gas', rows: [], notes: [], error: 'anvil did not start' },
  ];
  const text = formatTable(sections);
  const lines = text.split('\n');

  it('shows every section, row, ratio and whether each target is met', () => {
    expect(text).toContain('[Encryption]');
    expect(text).toContain('[Gas]');
    expect(text).toContain('1.01×');
    expect(lines.find((l) => l.startsWith('encrypt 100 MB'))).toMatch(/yes$/);
    expect(lines.find((l) => l.startsWith('peak RSS growth'))).toMatch(/NO$/);
  });

  it('reports a failed section instead of hiding it', () => {
    expect(text).toContain('FAILED: anvil did not start');
  });

  it('aligns columns: every value column starts at the same offset', () => {
    const header = lines[0]!;
    const medianEnd = header.indexOf('Median') + 'Median'.length;
    for (const line of lines.filter((l) => l.startsWith('encrypt') || l.startsWith('peak'))) {
      expect(line.slice(0, medianEnd).trimEnd()).toMatch(/\d$/);
    }
  });

  it('lists the notes after the table, labelled by section', () => {
    expect(lines.at(-1)).toBe('- Encryption: random input');
  });
});
