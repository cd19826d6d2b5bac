'use client';

import '@rainbow-me/rainbowkit/styles.css';
import { darkTheme, lightTheme, RainbowKitProvider } from '@rainbow-me/rainbowkit';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { WagmiProvider } from 'wagmi';
import { PublicConfigProvider } from '@/hooks/use-public-config';
import { SessionKeyProvider } from '@/hooks/use-session-keys';
import type { PublicConfig } from '@/lib/config/public-config';
import { createChartkeyWagmiConfig } from '@/lib/wallet/wagmi-config';

const brand = { accentColor: '#0f766e', accentColorForeground: '#ffffff', borderRadius: 'medium' } as const;

export function Providers({ config, children }: { config: PublicConfig; children: ReactNode }) {
  // Created once per page load on the client: connectors touch browser storage.
  const [wagmiConfig] = useState(() => createChartkeyWagmiConfig(config));
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: 1, refetchOnWindowFocus: false } } }),
  );

  return (
    <PublicConfigProvider value={config}>
      <WagmiProvider config={wagmiConfig}>
        <QueryClientProvider client={queryClient}>
          <RainbowKitProvider
            appInfo={{ appName: 'Chartkey' }}
            modalSize="compact"
            theme={{ lightMode: lightTheme(brand), darkMode: darkTheme(brand) }}
          >
            <SessionKeyProvider>{children}</SessionKeyProvider>
          </RainbowKitProvider>
        </QueryClientProvider>
      </WagmiProvider>
    </PublicConfigProvider>
  );
}
