import { defineConfig } from '@playwright/test';
import { E2E_PORTS } from './e2e/ports';

/**
 * End-to-end tests run against the real stack: anvil, the embedded IPFS node and the production
 * Next.js server, all started by `scripts/stack.ts` on ports reserved for tests so a running demo
 * is never disturbed. Browser: the system Chromium (Debian's `chromium`), since browsers can't be
 * downloaded on our machines; CHROMIUM_PATH overrides it.
 */
export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORTS.web}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'npx tsx scripts/stack.ts --e2e',
    url: `http://127.0.0.1:${E2E_PORTS.web}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
