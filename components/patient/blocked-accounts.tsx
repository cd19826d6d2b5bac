'use client';

import { useState } from 'react';
import type { Address } from 'viem';
import { ClinicianIdentity } from '@/components/identity/clinician-identity';
import { TxStatus } from '@/components/tx-status';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { QueryState } from '@/components/ui/query-state';
import { useBlockedRequesters, type DatedBlock } from '@/hooks/use-blocked-requesters';
import { useConsentWrite } from '@/hooks/use-consent-write';
import { usePublicConfig } from '@/hooks/use-public-config';
import { queryKeys } from '@/hooks/query-keys';
import { formatRequestDate } from '@/lib/requests/block-times';

export function BlockedAccounts({ patient }: { patient: Address }) {
  const blocked = useBlockedRequesters(patient);
  // An unblocked account leaves the list, so its confirmation is shown here rather than in the item.
  const [unblocked, setUnblocked] = useState<string | null>(null);

  return (
    <Card
      title="Blocked accounts"
      description="A blocked account can no longer send you requests. Blocking does not end access you already gave: use Sharing for that. The chain shows publicly that you blocked them."
    >
      <div data-testid="blocked-accounts" className="space-y-3">
        {unblocked && <Notice tone="success">{unblocked}</Notice>}
        <QueryState
          query={blocked}
          loading="Loading blocked accounts…"
          errorTitle="Blocked accounts could not be loaded"
          emptyTestId="blocked-empty"
          empty="You have not blocked anyone. Use “Deny and block” on a request to stop that account from asking again."
        >
          {(list) => (
            <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Accounts you blocked">
              {list.map((entry) => (
                <BlockedAccount key={entry.requester} patient={patient} entry={entry} onUnblocked={setUnblocked} />
              ))}
            </ul>
          )}
        </QueryState>
      </div>
    </Card>
  );
}

function BlockedAccount({ patient, entry, onUnblocked }: { patient: Address; entry: DatedBlock; onUnblocked: (message: string) => void }) {
  const config = usePublicConfig();
  const unblock = useConsentWrite();

  async function onUnblock() {
    const result = await unblock.run({
      functionName: 'unblockRequester',
      args: [entry.requester],
      invalidates: [queryKeys.blockedRequesters(config.chainId, patient)],
    });
    if (result.ok) onUnblocked('Account unblocked. It can send you requests again; nothing is shared until you approve one.');
  }

  return (
    <li className="space-y-2 py-3" data-testid="blocked-account" data-account={entry.requester}>
      <div className="space-y-1 break-all text-sm">
        <ClinicianIdentity clinician={entry.requester} />
        <p className="break-all text-xs text-slate-600 dark:text-slate-400">
          Account <span className="font-mono">{entry.requester}</span> · blocked on {formatRequestDate(entry.blockedAtSeconds)}
        </p>
      </div>
      <Button variant="secondary" onClick={onUnblock} disabled={unblock.isBusy}>
        Unblock
      </Button>
      <TxStatus state={unblock.state} pendingLabel="Unblocking" />
    </li>
  );
}
