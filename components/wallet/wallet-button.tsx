'use client';

import { ConnectButton } from '@rainbow-me/rainbowkit';

export function WalletButton() {
  return <ConnectButton label="Connect wallet" accountStatus="address" chainStatus="icon" showBalance={false} />;
}
