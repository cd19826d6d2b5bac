'use client';

import type { Address } from 'viem';
import { usePatientRecords } from '@/components/hooks/use-consent-reads';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import type { KeyPair } from '@/lib/crypto';
import { parseError } from '@/lib/errors/parse-error';
import { RecordItem } from './record-item';

export function RecordList({ patient, keyPair }: { patient: Address; keyPair: KeyPair }) {
  const records = usePatientRecords(patient);

  return (
    <Card title="Your records">
      {records.isPending && <p className="text-sm text-slate-500">Loading your records…</p>}
      {records.isError && (
        <Notice tone="error" title="Your records could not be loaded">
          {parseError(records.error).message} <Button variant="ghost" onClick={() => records.refetch()}>Try again</Button>
        </Notice>
      )}
      {records.data && records.data.length === 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="records-empty">
          No records yet. Add your first one above: a lab result, a scan, a letter from your doctor.
        </p>
      )}
      {records.data && records.data.length > 0 && (
        <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Records">
          {records.data.map((record) => (
            <RecordItem key={record.recordId.toString()} patient={patient} record={record} keyPair={keyPair} />
          ))}
        </ul>
      )}
    </Card>
  );
}
