'use client';

import { ConnectButton } from '@rainbow-me/rainbowkit';
import { useSyncExternalStore, type ReactNode } from 'react';
import type { Address } from 'viem';
import { useAccount, useSwitchChain } from 'wagmi';
import { usePublicConfig } from '@/hooks/use-public-config';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { parseError } from '@/lib/errors/parse-error';

const noSubscription = () => () => {};

/**
 * Renders its children only for a connected wallet on the configured network with the consent
 * contract deployed; otherwise it says exactly what is missing and offers the one action that fixes it.
 */
export function AccountGate({ intro, children }: { intro: ReactNode; children: (address: Address) => ReactNode }) {
  const config = usePublicConfig();
  const { address, chainId, status } = useAccount();
  const { switchChain, isPending, error } = useSwitchChain();
  // Wallet state exists only in the browser: render the same thing as the server until mounted.
  const mounted = useSyncExternalStore(noSubscription, () => true, () => false);

  if (!mounted || status === 'reconnecting' || status === 'connecting') {
    return <p className="text-sm text-slate-500 dark:text-slate-400" aria-live="polite">Checking your wallet…</p>;
  }

  if (!address) {
    return (
      <div className="space-y-4">
        {intro}
        <ConnectButton label="Connect wallet to continue" showBalance={false} />
        {config.isLocalChain && (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Giving a demo? Choose <strong>Demo patient</strong> or <strong>Demo clinician</strong> in the wallet list: they
            use the local chain’s public development accounts, so no browser extension is needed.
          </p>
        )}
      </div>
    );
  }

  if (chainId !== config.chainId) {
    const switchError = error ? parseError(error) : null;
    return (
      <div className="space-y-3" data-testid="wrong-network">
        <Notice tone="warning" title="Your wallet is on a different network">
          Chartkey runs on <strong>{config.chainName}</strong>. Switch your wallet to that network to see and share your
          records. Nothing has been changed.
        </Notice>
        <Button onClick={() => switchChain({ chainId: config.chainId })} disabled={isPending}>
          {isPending ? 'Switching…' : `Switch to ${config.chainName}`}
        </Button>
        {switchError && switchError.kind === 'failed' && (
          <Notice tone="error">Your wallet could not switch automatically. Add and select {config.chainName} in your wallet, then come back.</Notice>
        )}
      </div>
    );
  }

  if (!config.consent) {
    return (
      <Notice tone="error" title="Chartkey is not deployed on this network">
        The consent contract has no address for {config.chainName}. If you are running the demo, start it with{' '}
        <code>npm run demo</code>, which deploys it.
      </Notice>
    );
  }

  return <>{children(address)}</>;
}
