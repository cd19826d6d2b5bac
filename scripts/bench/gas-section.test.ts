import { describe, expect, it } from 'vitest';
import { gasRowsToBenchRows } from './gas-section';

describe('gasRowsToBenchRows', () => {
  it('keeps gasUsed, floor and ratio, and leaves the baseline empty when there is no floor', () => {
    const rows = gasRowsToBenchRows([
      { operation: 'add record', gasUsed: 70_000, floor: 50_000, ratio: 1.4, records: 1, note: '' },
      { operation: 'revoke all', gasUsed: 30_000, floor: null, ratio: null, records: 10, note: '' },
    ]);
    expect(rows).toEqual([
      { measure: 'add record', value: 70_000, unit: 'gas', baseline: 'floor 50000', ratio: 1.4 },
      { measure: 'revoke all', value: 30_000, unit: 'gas', ratio: null },
    ]);
  });
});
