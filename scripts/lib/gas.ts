import type { TransactionReceipt } from 'viem';

/** Gas one transaction used, labelled for a report (e.g. "grantAccess"). */
export type GasMeasurement = { readonly label: string; readonly gasUsed: bigint };

/**
 * Collects gasUsed from mined receipts and renders them as a stable, aligned table. Gas (not time) is
 * what a consent transaction costs users, and it is deterministic for a given contract and input, so
 * later benchmarks can compare runs line by line.
 */
export class GasRecorder {
  readonly #measurements: GasMeasurement[] = [];

  record(label: string, receipt: Pick<TransactionReceipt, 'gasUsed'>): GasMeasurement {
    const measurement = { label, gasUsed: receipt.gasUsed };
    this.#measurements.push(measurement);
    return measurement;
  }

  get measurements(): readonly GasMeasurement[] {
    return this.#measurements;
  }

  report(title = 'Gas used'): string {
    return formatGasReport(title, this.#measurements);
  }
}

export function formatGasReport(title: string, measurements: readonly GasMeasurement[]): string {
  const width = Math.max(0, ...measurements.map((m) => m.label.length));
  const rows = measurements.map((m) => `  ${m.label.padEnd(width)}  ${m.gasUsed.toString().padStart(9)}`);
  return [title, ...rows].join('\n');
}
