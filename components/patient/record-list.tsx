'use client';

import { useCallback, useId, useState } from 'react';
import type { Address } from 'viem';
import { useClinicianProfiles } from '@/hooks/use-clinician-profile';
import { useRecordsMetadata } from '@/hooks/use-open-record';
import { usePatientRecords } from '@/hooks/use-patient-records';
import { useSelection } from '@/hooks/use-selection';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { QueryState } from '@/components/ui/query-state';
import { RECORD_KINDS, type KeyPair, type RecordKind } from '@/lib/crypto';
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
  const selection = useSelection<bigint>();
  // Held here rather than by the record: a removed record's row unmounts before its file is unpinned,
  // and a replaced one remounts while its new version's metadata loads.
  const [storageNotices, setStorageNotices] = useState<readonly (CleanupNotice & { readonly id: string })[]>([]);
  const addStorageNotice = useCallback(
    (notice: CleanupNotice) => setStorageNotices((current) => [...current, { ...notice, id: crypto.randomUUID() }]),
    [],
  );
  const dismissStorageNotice = (id: string) => setStorageNotices((current) => current.filter((notice) => notice.id !== id));

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
      {/* The rows join records with their metadata above, so the list itself is written out below. */}
      <QueryState
        query={records}
        loading="Loading your records…"
        errorTitle="Your records could not be loaded"
        empty="No records yet. Add your first one above: a lab result, a scan, a letter from your doctor."
        emptyTestId="records-empty"
      />
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
            selected={rows.filter(({ record }) => selection.has(record.recordId)).map(({ record }) => ({ recordId: record.recordId, locator: record.patientLocator }))}
            onClear={selection.clear}
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
                selected={selection.has(record.recordId)}
                onSelectedChange={(on) => selection.set(record.recordId, on)}
                onStorageNotice={addStorageNotice}
              />
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
