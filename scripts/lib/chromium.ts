/**
 * The one Chromium set-up shared by the Playwright suite (playwright.config.ts) and the page benchmark
 * (scripts/bench/browser.ts): the system Chromium (Debian's `chromium`; browsers can't be downloaded
 * on our machines), CHROMIUM_PATH overriding it, and flags that keep it headless and quiet.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
