'use client';

import { useId, useMemo, useState, type FormEvent } from 'react';
import type { Address } from 'viem';
import { ClinicianIdentity } from '@/components/identity/clinician-identity';
import { useRecordNames } from '@/hooks/use-record-names';
import { useConsentWrite } from '@/hooks/use-consent-write';
import { useSelection } from '@/hooks/use-selection';
import { useGrantAccess } from '@/hooks/use-grant-access';
import { usePendingRequests, type DatedRequest } from '@/hooks/use-pending-requests';
import { useBlockedRequesters } from '@/hooks/use-blocked-requesters';
import { queryKeys } from '@/hooks/query-keys';
import { usePublicConfig } from '@/hooks/use-public-config';
import { TxStatus } from '@/components/tx-status';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { QueryState } from '@/components/ui/query-state';
import type { PatientRecord } from '@/lib/consent';
import type { KeyPair } from '@/lib/crypto';
import { formatExpiry } from '@/lib/records/expiry';
import { useExpiryChoice } from '@/hooks/use-expiry-choice';
import { ExpiryPicker } from './expiry-picker';
import { formatRequestDate } from '@/lib/requests/block-times';
import { purposeSentence, requestScopeText } from '@/lib/requests/labels';
import { describeNoteHash } from '@/lib/requests/note';
import { defaultApprovalSelection } from '@/lib/sharing/grant';

