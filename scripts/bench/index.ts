/**
 * `npm run bench`: starts the local stack itself, runs every benchmark, prints one table and writes
 * the same figures to bench-results/latest.json (with commit, date and machine) for comparing commits.
 *
 *   npm run bench                                    # everything (≈ 5 minutes on 2 cores)
 *   npm run bench -- --only encryption,scale         # some sections (encryption, pipelines, gas, scale, pages)
 *   npm run bench -- --compare before.json after.json
 *
 * Every process it starts is stopped by PID, also on failure and on Ctrl+C. Sections run one after
 * another, never in parallel, so they don't compete for the CPU.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchEncryption } from './encryption';
import { benchGas } from './gas-section';
import { startLocalStack, type LocalStack } from './local-stack';
import { benchPages } from './pages';
import { LATEST_RESULTS_FILE, REPO_ROOT } from './paths';
import { benchPipelines } from './pipelines';
import { stopAllProcesses } from './processes';
import { RESULTS_SCHEMA_VERSION, compareResults, describeMachine, gitInfo, machineInfo, readResults, writeResults, type BenchResults } from './results';
import { benchScale } from './scale';
import { formatTable, meetsTarget, type SectionResult } from './table';

const SECTION_KEYS = ['encryption', 'pipelines', 'gas', 'scale', 'pages'] as const;
type SectionKey = (typeof SECTION_KEYS)[number];
/** Table order (the order of the issue), whatever order they ran in. */
const TABLE_ORDER = ['Encryption', 'Upload', 'Open', 'Gas', 'Scale', 'Pages'];
const TIME_BUDGET_SECONDS = 600;

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

async function section(name: string, results: SectionResult[], run: () => Promise<SectionResult | SectionResult[]>): Promise<void> {
  const started = performance.now();
  log(`${name}…`);
  try {
    const produced = await run();
    results.push(...(Array.isArray(produced) ? produced : [produced]));
  } catch (error) {
    log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    results.push({ name, rows: [], notes: [], error: errorMessage(error) });
  }
  log(`${name} done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

async function runBench(only: ReadonlySet<SectionKey>): Promise<BenchResults> {
  const started = performance.now();
  const sections: SectionResult[] = [];
  const wanted = (key: SectionKey) => only.size === 0 || only.has(key);

  // First, on a quiet machine: nothing else of ours is running yet.
  if (wanted('encryption')) await section('Encryption', sections, benchEncryption);
  if (wanted('gas')) await section('Gas', sections, benchGas);

  if (wanted('pipelines') || wanted('scale') || wanted('pages')) {
    log('Starting anvil, the consent contract and the embedded IPFS node…');
    let stack: LocalStack | undefined;
    try {
      stack = await startLocalStack();
      const running = stack;
      if (wanted('pipelines')) await section('Upload and open', sections, () => benchPipelines(running));
      if (wanted('scale')) await section('Scale', sections, () => benchScale(running));
      if (wanted('pages')) await section('Pages', sections, () => benchPages(running));
    } catch (error) {
      sections.push({ name: 'Local stack', rows: [], notes: [], error: errorMessage(error) });
    } finally {
      await stopAllProcesses();
      await stack?.stop();
    }
  }

  sections.sort((a, b) => rank(a.name) - rank(b.name));
  return {
    schema: RESULTS_SCHEMA_VERSION,
    date: new Date().toISOString(),
    git: gitInfo(REPO_ROOT),
    machine: machineInfo(),
    durationSeconds: Math.round((performance.now() - started) / 1000),
    sections,
  };
}

function rank(name: string): number {
  const index = TABLE_ORDER.indexOf(name);
  return index < 0 ? TABLE_ORDER.length : index;
}

function parseOnly(value: string | undefined): Set<SectionKey> {
  const keys = new Set<SectionKey>();
  for (const part of (value ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(SECTION_KEYS as readonly string[]).includes(part)) throw new Error(`Unknown section "${part}". Sections: ${SECTION_KEYS.join(', ')}.`);
    keys.add(part as SectionKey);
  }
  return keys;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { only: { type: 'string' }, compare: { type: 'boolean', default: false }, out: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.compare) {
    const [before, after = LATEST_RESULTS_FILE] = positionals;
    if (before === undefined) throw new Error('Usage: npm run bench -- --compare <before.json> [after.json]');
    console.log(compareResults(readResults(before), readResults(after)));
    return 0;
  }

  const only = parseOnly(values.only);
  const stopOnSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping everything the bench started…`);
    void stopAllProcesses().finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);

  const results = await runBench(only);
  const file = values.out ? path.resolve(values.out) : LATEST_RESULTS_FILE;
  writeResults(file, results);

  const commit = results.git.commit ? `${results.git.commit.slice(0, 10)}${results.git.dirty ? ' (with uncommitted changes)' : ''}` : 'unknown commit';
  console.log(`\nChartkey benchmarks — ${commit}, ${results.date}`);
  console.log(`Machine: ${describeMachine(results.machine)}\n`);
  console.log(formatTable(results.sections));
  const rows = results.sections.flatMap((s) => s.rows);
  const missed = rows.filter((row) => meetsTarget(row) === false).length;
  const withTarget = rows.filter((row) => meetsTarget(row) !== null).length;
  console.log(`\n${withTarget - missed} of ${withTarget} targets met. Took ${results.durationSeconds} s${results.durationSeconds > TIME_BUDGET_SECONDS ? ` (over the ${TIME_BUDGET_SECONDS} s budget)` : ''}.`);
  console.log(`Wrote ${path.relative(process.cwd(), file)}. Compare two runs: npm run bench -- --compare <before.json> [after.json]`);
  // A missed target is a finding, not a crash; a section that could not run is a failure.
  return results.sections.some((s) => s.error !== undefined) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await stopAllProcesses();
    process.exit(1);
  },
);
