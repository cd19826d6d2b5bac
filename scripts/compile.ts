/**
 * Compiles `contracts/*.sol` and writes typed ABI + bytecode modules to `contracts-abi/`.
 *
 *   npx tsx scripts/compile.ts          # regenerate contracts-abi/
 *   npx tsx scripts/compile.ts --check  # exit 1 if contracts-abi/ is out of date (for CI)
 *
 * Output is byte-identical when re-run on the same sources, so CI can also regenerate and run
 * `git diff --exit-code contracts-abi`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ABI_OUT_DIR, compileContracts, renderAbiModules } from './lib/solc';

export type GeneratedFileStatus = { readonly file: string; readonly upToDate: boolean };

/** Compiles and renders the generated modules in memory, comparing each with the file on disk. */
export function checkGeneratedAbi(): { files: Map<string, string>; statuses: GeneratedFileStatus[]; warnings: readonly string[] } {
  const { contracts, warnings } = compileContracts();
  const files = renderAbiModules(contracts);
  const statuses = [...files].map(([file, contents]) => {
    const onDisk = path.join(ABI_OUT_DIR, file);
    return { file, upToDate: existsSync(onDisk) && readFileSync(onDisk, 'utf8') === contents };
  });
  return { files, statuses, warnings };
}

function main(): void {
  const check = process.argv.includes('--check');
  const { files, statuses, warnings } = checkGeneratedAbi();
  for (const warning of warnings) console.warn(`solc warning:\n${warning}\n`);

  if (check) {
    const stale = statuses.filter((s) => !s.upToDate).map((s) => `contracts-abi/${s.file}`);
    if (stale.length > 0) {
      console.error(
        `contracts-abi/ is out of date with contracts/: ${stale.join(', ')}.\nRun \`npx tsx scripts/compile.ts\` and commit the result.`,
      );
      process.exit(1);
    }
    console.log('contracts-abi/ is up to date.');
    return;
  }

  mkdirSync(ABI_OUT_DIR, { recursive: true });
  for (const [file, contents] of files) writeFileSync(path.join(ABI_OUT_DIR, file), contents);
  const changed = statuses.filter((s) => !s.upToDate).length;
  console.log(`Wrote ${files.size} file(s) to contracts-abi/ (${changed} changed).`);
}

// Run only as a CLI, so tests can import checkGeneratedAbi without side effects.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
