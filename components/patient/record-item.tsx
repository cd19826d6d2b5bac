'use client';

import { useState } from 'react';
import type { Address } from 'viem';
import { useConsentWrite } from '@/hooks/use-consent-write';
import { useOpenRecord } from '@/hooks/use-open-record';
import { queryKeys } from '@/hooks/query-keys';
import { usePublicConfig } from '@/hooks/use-public-config';
import { RecordViewer } from '@/components/records/record-viewer';
import { TxStatus } from '@/components/tx-status';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { VerifiedBadge } from '@/components/identity/verified-badge';
import type { ClinicianProfile, PatientGrant, PatientRecord } from '@/lib/consent';
import type { KeyPair, RecordMetadata } from '@/lib/crypto';
import { parseError } from '@/lib/errors/parse-error';
import { formatExpiry } from '@/lib/records/expiry';
import type { CleanupNotice } from '@/lib/records/storage-cleanup';
import { shortAddress } from '@/lib/requests/labels';
import { KIND_LABELS } from '@/lib/records/filter';
import { RecordActions } from './record-actions';
import { ShareForm } from './share-form';


/**
 * Who holds a grant: their public profile's name where they published one, else the short address.
 * The full address stays in the tooltip and for screen readers, since names are self-declared.
 */
function GrantHolder({ clinician, profile }: { clinician: Address; profile: ClinicianProfile | null | undefined }) {
  if (!profile) {
    return (
      <span className="font-mono text-xs" title={clinician} data-testid="grant-holder">
        <span aria-hidden="true">{shortAddress(clinician)}</span>
        <span className="sr-only">account {clinician}</span>
      </span>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-x-1 text-sm" title={clinician} data-testid="grant-holder">
      <span className="font-medium">{profile.displayName}</span>
      {profile.organisation && <span className="text-slate-600 dark:text-slate-400">· {profile.organisation}</span>}
      <span className="sr-only">(account {clinician})</span>
      <VerifiedBadge verified={profile.verified} />
    </span>
  );
}

type Props = {
  patient: Address;
  record: PatientRecord;
  keyPair: KeyPair;
  /** The record's decrypted metadata, once the list has loaded it. */
  metadata: RecordMetadata | undefined;
  metadataError: Error | null;
  /** The record's active grants, from the list's one patient-wide read (undefined while loading). */
  activeGrants: readonly PatientGrant[] | undefined;
  /** Clinicians' public profiles by lower-case address, read once for the whole list. */
  profiles: ReadonlyMap<string, ClinicianProfile | null>;
  /** Ticked for "Share selected". */
  selected: boolean;
  onSelectedChange: (selected: boolean) => void;
  /** What became of an ended version's encrypted file (shown by the list, which outlives this item). */
  onStorageNotice: (notice: CleanupNotice) => void;
};

export function RecordItem({ patient, record, keyPair, metadata, metadataError, activeGrants, profiles, selected, onSelectedChange, onStorageNotice }: Props) {
  const config = usePublicConfig();
  const [viewing, setViewing] = useState(false);
  const [sharing, setSharing] = useState(false);
  const content = useOpenRecord(record.patientLocator, keyPair, viewing);
  const revoke = useConsentWrite();
  const title = metadata?.name ?? `Record ${record.recordId.toString()}`;
  const active = activeGrants ?? [];

  return (
    <li className="py-4" data-testid="record-item" data-record-id={record.recordId.toString()}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex items-start gap-3">
          <input
            type="checkbox"
            className="mt-1 h-4 w-4"
            checked={selected}
            onChange={(e) => onSelectedChange(e.target.checked)}
            aria-label={`Select ${title} for sharing`}
            data-testid="record-select"
          />
          <div>
            <h3 className="font-medium" data-testid="record-title">{title}</h3>
            <p className="text-xs text-slate-500 dark:text-slate-400">
              {metadata
                ? `${KIND_LABELS[metadata.kind]} · added ${new Date(metadata.createdAt).toLocaleDateString()}`
                : metadataError
                  ? 'Could not be opened'
                  : 'Decrypting…'}
            </p>
          </div>
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => setViewing((v) => !v)} aria-expanded={viewing} disabled={!metadata}>
            {viewing ? 'Close' : 'Open'}
          </Button>
          <Button variant="secondary" onClick={() => setSharing((v) => !v)} aria-expanded={sharing}>
            Share
          </Button>
        </div>
      </div>

      {(metadataError ?? (viewing && content.error)) && (
        <div className="mt-2">
          <Notice tone="error">{parseError(metadataError ?? content.error, 'This record could not be opened.').message}</Notice>
        </div>
      )}
      {viewing && content.isPending && <p className="mt-3 text-sm text-slate-500 dark:text-slate-400" aria-live="polite">Downloading and decrypting…</p>}
      {viewing && content.data && (
        <div className="mt-3">
          <RecordViewer plaintext={content.data.plaintext} metadata={content.data.metadata} />
        </div>
      )}

      <div className="mt-3 text-sm">
        <p className="text-slate-600 dark:text-slate-400">
          {active.length === 0 ? 'Only you can see this record.' : 'Also visible to:'}
        </p>
        {active.length > 0 && (
          <ul className="mt-1 space-y-1" aria-label={`Who can see ${title}`}>
            {active.map((grant) => (
              <li key={grant.clinician} className="flex flex-wrap items-center gap-3" data-testid="active-grant">
                <GrantHolder clinician={grant.clinician} profile={profiles.get(grant.clinician.toLowerCase())} />
                <span className="text-xs text-slate-500 dark:text-slate-400">until {formatExpiry(grant.expiresAt)}</span>
                <Button
                  variant="ghost"
                  disabled={revoke.isBusy}
                  onClick={() =>
                    revoke.run({
                      functionName: 'revokeAccess',
                      args: [record.recordId, grant.clinician],
                      invalidates: [queryKeys.patientGrants(config.chainId, patient)],
                    })
                  }
                >
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
        <div className="mt-2">
          <TxStatus
            state={revoke.state}
            pendingLabel="Revoking access"
            confirmedLabel="Access revoked. The clinician can no longer open this record in Chartkey; a copy they already downloaded stays with them."
          />
        </div>
      </div>

      {sharing && metadata && (
        <div className="mt-3">
          <ShareForm
            patient={patient}
            records={[{ recordId: record.recordId, locator: record.patientLocator }]}
            recordTitle={title}
            keyPair={keyPair}
            onDone={() => setSharing(false)}
          />
        </div>
      )}

      {metadata && <RecordActions patient={patient} record={record} keyPair={keyPair} title={title} sharedWith={active.length} onStorageNotice={onStorageNotice} />}
    </li>
  );
}
