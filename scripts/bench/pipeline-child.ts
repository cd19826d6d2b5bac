/**
 * Child process for the upload and open sections (see pipelines.ts for why it is a child):
 *   node --conditions=import --conditions=react-server --import tsx scripts/bench/pipeline-child.ts '<StackInfo JSON>'
 * Prints one line, PIPELINE-REPORT followed by the sections as JSON. Never prints record data.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchOpen } from './open';
import { PIPELINE_REPORT_PREFIX } from './pipelines';
import { parseStackInfo } from './stack-info';
import type { SectionResult } from './table';
import { benchUpload } from './upload';

async function main(): Promise<void> {
  const arg = process.argv[2];
  if (arg === undefined) throw new Error('Usage: pipeline-child.ts <stack info JSON>');
  const stack = parseStackInfo(arg);
  const sections: SectionResult[] = [];
  try {
    const upload = await benchUpload(stack);
    sections.push(upload.section);
    sections.push(await benchOpen(upload.records, upload.patientKeys));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    sections.push({ name: sections.length === 0 ? 'Upload' : 'Open', rows: [], notes: [], error: message });
  }
  console.log(`${PIPELINE_REPORT_PREFIX}${JSON.stringify({ sections })}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
