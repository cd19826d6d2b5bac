/**
 * Section 6: page weight and speed. First-load JavaScript (gzip) of each route of the production build
 * next to the bare RainbowKit page built in the same run, and Chromium's first contentful paint and
 * time to interactive for the patient dashboard next to the bare page.
 */
import type { Browser } from 'playwright-core';
import { BARE_APP_DIR, BARE_CONNECT_LABEL } from './bare-app';
import { launchChromium, measurePageTimings } from './browser';
import type { LocalStack } from './local-stack';
import { appDistDir, buildBareApp, ensureAppBuild, startNextServer, type RunningServer } from './next-app';
import { measurePageWeight } from './page-weight';
import { REPO_ROOT } from './paths';
import { median, ratio } from './stats';
import type { BenchRow, SectionResult } from './table';

const ROUTES = ['/', '/patient', '/clinician'] as const;
const WEIGHT_TARGET_RATIO = 1.5;
const BROWSER_RUNS = 5;
/** The patient page's account gate renders RainbowKit's button with this label (components/wallet/account-gate.tsx). */
const PATIENT_CONNECT_LABEL = 'Connect wallet to continue';

export async function benchPages(stack: LocalStack): Promise<SectionResult> {
  const build = await ensureAppBuild();
  const bareBuild = await buildBareApp();

  const servers: RunningServer[] = [];
  let browser: Browser | undefined;
  try {
    const app = await startNextServer({
      name: 'app server',
      cwd: REPO_ROOT,
      readyPath: '/api/health',
      env: {
        NEXT_DIST_DIR: appDistDir(),
        CHAIN_ID: String(stack.chainId),
        RPC_URL: stack.rpcUrl,
        IPFS_API_URL: stack.ipfsApiUrl,
        CONSENT_CONTRACT_ADDRESS: stack.contract,
        CONSENT_DEPLOYED_BLOCK: stack.deployedBlock.toString(),
      },
    });
    servers.push(app);
    const bare = await startNextServer({ name: 'bare app server', cwd: BARE_APP_DIR, readyPath: '/' });
    servers.push(bare);

    const bareWeight = await measurePageWeight(bare.origin, '/');
    const rows: BenchRow[] = [];
    for (const route of ROUTES) {
      const weight = await measurePageWeight(app.origin, route);
      rows.push({
        measure: `first-load JS (gzip), ${route}`,
        value: weight.gzipBytes / 1024,
        unit: 'KB',
        baseline: `bare RainbowKit page ${(bareWeight.gzipBytes / 1024).toFixed(0)} KB`,
        ratio: ratio(weight.gzipBytes, bareWeight.gzipBytes),
        target: { on: 'ratio', op: '<=', limit: WEIGHT_TARGET_RATIO },
      });
    }

    browser = await launchChromium();
    const patient = await measurePageTimings(browser, `${app.origin}/patient`, PATIENT_CONNECT_LABEL, BROWSER_RUNS);
    const baseline = await measurePageTimings(browser, `${bare.origin}/`, BARE_CONNECT_LABEL, BROWSER_RUNS);
    const fcp = median(patient.firstContentfulPaintMs);
    const bareFcp = median(baseline.firstContentfulPaintMs);
    const interactive = median(patient.interactiveMs);
    const bareInteractive = median(baseline.interactiveMs);
    rows.push(
      {
        measure: '/patient first contentful paint (Chromium)',
        value: fcp,
        unit: 'ms',
        baseline: `bare page ${bareFcp.toFixed(0)} ms`,
        ratio: ratio(fcp, bareFcp),
        runs: BROWSER_RUNS,
      },
      {
        measure: '/patient interactive (wallet modal open)',
        value: interactive,
        unit: 'ms',
        baseline: `bare page ${bareInteractive.toFixed(0)} ms`,
        ratio: ratio(interactive, bareInteractive),
        runs: BROWSER_RUNS,
      },
    );

    return {
      name: 'Pages',
      rows,
      notes: [
        `First-load JS = every /_next/static script a route's server-rendered HTML references (script tags and script preloads, not nomodule fallbacks), fetched from the running production server and gzipped one by one (zlib level 6); chunks loaded later (e.g. the wallet modal on click) are not counted. KB = 1024 bytes. Baseline: a throw-away Next app (.chartkey/bench/bare-app, same node_modules and x402 aliases) rendering only RainbowKit's ConnectButton inside wagmi, TanStack Query and RainbowKit providers; ${bareWeight.scripts} scripts.`,
        `Builds: the app's production build (${appDistDir()}) was ${build.built ? `built in ${build.seconds.toFixed(0)} s` : 'reused (newer than every source file)'}; the bare app was built in ${bareBuild.seconds.toFixed(0)} s.`,
        'Chromium (/usr/bin/chromium, playwright.config.ts launch flags), headless, fresh context per run, 1 warm-up run, server and browser on the same machine (no network latency). First contentful paint = the paint timing entry. Interactive = from navigation start until the wallet modal (role="dialog") appears after a click on the connect button issued as soon as it is actionable: RainbowKit keeps it aria-hidden until mounted and the account gate renders it only after hydration, so this covers loading, hydration, handling the click and rendering the modal. The bare page has nothing to paint before hydration (RainbowKit hides the button until mounted), so its first paint comes late; compare the interactive times.',
      ],
    };
  } finally {
    await browser?.close().catch(() => undefined);
    for (const server of servers.reverse()) await server.process.stop();
  }
}
