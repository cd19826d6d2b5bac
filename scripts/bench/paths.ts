import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** scripts/bench, whatever the module system (tsx runs this repo's scripts as CommonJS, vitest as ESM). */
export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(BENCH_DIR, '..', '..');
/** Gitignored: where runs are written so two commits can be compared. */
export const RESULTS_DIR = path.join(REPO_ROOT, 'bench-results');
export const LATEST_RESULTS_FILE = path.join(RESULTS_DIR, 'latest.json');
/** Gitignored scratch space (IPFS repo, the bare comparison app). */
export const SCRATCH_DIR = path.join(REPO_ROOT, '.chartkey', 'bench');
