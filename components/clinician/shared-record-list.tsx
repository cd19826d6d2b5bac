'use client';

import { useId, useMemo, useState } from 'react';
import type { Address } from 'viem';
import { useBlockTimes } from '@/hooks/use-block-times';
import { useClinicianGrants } from '@/hooks/use-clinician-grants';
import { useClinicianRequests } from '@/hooks/use-clinician-requests';
import { useOpenRecord, useRecordMetadata } from '@/hooks/use-open-record';
import { useSharePreferences } from '@/hooks/use-share-preferences';
import { RecordViewer } from '@/components/records/record-viewer';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { QueryState, type QueryStateSource } from '@/components/ui/query-state';
import type { ClinicianGrant } from '@/lib/consent';
import type { KeyPair } from '@/lib/crypto';
import { parseError } from '@/lib/errors/parse-error';
import { formatExpiry } from '@/lib/records/expiry';
import { formatRequestDate } from '@/lib/requests/block-times';
import { askedPatients, sortShares, type SortedShares } from '@/lib/sharing/unsolicited';

const STATUS_TEXT: Record<ClinicianGrant['status'], string> = {
  active: 'Shared with you',
  expired: 'Access expired',
  revoked: 'Access revoked by the patient',
  removed: 'Removed by the patient',
};

type Shares = SortedShares<ClinicianGrant> & { readonly all: readonly ClinicianGrant[] };

export function SharedRecordList({ clinician, keyPair }: { clinician: Address; keyPair: KeyPair }) {
  const grants = useClinicianGrants(clinician);
  // Which shares were asked for is decided from the clinician's own requests: until they are read,
  // nothing is listed (and so nothing is fetched), rather than a stranger's share being opened meanwhile.
  const requests = useClinicianRequests(clinician);
  const preferences = useSharePreferences(clinician);
  const settingId = useId();
  const { hiddenPatients, together } = preferences;
  const shares = useMemo<Shares | undefined>(
    () =>
      grants.data && requests.data
        ? { all: grants.data, ...sortShares(grants.data, { askedPatients: askedPatients(requests.data), hiddenPatients, together }) }
        : undefined,
    [grants.data, requests.data, hiddenPatients, together],
  );
  const source: QueryStateSource<Shares> = {
    isError: grants.isError || requests.isError,
    isPending: shares === undefined && !grants.isError && !requests.isError,
    error: grants.isError ? grants.error : requests.error,
    data: shares,
    refetch: () => Promise.all([grants.refetch(), requests.refetch()]),
  };

  return (
    <Card title="Shared records" description={<>Your address: <span className="font-mono text-xs">{clinician}</span>. Give it to a patient so they can share records with you.</>}>
      <div className="mb-4 space-y-1">
        <div className="flex items-center gap-2 text-sm">
          <input
            id={settingId}
            type="checkbox"
            className="h-4 w-4"
            checked={together}
            onChange={(event) => preferences.setTogether(event.target.checked)}
            aria-describedby={`${settingId}-help`}
          />
          <label htmlFor={settingId}>Show shares from all patients together</label>
        </div>
        <p id={`${settingId}-help`} className="text-xs text-slate-600 dark:text-slate-400">
          Anyone can share a record with your address. Unless this is on, shares from patients you never sent a request to are listed
          apart, under “Not requested”, and are not downloaded until you open one. This setting is kept in this browser only.
        </p>
      </div>
      <QueryState
        query={source}
        loading="Loading shared records…"
        errorTitle="Shared records could not be loaded"
        empty="Nothing has been shared with you yet. When a patient shares a record with your address, it appears here."
        emptyTestId="shared-empty"
        isEmpty={(data) => data.all.length === 0}
      >
        {(data) => (
          <div className="space-y-6">
            {data.requested.length === 0 && (
              <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="requested-empty">
                No records from patients you asked yet.
              </p>
            )}
            {groupByPatient(data.requested).map(([patient, patientGrants]) => (
              <section key={patient} aria-label={`Records from patient ${patient}`} data-testid="patient-group">
                <h3 className="text-sm font-semibold">
                  Patient <span className="font-mono text-xs font-normal">{patient}</span>
                </h3>
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  {patientGrants.filter((g) => g.status === 'active').length} of {patientGrants.length} shared records open to you
                </p>
                <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Shared records">
                  {patientGrants.map((grant) => (
                    <SharedRecord key={`${grant.patient}-${grant.recordId.toString()}`} grant={grant} keyPair={keyPair} />
                  ))}
                </ul>
              </section>
            ))}
            {(data.notRequested.length > 0 || data.hidden.length > 0) && (
              <NotRequestedShares
                shares={data.notRequested}
                hidden={data.hidden}
                keyPair={keyPair}
                onHide={preferences.hide}
                onUnhide={preferences.unhide}
              />
            )}
          </div>
        )}
      </QueryState>
    </Card>
  );
}

