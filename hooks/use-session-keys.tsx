'use client';

import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Address } from 'viem';
import { useAccount } from 'wagmi';
import { DECRYPTED_QUERY_ROOTS } from '@/hooks/query-keys';
import type { KeyPair } from '@/lib/crypto';
import { ACTIVITY_EVENTS, IDLE_LOCK_MS, startIdleTimer } from '@/lib/session/idle-timer';

/** Why the records were locked while the page stayed open. */
export type LockReason = 'manual' | 'idle';

type SessionKeys = {
  keyFor: (address: Address) => KeyPair | null;
  remember: (address: Address, keyPair: KeyPair) => void;
  /** Drops every key and everything decrypted with them from this page's memory. */
  lock: (reason: LockReason) => void;
  /** Set from a lock until the next unlock, so the unlock screen can say what happened. */
  lockedBecause: LockReason | null;
};

const SessionKeyContext = createContext<SessionKeys | null>(null);

/**
 * Holds derived encryption keys in memory for this tab only. They are never written to
 * storage; a reload, a wallet switch, a lock or a quarter of an hour without activity means one
 * more signature to re-derive them.
 */
export function SessionKeyProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [keys, setKeys] = useState<ReadonlyMap<string, KeyPair>>(new Map());
  const [lockedBecause, setLockedBecause] = useState<LockReason | null>(null);
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
    setLockedBecause(null);
  }, []);
  const lock = useCallback(
    (reason: LockReason) => {
      // Keys are dropped, not zeroed: an upload still finishing in the background holds the same
      // key, and its encrypted draft is kept either way.
      setKeys(new Map());
      setLockedBecause(reason);
      // Decrypted records and their names are cached in memory only; they go with the key.
      for (const queryKey of DECRYPTED_QUERY_ROOTS) queryClient.removeQueries({ queryKey });
    },
    [queryClient],
  );

  const unlocked = keys.size > 0;
  useEffect(() => {
    if (!unlocked) return;
    const timer = startIdleTimer(IDLE_LOCK_MS, () => lock('idle'));
    const onActivity = () => timer.activity();
    // Timers do not run while the computer sleeps: look at the clock as soon as the page is seen again.
    const onVisibility = () => {
      if (document.visibilityState === 'visible') timer.check();
    };
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, onActivity, { capture: true, passive: true });
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      timer.stop();
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [lock, unlocked]);

  const value = useMemo(() => ({ keyFor, remember, lock, lockedBecause }), [keyFor, remember, lock, lockedBecause]);
  return <SessionKeyContext.Provider value={value}>{children}</SessionKeyContext.Provider>;
}

export function useSessionKeys(): SessionKeys {
  const value = useContext(SessionKeyContext);
  if (!value) throw new Error('useSessionKeys must be used inside <SessionKeyProvider>.');
  return value;
}
