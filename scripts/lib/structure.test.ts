/**
 * The project's structure check (part of `npm test`): where things live and which way imports point
 * hold by test and lint, not by discipline. See README, Layout.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Source files under `dir` (relative to the repository), as repository-relative paths. */
function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(ROOT, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (/\.(ts|tsx|mts)$/.test(entry.name)) found.push(child);
    }
  };
  walk(dir);
  return found.sort();
}

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** `file: name` for every match of `pattern` (global, multiline) in the files. */
function matches(files: readonly string[], pattern: RegExp): string[] {
  return files.flatMap((file) => [...read(file).matchAll(pattern)].map((m) => `${file}: ${m[1]}`));
}

describe('where things live', () => {
  it('defines hooks in hooks/ only: no component file exports a hook', () => {
    const exportedHooks = /^export\s+(?:async\s+)?(?:function\s+|const\s+)(use[A-Z]\w*)/gm;
    expect(matches(sourceFiles('components'), exportedHooks)).toEqual([]);
    // The check finds what it looks for.
    expect(matches(sourceFiles('hooks'), exportedHooks).length).toBeGreaterThan(0);
  });

  it('keeps lib/ free of React', () => {
    const libFiles = sourceFiles('lib');
    expect(libFiles.filter((file) => file.endsWith('.tsx'))).toEqual([]);
    const reactImport = /^\s*(?:import|export)\b[^;]*?from\s+['"]((?:react|react-dom|@tanstack\/react-query)(?:\/[^'"]*)?)['"]/gm;
    expect(matches(libFiles, reactImport)).toEqual([]);
    expect(matches(['components/ui/button.tsx'], reactImport)).toEqual(['components/ui/button.tsx: react']);
  });

  it('raises every error for people as a UserFacingError: no other class extends Error in the app', () => {
    const extendsError = /\bclass\s+(\w+)\s+extends\s+Error\b/g;
    const files = ['lib', 'hooks', 'components', 'app'].flatMap(sourceFiles).filter((file) => !/\.test\.tsx?$/.test(file));
    expect(matches(files, extendsError).sort()).toEqual([
      'lib/errors/user-facing-error.ts: UserFacingError',
      // A wallet's EIP-1193 error (numeric code), emulated by the demo wallet: parseError maps it like a real wallet's.
      'lib/wallet/demo-provider.ts: DemoProviderError',
    ]);
  });

  it('marks the server modules server-only', () => {
    for (const file of ['lib/ipfs/server.ts', 'lib/ipfs/route-responses.ts', 'lib/ipfs/config.ts', 'lib/config/server-config.ts']) {
      expect(read(file), file).toMatch(/^import 'server-only';$/m);
    }
  });

  it('keeps a public/ folder that tells search engines to stay out', () => {
    expect(read('public/robots.txt')).toMatch(/^User-agent: \*\nDisallow: \/$/m);
  });
});

describe('boundaries enforced by lint', () => {
  const eslint = new ESLint({ cwd: ROOT });

  /** The rules that fire for `code` linted as if it were `file`. */
  async function violations(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
    return (result?.messages ?? []).map((m) => m.ruleId ?? m.message).filter((rule) => rule !== '@typescript-eslint/no-unused-vars');
  }

  const BOUNDARY = 'import/no-restricted-paths';
  const SERVER_ONLY = 'chartkey/no-server-import-in-client';

  it.each([
    ['lib/probe.ts', "import { Button } from '@/components/ui/button';", BOUNDARY],
    ['lib/probe.ts', "import { queryKeys } from '../hooks/query-keys';", BOUNDARY],
    ['lib/probe.ts', "import { Providers } from '@/app/providers';", BOUNDARY],
    ['lib/probe.ts', "import { startAnvil } from '@/scripts/lib/anvil';", BOUNDARY],
    ['lib/probe.ts', "import { E2E_PORTS } from '@/e2e/ports';", BOUNDARY],
    ['lib/probe.test.ts', "import { deployConsent } from '@/scripts/deploy';", BOUNDARY],
    ['hooks/probe.ts', "import { Button } from '@/components/ui/button';", BOUNDARY],
    ['hooks/probe.ts', "import { Providers } from '@/app/providers';", BOUNDARY],
    ['components/probe.tsx', "import { Providers } from '@/app/providers';", BOUNDARY],
    ['scripts/lib/probe.ts', "import { E2E_PORTS } from '../../e2e/ports';", BOUNDARY],
    ['scripts/lib/probe.ts', "import config from '@/playwright.config';", BOUNDARY],
    ['scripts/bench/probe.ts', "import config from '@/playwright.config';", BOUNDARY],
    ['components/probe.tsx', "import { pinCiphertext } from '@/lib/ipfs/server';", SERVER_ONLY],
    ['hooks/probe.ts', "import { getPublicConfig } from '@/lib/config/server-config';", SERVER_ONLY],
    ['app/probe.tsx', "'use client';\nimport { errorResponse } from '@/lib/ipfs/route-responses';", SERVER_ONLY],
  ])('%s: refuses %s', async (file, code, rule) => {
    expect(await violations(file, `${code}\n`)).toContain(rule);
  });

  it.each([
    ['lib/probe.ts', "import { chartkeyConsentAbi } from '@/contracts-abi';"],
    ['lib/probe.test.ts', "import { startConsentChain } from '@/scripts/lib/test-chain';"],
    ['components/probe.tsx', "import type { PinClaim } from '@/lib/ipfs/server';"],
    ['app/api/probe/route.ts', "import { pinCiphertext } from '@/lib/ipfs/server';"],
    ['e2e/probe.ts', "import { E2E_PORT_VARIABLES } from '../scripts/lib/ports';"],
  ])('%s: allows %s', async (file, code) => {
    expect(await violations(file, `${code}\n`)).toEqual([]);
  });
});
