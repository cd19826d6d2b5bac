'use client';

import { useState, type ReactNode } from 'react';
import type { Address } from 'viem';
import { useConfig } from 'wagmi';
import { signMessage } from 'wagmi/actions';
import { useConsentWrite } from '@/hooks/use-consent-write';
import { useRegisteredKey } from '@/hooks/use-encryption-key';
import { queryKeys } from '@/hooks/query-keys';
import { usePublicConfig } from '@/hooks/use-public-config';
import { TxStatus } from '@/components/tx-status';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { QueryState } from '@/components/ui/query-state';
import {
  assertMatchesRegisteredKey,
  deriveKeyPairDeterministically,
  deriveKeyPairFromSignature,
  keyDerivationMessage,
  publicKeyToHex,
  type KeyPair,
} from '@/lib/crypto';
import { parseError } from '@/lib/errors/parse-error';
import { IDLE_LOCK_MS } from '@/lib/session/idle-timer';
import { useSessionKeys, type LockReason } from '@/hooks/use-session-keys';

const LOCKED_BECAUSE: Record<LockReason, string> = {
  manual: 'Locked. Your key and everything decrypted were removed from this page.',
  idle: `Locked after ${IDLE_LOCK_MS / 60_000} minutes without activity, so no one else at this computer can read your records. Your key and everything decrypted were removed from this page.`,
};

/**
 * Derives the account's encryption key from a wallet signature (kept in memory only) and, the
 * first time, publishes its public half on-chain so others can share records with this account.
 */
export function UnlockGate({ address, role, children }: { address: Address; role: 'patient' | 'clinician'; children: (keyPair: KeyPair) => ReactNode }) {
  const config = usePublicConfig();
  const wagmiConfig = useConfig();
  const { keyFor, remember, lockedBecause } = useSessionKeys();
  const tx = useConsentWrite();
  const [problem, setProblem] = useState<{ tone: 'error' | 'info'; message: string } | null>(null);
  const [working, setWorking] = useState(false);

  const registered = useRegisteredKey(address);

  const keyPair = keyFor(address);
  if (keyPair && registered.data) return <>{children(keyPair)}</>;

  const message = keyDerivationMessage({ chainId: config.chainId, address });
  const sign = () => signMessage(wagmiConfig, { account: address, message });

  async function unlock() {
    setProblem(null);
    setWorking(true);
    try {
      const onChain = registered.data ?? null;
      if (onChain) {
        const derived = deriveKeyPairFromSignature(await sign());
        assertMatchesRegisteredKey(derived, onChain);
        remember(address, derived);
        return;
      }
      // First time: two signatures must give the same key, or the key could never be re-derived.
      const derived = deriveKeyPairDeterministically(await sign(), await sign());
      const result = await tx.run({
        functionName: 'registerEncryptionKey',
        args: [publicKeyToHex(derived.publicKey)],
        invalidates: [queryKeys.encryptionKey(config.chainId, address)],
      });
      if (result.ok) remember(address, derived);
    } catch (error) {
      const parsed = parseError(error, 'Your key could not be derived. Please try again.');
      setProblem({ tone: parsed.kind === 'rejected' ? 'info' : 'error', message: parsed.kind === 'rejected' ? 'You cancelled the signature. Your records stay locked; unlock them whenever you are ready.' : parsed.message });
    } finally {
      setWorking(false);
    }
  }

  if (registered.isPending || registered.isError) {
    return <QueryState query={registered} loading="Looking up your encryption key…" errorTitle="The network could not be reached" />;
  }

  const firstTime = !registered.data;
  return (
    <Card
      title={firstTime ? 'Set up your encryption key' : 'Unlock your records'}
      description={
        firstTime ? (
          <>
            Your wallet will ask you to <strong>sign the same message twice</strong>. Chartkey turns that signature into
            your personal encryption key, right here in your browser, and checks that your wallet can recreate it on any
            device. Then one transaction publishes the public half, so {role === 'patient' ? 'you' : 'patients'} can share
            records {role === 'patient' ? 'with clinicians' : 'with you'}. The signature costs nothing and moves no funds.
          </>
        ) : (
          <>
            Sign one message to recreate your encryption key in this browser. It stays in memory only, until you close the
            tab or lock your records (Chartkey also locks them after {IDLE_LOCK_MS / 60_000} minutes without activity).
          </>
        )
      }
    >
      {lockedBecause && !firstTime && (
        <div className="mb-3" data-testid="locked-notice">
          <Notice tone="info">{LOCKED_BECAUSE[lockedBecause]}</Notice>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3">
        {/* After a lock the button that was pressed is gone: focus goes to the one that undoes it. */}
        <Button onClick={unlock} disabled={working || tx.isBusy} autoFocus={lockedBecause === 'manual'}>
          {working ? 'Waiting for your wallet…' : firstTime ? 'Set up my key' : 'Unlock my records'}
        </Button>
      </div>
      <div className="mt-3 space-y-2">
        <TxStatus state={tx.state} pendingLabel="Publishing your public key" />
        {problem && <Notice tone={problem.tone}>{problem.message}</Notice>}
      </div>
    </Card>
  );
}
