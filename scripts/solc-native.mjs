#!/usr/bin/env node
/**
 * A native-`solc` stand-in for forge, backed by the npm `solc` package (solc-js) already pinned in
 * package.json. Why hand-written: forge normally downloads a native compiler at build time, and this
 * machine (and CI) may not download binaries; solc-js is the same compiler built to WebAssembly, so
 * wrapping it keeps every build on one pinned compiler version with no network.
 *
 * It answers the only two invocations forge makes:
 *   solc-native.mjs --version                      → the native CLI's version text
 *   solc-native.mjs [path flags…] --standard-json  → standard JSON in on stdin, standard JSON out on stdout
 * Forge puts every source's content into the standard JSON input, so no import callback is needed; one
 * is still given (reading files under the working directory) so a hand-made input with `urls` works too.
 */

import fs from 'node:fs';
import path from 'node:path';
import solc from 'solc';

const args = process.argv.slice(2);

if (args.includes('--version')) {
  // Native format: forge parses the `Version: x.y.z+commit.hash` line.
  const version = String(solc.version()).replace(/\.Emscripten.*$/, '');
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${version}.Linux.g++\n`);
  process.exit(0);
}

if (!args.includes('--standard-json')) {
  process.stderr.write('solc-native: only --version and --standard-json are supported (this wraps solc-js for forge).\n');
  process.exit(2);
}

const root = process.cwd();
function findImport(importPath) {
  const resolved = path.resolve(root, importPath);
  if (!resolved.startsWith(root + path.sep)) return { error: `Import outside the project: ${importPath}` };
  try {
    return { contents: fs.readFileSync(resolved, 'utf8') };
  } catch {
    return { error: `File not found: ${importPath}` };
  }
}

const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
  const input = Buffer.concat(chunks).toString('utf8');
  process.stdout.write(solc.compile(input, { import: findImport }));
});
