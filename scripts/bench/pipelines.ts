/**
 * Sections 2 and 3 (upload and open pipelines) run in a child process, started by `benchPipelines`.
 *
 * Why a child: lib/ipfs/server uses kubo-rpc-client, whose dependencies are ESM-only with only an
 * `import` export condition. tsx runs this repo's scripts as CommonJS, so the child runs with
 * `node --conditions=import --import tsx`, which lets `require()` load them (Node ≥ 20.19 loads ES
 * modules through require). The parent can't use that flag: Helia's dependency tree breaks under it.
 * It also runs with `--conditions=react-server`, the condition Next.js resolves server code with, so
 * lib/ipfs/server's `import 'server-only'` resolves to the package's empty module, as in the app's server.
 * It also puts the app side (encrypt, pin client, viem) and the IPFS node (the parent) in separate
 * processes, as the browser, the app's server and the node are in real use.
 */
import path from 'node:path';
import type { LocalStack } from './local-stack';
import { BENCH_DIR, REPO_ROOT } from './paths';
import { runToCompletion } from './processes';
import { serializeStackInfo } from './stack-info';
import type { SectionResult } from './table';

export const PIPELINE_REPORT_PREFIX = 'PIPELINE-REPORT ';

export async function benchPipelines(stack: LocalStack): Promise<SectionResult[]> {
  const output = await runToCompletion(
    'upload/open benchmark',
    process.execPath,
    ['--conditions=import', '--conditions=react-server', '--import', 'tsx', path.join(BENCH_DIR, 'pipeline-child.ts'), serializeStackInfo(stack)],
    { cwd: REPO_ROOT },
  );
  const line = output.split('\n').find((l) => l.startsWith(PIPELINE_REPORT_PREFIX));
  if (line === undefined) throw new Error(`The upload/open benchmark printed no report:\n${output.slice(-2000)}`);
  return (JSON.parse(line.slice(PIPELINE_REPORT_PREFIX.length)) as { sections: SectionResult[] }).sections;
}
