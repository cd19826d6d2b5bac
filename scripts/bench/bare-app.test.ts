import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BARE_CONNECT_LABEL, bareAppFiles } from './bare-app';
import { REPO_ROOT } from './paths';

describe('the bare comparison app', () => {
  const files = bareAppFiles();

  it('aliases exactly the x402 modules the app’s next.config.ts aliases', () => {
    const appConfig = readFileSync(path.join(REPO_ROOT, 'next.config.ts'), 'utf8');
    const appModules = [...appConfig.matchAll(/'(@x402\/[^']+)'/g)].map((m) => m[1]);
    const bareModules = [...files['next.config.ts']!.matchAll(/"(@x402\/[^"]+)"/g)].map((m) => m[1]);
    expect(appModules.length).toBeGreaterThan(0);
    expect(bareModules).toEqual(appModules);
  });

  it('renders only RainbowKit’s connect button inside wagmi, Query and RainbowKit providers', () => {
    expect(files['app/page.tsx']).toContain(`<ConnectButton label=${JSON.stringify(BARE_CONNECT_LABEL)}`);
    for (const provider of ['WagmiProvider', 'QueryClientProvider', 'RainbowKitProvider']) expect(files['app/providers.tsx']).toContain(`<${provider}`);
    expect(files['app/providers.tsx']).toContain("import '@rainbow-me/rainbowkit/styles.css';");
  });

  it('builds from its own root, so the project’s proxy.ts is not compiled into it', () => {
    expect(files['next.config.ts']).toContain('root: __dirname');
    expect(files['next.config.ts']).not.toContain(REPO_ROOT);
  });

  it('uses the project’s own Next, React and RainbowKit (no dependencies of its own)', () => {
    expect(JSON.parse(files['package.json']!)).toEqual({ name: 'chartkey-bench-bare-app', private: true });
  });
});
