/**
 * The bench's one table: every section reports rows of the same shape, so one formatter prints them
 * and the same rows go to bench-results/latest.json. Pure: no I/O here.
 */

/** A target a figure should meet, on the figure itself or on its ratio to the baseline. */
export type Target = {
  readonly on: 'value' | 'ratio';
  readonly op: '<' | '<=' | '>=' | '>';
  readonly limit: number;
};

export type BenchRow = {
  /** What was measured, short enough for one table cell, e.g. "encrypt 100 MB, envelope (chunked)". */
  readonly measure: string;
  /** The median figure; null when it could not be measured (the note says why). */
  readonly value: number | null;
  /** "MB/s", "ms", "MB", "KB", "gas", "requests"… */
  readonly unit: string;
  /** What the ratio compares with, measured in the same run, e.g. "tweetnacl secretbox 61.2 MB/s". */
  readonly baseline?: string;
  /** value ÷ baseline (or the other way round when the row says so), in the same run. */
  readonly ratio?: number | null;
  readonly target?: Target;
  /** Runs the median was taken over. */
  readonly runs?: number;
};

export type SectionResult = {
  readonly name: string;
  readonly rows: readonly BenchRow[];
  /** Things a reader must know to read the rows right (method, definitions, findings). */
  readonly notes: readonly string[];
  /** Set when the section failed; rows measured before the failure are kept. */
  readonly error?: string;
};

/** true / false when the row has a target and the figure it applies to, otherwise null. */
export function meetsTarget(row: BenchRow): boolean | null {
  if (!row.target) return null;
  const figure = row.target.on === 'ratio' ? row.ratio : row.value;
  if (figure === null || figure === undefined || !Number.isFinite(figure)) return null;
  const { op, limit } = row.target;
  switch (op) {
    case '<':
      return figure < limit;
    case '<=':
      return figure <= limit;
    case '>=':
      return figure >= limit;
    case '>':
      return figure > limit;
  }
}

export function formatTarget(target: Target | undefined): string {
  if (!target) return '';
  const op = { '<': '<', '<=': '≤', '>=': '≥', '>': '>' }[target.op];
  return `${target.on === 'ratio' ? 'ratio ' : ''}${op} ${formatNumber(target.limit)}`;
}

/** Three significant figures or so, without exponent noise: 0.0123, 1.23, 12.3, 123, 12345. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (Number.isInteger(value) && magnitude >= 100) return String(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 0.1 || magnitude === 0) return value.toFixed(2);
  return value.toPrecision(2);
}

const HEADER = ['Measure', 'Median', 'Unit', 'Compared with (same run)', 'Ratio', 'Target', 'OK'] as const;

/** Renders every section as one aligned plain-text table, then the sections' notes. */
export function formatTable(sections: readonly SectionResult[]): string {
  const blocks = sections.map((section) => {
    const lines = section.rows.map((row): string[] => {
      const ok = meetsTarget(row);
      return [
        row.measure,
        row.value === null ? 'n/a' : formatNumber(row.value),
        row.unit,
        row.baseline ?? '',
        row.ratio === null || row.ratio === undefined ? '' : `${formatNumber(row.ratio)}×`,
        formatTarget(row.target),
        ok === null ? '' : ok ? 'yes' : 'NO',
      ];
    });
    if (section.error !== undefined) lines.push([`FAILED: ${section.error}`, '', '', '', '', '', '']);
    return { name: section.name, lines };
  });

  const all = blocks.flatMap((block) => block.lines);
  const widths = HEADER.map((title, column) => Math.max(title.length, ...all.map((line) => line[column]!.length)));
  // Numbers right-aligned, words left-aligned.
  const rightAligned = new Set([1, 4]);
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');

  const out: string[] = [render(HEADER), rule];
  for (const block of blocks) out.push(`[${block.name}]`, ...block.lines.map(render));

  const notes = sections.flatMap((section) => section.notes.map((note) => `- ${section.name}: ${note}`));
  if (notes.length > 0) out.push('', 'Notes:', ...notes);
  return out.join('\n');
}
