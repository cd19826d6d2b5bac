'use client';

import type { TxState } from '@/hooks/use-consent-write';
import { usePublicConfig } from '@/hooks/use-public-config';
import { Notice } from '@/components/ui/notice';

/** One rendering of the transaction pipeline's states, with an explorer link when the chain has one. */
export function TxStatus({ state, pendingLabel, confirmedLabel }: { state: TxState; pendingLabel: string; confirmedLabel?: string }) {
  const { explorerUrl } = usePublicConfig();
  const link = (hash: string) =>
    explorerUrl ? (
      <a className="underline" href={`${explorerUrl}/tx/${hash}`} target="_blank" rel="noreferrer noopener">
        View transaction
      </a>
    ) : null;

  switch (state.status) {
    case 'idle':
      return null;
    case 'signing':
      return <Notice tone="info">{pendingLabel}: confirm in your wallet…</Notice>;
    case 'confirming':
      return <Notice tone="info">{pendingLabel}: waiting for the network to confirm… {link(state.hash)}</Notice>;
    case 'confirmed':
      return confirmedLabel ? <Notice tone="success">{confirmedLabel} {link(state.hash)}</Notice> : null;
    case 'rejected':
      return <Notice tone="info">{state.message}</Notice>;
    case 'failed':
      return <Notice tone="error">{state.message}</Notice>;
  }
}
