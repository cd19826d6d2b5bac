'use client';

import { useState } from 'react';
import type { Address } from 'viem';
import { useClinicianGrants } from '@/hooks/use-clinician-grants';
import { useOpenRecord, useRecordMetadata } from '@/hooks/use-open-record';
import { RecordViewer } from '@/components/records/record-viewer';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { QueryState } from '@/components/ui/query-state';
import type { ClinicianGrant } from '@/lib/consent';
import type { KeyPair } from '@/lib/crypto';
import { parseError } from '@/lib/errors/parse-error';
import { formatExpiry } from '@/lib/records/expiry';

const STATUS_TEXT: Record<ClinicianGrant['status'], string> = {
  active: 'Shared with you',
  expired: 'Access expired',
  revoked: 'Access revoked by the patient',
  removed: 'Removed by the patient',
};

export function SharedRecordList({ clinician, keyPair }: { clinician: Address; keyPair: KeyPair }) {
  const grants = useClinicianGrants(clinician);

  return (
    <Card title="Shared records" description={<>Your address: <span className="font-mono text-xs">{clinician}</span>. Give it to a patient so they can share records with you.</>}>
      <QueryState
        query={grants}
        loading="Loading shared records…"
        errorTitle="Shared records could not be loaded"
        empty="Nothing has been shared with you yet. When a patient shares a record with your address, it appears here."
        emptyTestId="shared-empty"
      >
        {(list) => (
          <div className="space-y-6">
            {groupByPatient(list).map(([patient, patientGrants]) => (
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
          </div>
        )}
      </QueryState>
    </Card>
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

function SharedRecord({ grant, keyPair }: { grant: ClinicianGrant; keyPair: KeyPair }) {
  const [viewing, setViewing] = useState(false);
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
