/**
 * The page-weight baseline: a throw-away Next.js app under .chartkey/bench/bare-app that renders only
 * RainbowKit's `<ConnectButton/>` inside the same providers the app uses (wagmi, TanStack Query,
 * RainbowKit), with the same wallet setup minus Chartkey's demo wallets, the same Next/React/RainbowKit
 * versions (it uses the project's node_modules, hard-linked) and the same x402 aliases as
 * next.config.ts. Whatever Chartkey's pages weigh beyond it is Chartkey's own code.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, SCRATCH_DIR } from './paths';

export const BARE_APP_DIR = path.join(SCRATCH_DIR, 'bare-app');
export const BARE_CONNECT_LABEL = 'Connect wallet';

/** Kept identical to next.config.ts's list (the build fails without them, so drift shows at once). */
const OPTIONAL_X402_MODULES = [
  '@x402/core/client',
  '@x402/evm',
  '@x402/evm/exact/client',
  '@x402/evm/exact/v1/client',
  '@x402/evm/upto/client',
  '@x402/svm/exact/client',
  '@x402/svm/exact/v1/client',
  '@x402/svm/upto/client',
];

/** File name → contents of the bare app (besides its hard-linked node_modules). */
export function bareAppFiles(): Record<string, string> {
  return {
    'package.json': `${JSON.stringify({ name: 'chartkey-bench-bare-app', private: true }, null, 2)}\n`,
    'next.config.ts': `import type { NextConfig } from 'next';

const OPTIONAL_X402_MODULES = ${JSON.stringify(OPTIONAL_X402_MODULES)};

const nextConfig: NextConfig = {
  // Its own root: Turbopack compiles any proxy.ts at the root as the app's proxy, so with the
  // project's root the bare app would build (and run) Chartkey's.
  turbopack: {
    root: __dirname,
    resolveAlias: Object.fromEntries(OPTIONAL_X402_MODULES.map((name) => [name, './empty-module.cjs'])),
  },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
`,
    'empty-module.cjs': 'module.exports = {};\n',
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          lib: ['dom', 'dom.iterable', 'esnext'],
          skipLibCheck: true,
          strict: true,
          noEmit: true,
          esModuleInterop: true,
          module: 'esnext',
          moduleResolution: 'bundler',
          resolveJsonModule: true,
          isolatedModules: true,
          jsx: 'react-jsx',
          plugins: [{ name: 'next' }],
        },
        include: ['next-env.d.ts', '**/*.ts', '**/*.tsx', '.next/types/**/*.ts'],
        exclude: ['node_modules'],
      },
      null,
      2,
    )}\n`,
    'app/layout.tsx': `import type { ReactNode } from 'react';
import { Providers } from './providers';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
`,
    'app/providers.tsx': `'use client';

import '@rainbow-me/rainbowkit/styles.css';
import { connectorsForWallets, RainbowKitProvider } from '@rainbow-me/rainbowkit';
import { injectedWallet } from '@rainbow-me/rainbowkit/wallets';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { foundry } from 'viem/chains';
import { createConfig, http, WagmiProvider } from 'wagmi';

function createWagmiConfig() {
  const connectors = connectorsForWallets([{ groupName: 'Your wallet', wallets: [injectedWallet] }], {
    appName: 'Bare',
    projectId: 'walletconnect-disabled',
  });
  return createConfig({ chains: [foundry], connectors, transports: { [foundry.id]: http() }, ssr: true, multiInjectedProviderDiscovery: true });
}

export function Providers({ children }: { children: ReactNode }) {
  const [wagmiConfig] = useState(createWagmiConfig);
  const [queryClient] = useState(() => new QueryClient());
  return (
    <WagmiProvider config={wagmiConfig}>
      <QueryClientProvider client={queryClient}>
        <RainbowKitProvider modalSize="compact">{children}</RainbowKitProvider>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
`,
    'app/page.tsx': `'use client';

import { ConnectButton } from '@rainbow-me/rainbowkit';

export default function Page() {
  return (
    <main>
      <ConnectButton label=${JSON.stringify(BARE_CONNECT_LABEL)} showBalance={false} />
    </main>
  );
}
`,
  };
}

/**
 * Writes the bare app from scratch (removing any previous build). Its node_modules is the project's,
 * hard-linked (a few seconds, no extra disk): a symlink would lead Turbopack out of the app's root.
 */
export function writeBareApp(dir = BARE_APP_DIR): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [name, contents] of Object.entries(bareAppFiles())) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, contents);
  }
  execFileSync('cp', ['-al', path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules')]);
}
