import { defineConfig } from '@playwright/test';
import { E2E_PORTS } from './e2e/ports';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/lib/chromium';

/**
 * End-to-end tests run against the real stack: anvil, the embedded IPFS node and the production
 * Next.js server, all started by `scripts/stack.ts` on ports reserved for tests so a running demo
 * is never disturbed. Browser: the system Chromium (scripts/lib/chromium.ts).
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
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] },
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