function NotRequestedShares({
  shares,
  hidden,
  keyPair,
  onHide,
  onUnhide,
}: {
  shares: readonly ClinicianGrant[];
  hidden: readonly ClinicianGrant[];
  keyPair: KeyPair;
  onHide: (patient: Address) => void;
  onUnhide: (patient: Address) => void;
}) {
  const [showHidden, setShowHidden] = useState(false);
  const headingId = useId();
  const blocks = useMemo(() => [...new Set([...shares, ...hidden].map((g) => g.grantedAtBlock))].sort(), [shares, hidden]);
  const times = useBlockTimes(blocks);
  const dateOf = (grant: ClinicianGrant) => formatRequestDate(times.data?.get(grant.grantedAtBlock));

  return (
    <section aria-labelledby={headingId} data-testid="not-requested" className="space-y-2">
      <h3 id={headingId} className="text-sm font-semibold">Not requested</h3>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        From patients you never sent a request to. Chartkey has not downloaded or decrypted these: you see only who shared and when.
        Open one only if you expect it; hide the ones you do not want listed (hiding is kept in this browser only).
      </p>
      {shares.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">None listed.</p>}
      <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Shares you did not request">
        {shares.map((grant) => (
          <UnsolicitedShare key={`${grant.patient}-${grant.recordId.toString()}`} grant={grant} date={dateOf(grant)} keyPair={keyPair} onHide={onHide} />
        ))}
      </ul>
      {hidden.length > 0 && (
        <Button variant="ghost" onClick={() => setShowHidden((v) => !v)} aria-expanded={showHidden}>
          {showHidden ? 'Stop showing hidden' : `Show hidden (${hidden.length})`}
        </Button>
      )}
      {showHidden && hidden.length > 0 && (
        <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Hidden shares">
          {hidden.map((grant) => (
            <li key={`${grant.patient}-${grant.recordId.toString()}`} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="hidden-share" data-patient={grant.patient}>
              <ShareOrigin grant={grant} date={dateOf(grant)} />
              <Button variant="secondary" onClick={() => onUnhide(grant.patient)}>Unhide</Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ShareOrigin({ grant, date }: { grant: ClinicianGrant; date: string }) {
  return (
    <div className="text-sm">
      <p>
        Patient <span className="break-all font-mono text-xs">{grant.patient}</span>
      </p>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Shared on {date} · {STATUS_TEXT[grant.status]}
      </p>
    </div>
  );
}

function UnsolicitedShare({ grant, date, keyPair, onHide }: { grant: ClinicianGrant; date: string; keyPair: KeyPair; onHide: (patient: Address) => void }) {
  // Nothing about the record (not even its name) is fetched until the clinician chooses "Open anyway".
  const [opened, setOpened] = useState(false);
  const active = grant.status === 'active';

  return (
    <li className="space-y-2 py-3" data-testid="unsolicited-share" data-patient={grant.patient}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <ShareOrigin grant={grant} date={date} />
        <div className="flex flex-wrap gap-2">
          {active && !opened && (
            <Button variant="secondary" onClick={() => setOpened(true)}>Open anyway</Button>
          )}
          <Button variant="ghost" onClick={() => onHide(grant.patient)} aria-label={`Hide shares from patient ${grant.patient}`}>
            Hide
          </Button>
        </div>
      </div>
      {opened && (
        <ul aria-label="Opened share">
          <SharedRecord grant={grant} keyPair={keyPair} openAtStart />
        </ul>
      )}
    </li>
  );
}

/** Patients in order of their most recent share; active records first within each. */
function groupByPatient(grants: readonly ClinicianGrant[]): [string, ClinicianGrant[]][] {
  const groups = new Map<string, ClinicianGrant[]>();
  for (const grant of [...grants].sort((a, b) => Number(b.grantedAtBlock - a.grantedAtBlock))) {
    const list = groups.get(grant.patient) ?? [];
    list.push(grant);
    groups.set(grant.patient, list);
  }
  const rank = (g: ClinicianGrant) => (g.status === 'active' ? 0 : 1);
  return [...groups].map(([patient, list]) => [patient, list.sort((a, b) => rank(a) - rank(b))]);
}

function SharedRecord({ grant, keyPair, openAtStart = false }: { grant: ClinicianGrant; keyPair: KeyPair; openAtStart?: boolean }) {
  const [viewing, setViewing] = useState(openAtStart);
  const active = grant.status === 'active';
  const metadata = useRecordMetadata(grant.clinicianLocator, keyPair, active);
  const content = useOpenRecord(grant.clinicianLocator, keyPair, active && viewing);
  const title = active && metadata.data ? metadata.data.name : `Record ${grant.recordId.toString()}`;

  return (
    <li className="py-4" data-testid="shared-record" data-status={grant.status}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 className="font-medium" data-testid="shared-record-title">{title}</h3>
          <p className={`text-xs ${active ? 'text-emerald-700 dark:text-emerald-300' : 'text-slate-500 dark:text-slate-400'}`} data-testid="shared-record-status">
            {STATUS_TEXT[grant.status]}
            {active ? ` until ${formatExpiry(grant.expiresAt)}` : ''}
          </p>
        </div>
        {active && (
          <Button variant="secondary" onClick={() => setViewing((v) => !v)} aria-expanded={viewing} disabled={!metadata.data}>
            {viewing ? 'Close' : 'Open'}
          </Button>
        )}
      </div>
      {active && (metadata.isError || content.isError) && (
        <div className="mt-2">
          <Notice tone="error">{parseError(metadata.error ?? content.error, 'This record could not be opened.').message}</Notice>
        </div>
      )}
      {active && viewing && content.isPending && <p className="mt-3 text-sm text-slate-500 dark:text-slate-400" aria-live="polite">Downloading and decrypting…</p>}
      {active && viewing && content.data && (
        <div className="mt-3">
          <RecordViewer plaintext={content.data.plaintext} metadata={content.data.metadata} />
        </div>
      )}
    </li>
  );
}
