'use client';

import { useId, useState } from 'react';
import type { Address } from 'viem';
import { ClinicianIdentity } from '@/components/identity/clinician-identity';
import { useEndAccess } from '@/hooks/use-end-access';
import { useSelection } from '@/hooks/use-selection';
import { usePatientGrants } from '@/hooks/use-patient-grants';
import { useRecordNames } from '@/hooks/use-record-names';
import { TxStatus } from '@/components/tx-status';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { QueryState } from '@/components/ui/query-state';
import type { KeyPair } from '@/lib/crypto';
import { formatExpiry } from '@/lib/records/expiry';
import type { Revocation } from '@/lib/sharing/end-access';
import type { PatientGrant } from '@/lib/consent';
import { activeSharesByClinician, type ClinicianShares } from '@/lib/sharing/plan';

/** "Who can see your records": every active grant, by clinician, with ways to end them. */
export function SharingOverview({ patient, keyPair }: { patient: Address; keyPair: KeyPair }) {
  const grants = usePatientGrants(patient);
  const records = useRecordNames(patient, keyPair);
  const ending = useEndAccess(patient, keyPair, records);
  // Only records that still exist: a grant on a removed record is already reported as revoked.
  const groups = activeSharesByClinician(grants.data ?? []);
  const { name } = records;

  return (
    <Card
      title="Who can see your records"
      description="Everyone you currently share records with, and until when. You can end access at any time."
    >
      <div data-testid="sharing-overview">
        <QueryState
          query={grants}
          loading="Loading who can see your records…"
          errorTitle="Sharing could not be loaded"
          emptyTestId="sharing-empty"
          // Only active grants count: a patient whose every share ended sees the empty sentence too.
          isEmpty={() => groups.length === 0}
          empty="Only you can see your records. When you share a record with a clinician (use “Share” on a record under Records, or tick several there and share them together), they appear here with the date their access ends."
        />
        {groups.length > 0 && (
          <ul className="space-y-4" aria-label="Clinicians with access">
            {groups.map((group) => (
              <ClinicianAccess key={group.clinician} group={group} recordName={name} disabled={ending.busy} onEnd={ending.endAccess} />
            ))}
          </ul>
        )}
        <div className="mt-3 space-y-2" aria-live="polite">
          <TxStatus state={ending.revokeState} pendingLabel="Ending access" />
          {ending.rekeyStep && <p className="text-sm text-slate-700 dark:text-slate-300">{ending.rekeyStep} — {ending.rekey.progressLabel ?? 'working…'}</p>}
          {ending.rekeyStep && <TxStatus state={ending.rekey.tx.state} pendingLabel="Saving the re-keyed version" />}
          {ending.rekey.problem && <Notice tone="error">{ending.rekey.problem}</Notice>}
          {ending.outcome && <Notice tone={ending.outcome.tone}>{ending.outcome.message}</Notice>}
          {ending.storageNotices.map((notice) => (
            <div key={notice.message} data-testid="storage-notice">
              <Notice tone={notice.tone}>{notice.message}</Notice>
            </div>
          ))}
        </div>
      </div>
    </Card>
  );
}

type AccessProps = {
  group: ClinicianShares;
  recordName: (recordId: bigint) => string;
  disabled: boolean;
  onEnd: (clinician: Address, revocation: Revocation, alsoRekey: boolean) => Promise<boolean>;
};

