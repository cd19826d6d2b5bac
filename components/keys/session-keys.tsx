'use client';

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Address } from 'viem';
import { useAccount } from 'wagmi';
import type { KeyPair } from '@/lib/crypto';

type SessionKeys = {
  keyFor: (address: Address) => KeyPair | null;
  remember: (address: Address, keyPair: KeyPair) => void;
};

const SessionKeyContext = createContext<SessionKeys | null>(null);

/**
 * Holds derived encryption keys in memory for this tab only. They are never written to
 * storage; a reload or a wallet switch means one more signature to re-derive them.
 */
export function SessionKeyProvider({ children }: { children: ReactNode }) {
  const [keys, setKeys] = useState<ReadonlyMap<string, KeyPair>>(new Map());
  const { address } = useAccount();
  const [keysOwner, setKeysOwner] = useState(address);

  // When the wallet switches account or disconnects, forget every key of the previous account
  // (adjusting state during render, as React recommends, so no stale key is ever rendered).
  if (keysOwner !== address) {
    setKeysOwner(address);
    setKeys((current) => new Map([...current].filter(([owner]) => address && owner === address.toLowerCase())));
  }

  const keyFor = useCallback((owner: Address) => keys.get(owner.toLowerCase()) ?? null, [keys]);
  const remember = useCallback((owner: Address, keyPair: KeyPair) => {
    setKeys((current) => new Map(current).set(owner.toLowerCase(), keyPair));
  }, []);

  const value = useMemo(() => ({ keyFor, remember }), [keyFor, remember]);
  return <SessionKeyContext.Provider value={value}>{children}</SessionKeyContext.Provider>;
}

export function useSessionKeys(): SessionKeys {
  const value = useContext(SessionKeyContext);
  if (!value) throw new Error('useSessionKeys must be used inside <SessionKeyProvider>.');
  return value;
}
