'use client';

import { useAccount } from 'wagmi';
import { Button } from '@/components/ui/button';
import { useSessionKeys } from '@/hooks/use-session-keys';

/** Shown while this account's records are unlocked: drops the key before stepping away from the computer. */
export function LockButton() {
  const { address } = useAccount();
  const { keyFor, lock } = useSessionKeys();
  if (!address || !keyFor(address)) return null;
  return (
    <Button variant="secondary" className="px-3 py-1.5" onClick={() => lock('manual')}>
      Lock records
    </Button>
  );
}