function ClinicianAccess({ group, recordName, disabled, onEnd }: AccessProps) {
  const headingId = useId();
  const rekeyId = useId();
  const selection = useSelection<bigint>();
  const [pending, setPending] = useState<Revocation | null>(null);
  const [alsoRekey, setAlsoRekey] = useState(false);
  const live = new Set(group.grants.map((g) => g.recordId));
  const chosen = [...selection.selected].filter((id) => live.has(id));

  const ask = (revocation: Revocation) => {
    setAlsoRekey(false);
    setPending(revocation);
  };

  async function confirm() {
    if (!pending) return;
    const done = await onEnd(group.clinician, pending, alsoRekey);
    if (done) {
      setPending(null);
      selection.clear();
    }
  }

  const pendingCount = pending ? (pending.kind === 'one' ? 1 : pending.recordIds.length) : 0;
  const what = pending?.kind === 'all' ? 'any of your records' : pendingCount === 1 ? 'this record' : `these ${pendingCount} records`;

  return (
    <li className="rounded-md border border-slate-200 p-4 dark:border-slate-700" data-testid="clinician-access" data-clinician={group.clinician.toLowerCase()} aria-labelledby={headingId}>
      <h3 id={headingId} className="font-medium">
        <ClinicianIdentity clinician={group.clinician} />
      </h3>
      <p className="mt-1 break-all font-mono text-xs text-slate-600 dark:text-slate-400">{group.clinician}</p>
      <ul className="mt-3 space-y-2">
        {group.grants.map((grant: PatientGrant) => {
          const title = recordName(grant.recordId);
          const checkboxId = `${headingId}-${grant.recordId.toString()}`;
          return (
            <li key={grant.recordId.toString()} className="flex flex-wrap items-center gap-3 text-sm" data-testid="shared-grant" data-record-id={grant.recordId.toString()}>
              <input
                id={checkboxId}
                type="checkbox"
                className="h-4 w-4"
                checked={selection.has(grant.recordId)}
                onChange={(e) => selection.set(grant.recordId, e.target.checked)}
              />
              <label htmlFor={checkboxId} className="font-medium" data-testid="shared-grant-title">{title}</label>
              <span className="text-xs text-slate-600 dark:text-slate-400">until {formatExpiry(grant.expiresAt)}</span>
              <Button variant="ghost" disabled={disabled} onClick={() => ask({ kind: 'one', recordId: grant.recordId })} aria-label={`End access to ${title}`}>
                End access
              </Button>
            </li>
          );
        })}
      </ul>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button variant="secondary" disabled={disabled || chosen.length === 0} onClick={() => ask({ kind: 'selected', recordIds: chosen })}>
          End access to selected ({chosen.length})
        </Button>
        <Button variant="secondary" disabled={disabled} onClick={() => ask({ kind: 'all', recordIds: group.grants.map((g) => g.recordId) })}>
          End all access for this clinician
        </Button>
      </div>

      {pending && (
        <div className="mt-3 space-y-2 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50" role="group" aria-label="Confirm ending access" data-testid="revoke-confirmation">
          <p className="font-semibold">
            End this clinician’s access to {pending.kind === 'one' ? `“${recordName(pending.recordId)}”` : what}?
          </p>
          <ul className="list-disc space-y-1 pl-5">
            <li>They can no longer open {what} in Chartkey, starting as soon as the network confirms.</li>
            <li>A copy they already downloaded stays with them; nobody can take that back.</li>
            <li>The chain keeps a public, permanent record that they had access and that you ended it.</li>
          </ul>
          <div className="flex items-start gap-2">
            <input id={rekeyId} type="checkbox" className="mt-0.5 h-4 w-4" checked={alsoRekey} onChange={(e) => setAlsoRekey(e.target.checked)} />
            <label htmlFor={rekeyId}>
              <span className="font-medium">Also re-key {pendingCount === 1 ? 'the record' : 'the records'}</span>
              <span className="block text-xs">
                Encrypts {pendingCount === 1 ? 'it' : 'each one'} again in this browser under a new key, so even with the old key this clinician can’t open this or
                any later version. Others you share {pendingCount === 1 ? 'it' : 'them'} with keep access. One more wallet confirmation per record.
              </span>
            </label>
          </div>
          <div className="flex gap-2">
            <Button variant="danger" onClick={confirm} disabled={disabled}>Yes, end access</Button>
            <Button variant="secondary" onClick={() => setPending(null)} disabled={disabled}>Keep access</Button>
          </div>
        </div>
      )}
    </li>
  );
}
