import { fileURLToPath } from 'node:url';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import { clientServerPlugin } from './scripts/lib/eslint-client-server.mjs';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

/**
 * The layers, enforced rather than documented (README, Layout). Each zone: files in `target` may not
 * import from `from`. Paths are resolved, so `@/…` and relative imports are caught alike.
 * Dependencies point one way: app → components → hooks → lib → contracts-abi; test tooling
 * (scripts/lib) is imported by tests, specs and scripts, and imports none of them.
 */
const NOT_TESTS = '!(*.test).{ts,tsx}';
const LAYER_ZONES = [
  // Domain logic: no UI, no pages, no tooling. Its tests may use the shared test tooling in scripts/lib.
  { target: './lib', from: ['./components', './hooks', './app', './e2e', './contracts', './playwright.config.ts'], message: 'lib/ is domain logic: it never imports UI, pages or test tooling.' },
  { target: `./lib/**/${NOT_TESTS}`, from: './scripts', message: 'lib/ never imports scripts/.' },
  { target: './lib', from: './scripts', except: ['./lib'], message: 'lib/ tests may use the shared test tooling in scripts/lib only.' },
  { target: './hooks', from: ['./components', './app', './scripts', './e2e'], message: 'hooks/ never imports components/ or app/ (components use hooks, not the reverse).' },
  { target: './components', from: ['./app', './scripts', './e2e'], message: 'components/ never imports app/.' },
  { target: `./app/**/${NOT_TESTS}`, from: ['./scripts', './e2e'], message: 'app/ never imports scripts/ or e2e/.' },
  // Tooling imports run one way: scripts never reach into the specs, their config or the contract tests.
  { target: './scripts', from: ['./e2e', './playwright.config.ts', './contracts', './app', './components', './hooks'], message: 'scripts/ never imports e2e/, playwright.config.ts, contracts/ or the UI: shared test tooling lives in scripts/lib.' },
  { target: './contracts', from: ['./e2e', './playwright.config.ts', './app', './components', './hooks'], message: 'contracts/ tests use scripts/lib, never e2e/ or the UI.' },
  { target: './e2e', from: ['./playwright.config.ts', './contracts', './app', './components', './hooks'], message: 'e2e/ drives the app through the browser; it never imports the app’s UI or the contract tests.' },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The files eslint-config-next lints, which is where its `import` plugin is registered.
    files: ['**/*.{js,jsx,mjs,ts,tsx,mts,cts}'],
    plugins: { chartkey: clientServerPlugin(ROOT) },
    rules: {
      'import/no-restricted-paths': ['error', { basePath: ROOT, zones: LAYER_ZONES }],
      'chartkey/no-server-import-in-client': 'error',
    },
  },
  {
    ignores: ['node_modules/**', '.next/**', '.next-*/**', 'bench-results/**', 'cache/**', '.chartkey/**', 'test-results/**', 'playwright-report/**', 'contracts-abi/**', 'next-env.d.ts'],
  },
];

export default config;
