/**
 * Page speed in Chromium (launched as the Playwright suite launches it, scripts/lib/chromium.ts).
 *
 * Definitions (times from navigation start, the page's own clock):
 * - first contentful paint: the browser's `first-contentful-paint` paint entry;
 * - interactive: the moment the wallet modal (RainbowKit's `role="dialog"`) appears after a click on
 *   the connect button, the click issued as soon as the button is actionable (visible, enabled, not
 *   aria-hidden: RainbowKit hides it until mounted, and the app's account gate renders it only after
 *   hydration). So it includes loading, hydration, the click's handling and the modal's first render.
 * Each run uses a fresh browser context (empty cache, no stored wallet connection).
 */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@/scripts/lib/chromium';
import { collectRuns } from './stats';

export type PageTimings = { readonly firstContentfulPaintMs: number[]; readonly interactiveMs: number[] };

const STEP_TIMEOUT_MS = 30_000;

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}

/*
 * Page scripts are strings, not functions: tsx compiles functions with esbuild's name-keeping helper,
 * which doesn't exist in the page, so a serialized function would throw there.
 */
/** Records (page clock) when the first role="dialog" element enters the document. */
const MARK_DIALOG_SCRIPT = `
  new MutationObserver(() => {
    if (window.__benchDialogAt === undefined && document.querySelector('[role="dialog"]')) window.__benchDialogAt = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true });
`;
const READ_TIMINGS_SCRIPT = `({
  fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
  dialogAt: window.__benchDialogAt ?? null,
})`;

export async function measurePageTimings(browser: Browser, url: string, buttonName: string, runs: number): Promise<PageTimings> {
  const firstContentfulPaintMs: number[] = [];
  const interactiveMs: number[] = [];
  await collectRuns(
    runs,
    async (run) => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.addInitScript(MARK_DIALOG_SCRIPT);
        await page.goto(url, { waitUntil: 'commit', timeout: STEP_TIMEOUT_MS });
        await page.getByRole('button', { name: buttonName, exact: true }).first().click({ timeout: STEP_TIMEOUT_MS });
        await page.getByRole('dialog').first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
        const { fcp, dialogAt } = (await page.evaluate(READ_TIMINGS_SCRIPT)) as { fcp: number | null; dialogAt: number | null };
        if (fcp === null || dialogAt === null) throw new Error(`${url}: the browser reported no ${fcp === null ? 'first contentful paint' : 'wallet modal'}.`);
        // Warm-up runs (negative) let the server and the OS cache settle; they are not kept.
        if (run >= 0) {
          firstContentfulPaintMs.push(fcp);
          interactiveMs.push(dialogAt);
        }
      } finally {
        await context.close();
      }
      return 0;
    },
    1,
  );
  return { firstContentfulPaintMs, interactiveMs };
}