export function RequestsInbox({ patient, keyPair }: { patient: Address; keyPair: KeyPair }) {
  const requests = usePendingRequests(patient);
  // An answered request leaves the list, so its confirmation is shown here rather than in the item.
  const [answered, setAnswered] = useState<string | null>(null);
  const { records, known: names } = useRecordNames(patient, keyPair);
  const blocked = useBlockedRequesters(patient);
  const blockedAccounts = useMemo(() => new Set((blocked.data ?? []).map((b) => b.requester.toLowerCase())), [blocked.data]);

  return (
    <Card
      title="Requests"
      description="Clinicians who asked to see your records. Nothing is shared until you approve, and you choose which records and until when."
    >
      <div data-testid="requests-inbox" className="space-y-3">
        {answered && <Notice tone="success">{answered}</Notice>}
        <QueryState
          query={requests}
          loading="Loading requests…"
          errorTitle="Requests could not be loaded"
          emptyTestId="requests-empty"
          empty="No requests waiting. When a clinician asks to see your records, the request appears here for you to approve or deny."
        />
        {requests.data && requests.data.length > 0 && (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Requests waiting for your answer">
            {requests.data.map((request) => (
              <RequestItem
                key={request.requestId.toString()}
                patient={patient}
                keyPair={keyPair}
                request={request}
                records={records.data ?? []}
                names={names}
                alreadyBlocked={blockedAccounts.has(request.clinician.toLowerCase())}
                onAnswered={setAnswered}
              />
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

function RequestItem({
  patient,
  keyPair,
  request,
  records,
  names,
  alreadyBlocked,
  onAnswered,
}: {
  patient: Address;
  keyPair: KeyPair;
  request: DatedRequest;
  records: readonly PatientRecord[];
  names: ReadonlyMap<bigint, string>;
  /** The patient blocked this account after it asked: "Deny and block" then only denies. */
  alreadyBlocked: boolean;
  onAnswered: (message: string) => void;
}) {
  const config = usePublicConfig();
  const deny = useConsentWrite();
  const block = useConsentWrite();
  const busy = deny.isBusy || block.isBusy;
  const [approving, setApproving] = useState(false);
  const note = describeNoteHash(request.noteHash);
  const headingId = useId();

  async function onDeny() {
    const result = await deny.run({
      functionName: 'denyRequest',
      args: [request.requestId],
      invalidates: [queryKeys.pendingRequests(config.chainId, patient)],
    });
    if (result.ok) onAnswered('Request denied. Nothing was shared; the clinician sees that you said no.');
  }

  // The contract has no single "deny and block" call. Blocking goes first: if the patient stops after
  // it (or the deny fails), the account is already kept out and the request still waits here to be denied;
  // the other order could leave the request gone and the account free to ask again.
  async function onDenyAndBlock() {
    if (!alreadyBlocked) {
      const blocked = await block.run({
        functionName: 'blockRequester',
        args: [request.clinician],
        invalidates: [queryKeys.blockedRequesters(config.chainId, patient)],
      });
      if (!blocked.ok) return;
    }
    const result = await deny.run({
      functionName: 'denyRequest',
      args: [request.requestId],
      invalidates: [queryKeys.pendingRequests(config.chainId, patient)],
    });
    if (result.ok) {
      onAnswered('Request denied and account blocked. It can no longer send you requests; it is listed under “Blocked accounts” below.');
    }
  }

  return (
    <li className="space-y-2 py-4" data-testid="access-request" aria-labelledby={headingId}>
      <h3 id={headingId} className="sr-only">
        Request {request.requestId.toString()}
      </h3>
      <div className="space-y-1 text-sm">
        <p>
          <span className="text-slate-600 dark:text-slate-400">Who: </span>
          <ClinicianIdentity clinician={request.clinician} />
        </p>
        <p className="break-all text-xs text-slate-600 dark:text-slate-400">
          Account <span className="font-mono">{request.clinician}</span> · asked on {formatRequestDate(request.requestedAtSeconds)}
        </p>
        <p>
          <span className="text-slate-600 dark:text-slate-400">What: </span>
          <span data-testid="request-scope">{requestScopeText(request.recordIds, names)}</span>
        </p>
        <p data-testid="request-purpose">
          <span className="text-slate-600 dark:text-slate-400">Why: </span>
          {purposeSentence(request.purpose)}
        </p>
        {note && <p className="text-xs text-slate-600 dark:text-slate-400">{note}</p>}
      </div>
      {!approving && (
        <div className="space-y-2">
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => setApproving(true)} disabled={busy}>Approve…</Button>
            <Button variant="secondary" onClick={onDeny} disabled={busy}>Deny</Button>
            <Button variant="secondary" onClick={onDenyAndBlock} disabled={busy} aria-describedby={`${headingId}-block`}>
              Deny and block
            </Button>
          </div>
          <p id={`${headingId}-block`} className="text-xs text-slate-600 dark:text-slate-400">
            {alreadyBlocked
              ? 'You already blocked this account (it asked before you did): Deny and block only denies this request.'
              : 'Deny and block also stops this account from sending you requests. It does not end access you already gave (use Sharing for that), and the chain shows publicly that you blocked it. Your wallet asks twice: first to block, then to deny.'}
          </p>
        </div>
      )}
      <TxStatus state={block.state} pendingLabel="Blocking" />
      <TxStatus state={deny.state} pendingLabel="Denying" />
      {approving && (
        <ApprovePanel
          patient={patient}
          keyPair={keyPair}
          request={request}
          records={records}
          names={names}
          onCancel={() => setApproving(false)}
          onAnswered={onAnswered}
        />
      )}
    </li>
  );
}

function ApprovePanel({
  patient,
  keyPair,
  request,
  records,
  names,
  onCancel,
  onAnswered,
}: {
  patient: Address;
  keyPair: KeyPair;
  request: DatedRequest;
  records: readonly PatientRecord[];
  names: ReadonlyMap<bigint, string>;
  onCancel: () => void;
  onAnswered: (message: string) => void;
}) {
  const granting = useGrantAccess(patient, keyPair);
  const ids = { records: useId() };
  const selection = useSelection<bigint>(() => defaultApprovalSelection(request.recordIds, records));
  const chosen = selection.selected;
  const expiry = useExpiryChoice();
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = expiry.expiresAt(now);
    if (expiresAt === null) {
      setProblem('Choose an end date in the future.');
      return;
    }
    const result = await granting.grant({
      kind: 'approve',
      requestId: request.requestId,
      clinician: request.clinician,
      chosen,
      records: records.map((record) => ({ recordId: record.recordId, locator: record.patientLocator })),
      expiresAt,
    });
    if (result.ok) {
      const count = result.recordCount === 1 ? '1 record' : `${result.recordCount} records`;
      onAnswered(`Request approved: the clinician can open ${count} until ${formatExpiry(expiresAt)}, or until you revoke access.`);
    } else if (result.problem) {
      setProblem(result.problem);
    }
  }

  if (records.length === 0) {
    return (
      <div className="space-y-2 rounded-md border border-slate-200 p-4 dark:border-slate-700">
        <p className="text-sm">You have no records to share yet. Add one above and come back, or deny the request.</p>
        <Button variant="secondary" onClick={onCancel}>Back</Button>
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-700" aria-label="Approve this request">
      <fieldset>
        <legend id={ids.records} className="text-sm font-medium">Records to share</legend>
        <ul className="mt-2 space-y-1">
          {records.map((record) => {
            const id = `${ids.records}-${record.recordId.toString()}`;
            return (
              <li key={record.recordId.toString()} className="flex items-center gap-2 text-sm">
                <input
                  id={id}
                  type="checkbox"
                  checked={chosen.has(record.recordId)}
                  onChange={(e) => selection.set(record.recordId, e.target.checked)}
                  className="h-4 w-4"
                />
                <label htmlFor={id}>{names.get(record.recordId) ?? `Record ${record.recordId.toString()} (name loading…)`}</label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <ExpiryPicker choice={expiry} />
      <p className="text-xs text-slate-600 dark:text-slate-400">
        The clinician can open the chosen records until the end date or until you revoke access. Anything they download while
        they have access stays with them.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={granting.busy || chosen.size === 0}>
          Share {chosen.size === 1 ? '1 record' : `${chosen.size} records`} and approve
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={granting.tx.isBusy}>Cancel</Button>
      </div>
      {problem && <Notice tone="error">{problem}</Notice>}
      <TxStatus state={granting.tx.state} pendingLabel="Approving" />
    </form>
  );
}
