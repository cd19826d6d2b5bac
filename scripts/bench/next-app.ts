/**
 * Building and serving Next.js production builds for the page section: the project's own (reused when
 * it is newer than every source file, built otherwise) and the bare comparison app (always built).
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BARE_APP_DIR, writeBareApp } from './bare-app';
import { REPO_ROOT } from './paths';
import { freePort, runToCompletion, startProcess, waitForHttp, type TrackedProcess } from './processes';

/** An app's own Next.js: the bare app's is a hard-linked copy, and one React per build means one Next. */
const nextBin = (appDir: string) => path.join(appDir, 'node_modules', '.bin', 'next');
const BUILD_ENV = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
/** What a production build of the app is made from; a change to any of these makes a build stale. */
const SOURCE_ROOTS = ['app', 'components', 'lib', 'contracts-abi', 'public', 'next.config.ts', 'package-lock.json', 'postcss.config.mjs'];

export function appDistDir(): string {
  return process.env.NEXT_DIST_DIR ?? '.next';
}

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(entry) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** True when the build in `distDir` exists and is newer than every file it was built from. */
export function isBuildFresh(distDir: string, root = REPO_ROOT): boolean {
  const buildId = path.join(root, distDir, 'BUILD_ID');
  if (!existsSync(buildId)) return false;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCE_ROOTS.every((entry) => newestMtime(path.join(root, entry)) <= builtAt);
}

/**
 * Builds the app unless a fresh build exists. `next build` rewrites tsconfig.json (adding its dist
 * dir's type folders) and next-env.d.ts when the dist dir isn't the default; the bench restores both,
 * so running it never leaves a change in the working tree.
 */
export async function ensureAppBuild(): Promise<{ built: boolean; seconds: number }> {
  const distDir = appDistDir();
  if (isBuildFresh(distDir)) return { built: false, seconds: 0 };
  const kept = ['tsconfig.json', 'next-env.d.ts']
    .map((name) => path.join(REPO_ROOT, name))
    .filter((file) => existsSync(file))
    .map((file) => ({ file, contents: readFileSync(file) }));
  const started = performance.now();
  try {
    await runToCompletion('next build', nextBin(REPO_ROOT), ['build'], { cwd: REPO_ROOT, env: { ...BUILD_ENV, NEXT_DIST_DIR: distDir } });
  } finally {
    for (const { file, contents } of kept) if (!readFileSync(file).equals(contents)) writeFileSync(file, contents);
  }
  return { built: true, seconds: (performance.now() - started) / 1000 };
}

export async function buildBareApp(): Promise<{ seconds: number }> {
  writeBareApp();
  const started = performance.now();
  await runToCompletion('next build (bare app)', nextBin(BARE_APP_DIR), ['build'], { cwd: BARE_APP_DIR, env: BUILD_ENV });
  return { seconds: (performance.now() - started) / 1000 };
}

export type RunningServer = { readonly origin: string; readonly process: TrackedProcess };

/** `next start` for a built app on a free port; resolves once `readyPath` answers. */
export async function startNextServer(opts: { cwd: string; env?: Readonly<Record<string, string>>; readyPath: string; name: string }): Promise<RunningServer> {
  const port = await freePort();
  const child = startProcess(opts.name, nextBin(opts.cwd), ['start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: opts.cwd,
    env: { ...BUILD_ENV, ...opts.env },
  });
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${origin}${opts.readyPath}`, 90_000, child);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { origin, process: child };
}
