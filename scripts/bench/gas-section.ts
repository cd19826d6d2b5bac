/**
 * Section 4: gas of the consent contract's everyday transactions. The measurement itself is
 * scripts/bench/gas.ts (`measureGas`, owned by the contracts work, which starts its own anvil); this
 * maps its rows into the bench's table.
 */
import { measureGas, type GasRow } from './gas';
import type { BenchRow, SectionResult } from './table';

export function gasRowsToBenchRows(rows: readonly GasRow[]): BenchRow[] {
  return rows.map((row) => ({
    measure: row.operation,
    value: row.gasUsed,
    unit: 'gas',
    ...(row.floor === null ? {} : { baseline: `floor ${row.floor}` }),
    ratio: row.ratio,
  }));
}

export async function benchGas(): Promise<SectionResult> {
  const rows = await measureGas();
  return {
    name: 'Gas',
    rows: gasRowsToBenchRows(rows),
    notes: [
      'gasUsed from mined receipts on a fresh anvil (deterministic, one run each); floor = the least any correct consent design must pay for the same effect (see scripts/bench/gas.ts); ratio = gasUsed ÷ floor.',
    ],
  };
}
