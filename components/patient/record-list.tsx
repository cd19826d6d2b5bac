'use client';

import { useCallback, useId, useState } from 'react';
import type { Address } from 'viem';
import { useClinicianProfiles, usePatientRecords } from '@/hooks/use-consent-reads';
import { useRecordsMetadata } from '@/hooks/use-open-record';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { RECORD_KINDS, type KeyPair, type RecordKind } from '@/lib/crypto';
import { parseError } from '@/lib/errors/parse-error';
import { KIND_LABELS, matchesFilter } from '@/lib/records/filter';
import type { CleanupNotice } from '@/lib/records/storage-cleanup';
import { activeGrantsByRecord } from '@/lib/sharing/plan';
import { RecordItem } from './record-item';
import { ShareSeveral } from './share-several';
import { usePatientGrants } from '@/hooks/use-patient-grants';
import { FIELD_CLASSES } from '@/components/ui/field';

export function RecordList({ patient, keyPair }: { patient: Address; keyPair: KeyPair }) {
  const records = usePatientRecords(patient);
  const metadata = useRecordsMetadata(records.data?.map((r) => r.patientLocator) ?? [], keyPair);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<RecordKind | 'all'>('all');
  const ids = { search: useId(), kind: useId() };
  // One chain scan for the whole list's "who can see it", instead of one per record.
  const grants = usePatientGrants(patient);
  const grantsByRecord = grants.data ? activeGrantsByRecord(grants.data) : undefined;
  // Likewise one profile read per clinician, however many records they can see.
  const profiles = useClinicianProfiles([...(grantsByRecord?.values() ?? [])].flatMap((list) => list.map((grant) => grant.clinician)));
  const [selected, setSelected] = useState<ReadonlySet<bigint>>(new Set());
  // Held here rather than by the record: a removed record's row unmounts before its file is unpinned,
  // and a replaced one remounts while its new version's metadata loads.
  const [storageNotices, setStorageNotices] = useState<readonly (CleanupNotice & { readonly id: string })[]>([]);
  const addStorageNotice = useCallback(
    (notice: CleanupNotice) => setStorageNotices((current) => [...current, { ...notice, id: crypto.randomUUID() }]),
    [],
  );
  const dismissStorageNotice = (id: string) => setStorageNotices((current) => current.filter((notice) => notice.id !== id));
  const setRecordSelected = (recordId: bigint, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(recordId);
      else next.delete(recordId);
      return next;
    });

  const rows = (records.data ?? []).map((record, index) => ({ record, meta: metadata[index] }));
  const visible = rows.filter(({ meta }) => matchesFilter(meta?.data, { query, kind }));

  return (
    <Card title="Your records">
      {storageNotices.length > 0 && (
        <div className="mb-3 space-y-2">
          {storageNotices.map((notice) => (
            <div key={notice.id} data-testid="storage-notice">
              <Notice tone={notice.tone}>
                {notice.message} <Button variant="ghost" onClick={() => dismissStorageNotice(notice.id)}>Dismiss</Button>
              </Notice>
            </div>
          ))}
        </div>
      )}
      {records.isPending && <p className="text-sm text-slate-500 dark:text-slate-400">Loading your records…</p>}
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
      {rows.length > 0 && (
        <>
          <div className="mb-3 flex flex-wrap items-end gap-3" role="search">
            <div className="grow">
              <label htmlFor={ids.search} className="block text-xs font-medium text-slate-600 dark:text-slate-400">Search your records</label>
              <input
                id={ids.search}
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                placeholder="Name or type"
                className={`${FIELD_CLASSES} w-full`}
              />
            </div>
            <div>
              <label htmlFor={ids.kind} className="block text-xs font-medium text-slate-600 dark:text-slate-400">Show</label>
              <select
                id={ids.kind}
                value={kind}
                onChange={(e) => setKind(e.target.value as RecordKind | 'all')}
                className={FIELD_CLASSES}
              >
                <option value="all">All kinds</option>
                {RECORD_KINDS.map((k) => (
                  <option key={k} value={k}>{KIND_LABELS[k]}</option>
                ))}
              </select>
            </div>
          </div>
          <ShareSeveral
            patient={patient}
            keyPair={keyPair}
            selected={rows.filter(({ record }) => selected.has(record.recordId)).map(({ record }) => ({ recordId: record.recordId, locator: record.patientLocator }))}
            onClear={() => setSelected(new Set())}
          />
          <p className="sr-only" aria-live="polite">{`${visible.length} of ${rows.length} records shown`}</p>
          {visible.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No records match your search.</p>}
          <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Records">
            {visible.map(({ record, meta }) => (
              <RecordItem
                key={record.recordId.toString()}
                patient={patient}
                record={record}
                keyPair={keyPair}
                metadata={meta?.data}
                metadataError={meta?.isError ? meta.error : null}
                activeGrants={grantsByRecord ? (grantsByRecord.get(record.recordId) ?? []) : undefined}
                profiles={profiles}
                selected={selected.has(record.recordId)}
                onSelectedChange={(on) => setRecordSelected(record.recordId, on)}
                onStorageNotice={addStorageNotice}
              />
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
