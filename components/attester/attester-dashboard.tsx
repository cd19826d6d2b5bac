'use client';

import type { Address } from 'viem';
import { VerifiedBadge } from '@/components/identity/verified-badge';
import { useAttesterReads } from '@/hooks/use-attester-reads';
import { useConsentWrite } from '@/hooks/use-consent-write';
import { queryKeys } from '@/hooks/query-keys';
import { usePublicConfig } from '@/hooks/use-public-config';
import { TxStatus } from '@/components/tx-status';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { QueryState } from '@/components/ui/query-state';
import { AccountGate } from '@/components/wallet/account-gate';
import type { PublishedClinician } from '@/lib/consent';
import { cleanDisplayText, hasHiddenCharacters } from '@/lib/text/display-text';

/** The attester's screen: verify clinicians' published profiles, or withdraw a verification. */
export function AttesterDashboard() {
  return (
    <AccountGate intro={<p className="text-sm">Connect the attester account of this Chartkey deployment.</p>}>
      {(address) => <AttesterScreen account={address} />}
    </AccountGate>
  );
}

function AttesterScreen({ account }: { account: Address }) {
  const { role, clinicians } = useAttesterReads(account);

  if (role.isPending || role.isError) {
    return <QueryState query={role} loading="Checking this account…" errorTitle="This account could not be checked" />;
  }
  if (!role.data) {
    return (
      <div data-testid="not-attester">
        <Notice tone="warning" title="This account cannot verify clinicians">
          The connected account (<span className="font-mono text-xs break-all">{account}</span>) is not an attester of this Chartkey
          deployment. Only the organisation that runs it appoints attesters. If you are a clinician wanting to be verified,
          publish your profile on the clinicians’ page and contact them.
        </Notice>
      </div>
    );
  }

  return (
    <Card
      title="Clinicians with a public profile"
      description="Check each profile against your own records (registration, employment) before verifying. Patients see a “Verified clinician” badge on verified profiles. A clinician who changes their profile loses the badge until you verify again."
    >
      <QueryState
        query={clinicians}
        loading="Loading clinicians…"
        errorTitle="Clinicians could not be loaded"
        empty="No clinician has published a profile yet. Clinicians publish one on the “For clinicians” page; they will appear here."
        emptyTestId="clinicians-empty"
      >
        {(list) => (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Clinicians">
            {list.map((clinician) => (
              <ClinicianRow key={clinician.clinician} clinician={clinician} />
            ))}
          </ul>
        )}
      </QueryState>
    </Card>
  );
}

function ClinicianRow({ clinician }: { clinician: PublishedClinician }) {
  const config = usePublicConfig();
  const tx = useConsentWrite();
  const invalidates = [queryKeys.publishedClinicians(config.chainId), queryKeys.clinicianProfile(config.chainId, clinician.clinician)];

  // The hash of the text shown here: if the clinician changed it since, the contract refuses the verification.
  const verify = () => tx.run({ functionName: 'verifyClinician', args: [clinician.clinician, clinician.profileHash], invalidates });
  const withdraw = () => tx.run({ functionName: 'withdrawVerification', args: [clinician.clinician], invalidates });

  const name = cleanDisplayText(clinician.displayName);
  const organisation = cleanDisplayText(clinician.organisation);
  const hidden = hasHiddenCharacters(clinician.displayName) || hasHiddenCharacters(clinician.organisation);

  return (
    <li className="py-3" data-testid="attester-clinician" data-address={clinician.clinician}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1 text-sm">
          <p>
            <span className="font-medium">{name}</span>
            {organisation && <span className="text-slate-600 dark:text-slate-400"> · {organisation}</span>}{' '}
            <VerifiedBadge verified={clinician.verified} />
          </p>
          <p className="break-all font-mono text-xs text-slate-600 dark:text-slate-400">{clinician.clinician}</p>
          {hidden && (
            <p className="text-xs text-amber-800 dark:text-amber-300" data-testid="hidden-characters">
              This profile contains invisible characters that can make a name read differently. They are hidden everywhere Chartkey shows it; check the name with the clinician before verifying.
            </p>
          )}
        </div>
        {clinician.verified ? (
          <Button variant="secondary" onClick={withdraw} disabled={tx.isBusy} aria-label={`Withdraw verification of ${name}`}>
            Withdraw verification
          </Button>
        ) : (
          <Button onClick={verify} disabled={tx.isBusy} aria-label={`Verify ${name}`}>
            Verify
          </Button>
        )}
      </div>
      <div className="mt-2">
        <TxStatus state={tx.state} pendingLabel={clinician.verified ? 'Withdrawing verification' : 'Verifying'} />
      </div>
    </li>
  );
}
