'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useState } from 'react';
import type { Address, Hex } from 'viem';
import { usePublicClient } from 'wagmi';
import { ClinicianIdentity } from '@/components/identity/clinician-identity';
import { usePatientRecords } from '@/hooks/use-consent-reads';
import { useConsentWrite } from '@/hooks/use-consent-write';
import { recordContentQuery, useRecordsMetadata } from '@/hooks/use-open-record';
import { queryKeys } from '@/hooks/query-keys';
import { usePublicConfig } from '@/hooks/use-public-config';
import { TxStatus } from '@/components/tx-status';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import type { KeyPair } from '@/lib/crypto';
import { parseError } from '@/lib/errors/parse-error';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { readBlockTimes } from '@/lib/consent';
import type { ConsentGrantInput, ExportableRecord } from '@/lib/export';
import { formatExpiry } from '@/lib/records/expiry';
import type { CleanupNotice } from '@/lib/records/storage-cleanup';
import { listPatientGrants, type PatientGrant } from '@/lib/consent';
import { activeSharesByClinician, type ClinicianShares } from '@/lib/sharing/plan';
import { ExportPanel } from './export-panel';
import { useReplaceRecord } from './record-actions';

/** Every grant the patient ever gave, from ONE chain scan (not one per record). */
export function usePatientGrants(patient: Address) {
  const config = usePublicConfig();
  const client = usePublicClient({ chainId: config.chainId });
  const consent = config.consent;
  return useQuery({
    queryKey: queryKeys.patientGrants(config.chainId, patient),
    enabled: Boolean(client && consent),
    queryFn: () => listPatientGrants(client!, { contract: consent!.address, fromBlock: BigInt(consent!.deployedBlock), patient }),
    // Grants also end on their own (expiry): keep "who can see" honest without a reload.
    refetchInterval: 30_000,
  });
}

/** What the patient asked to end for one clinician. */
type Revocation =
  | { readonly kind: 'one'; readonly recordId: bigint }
  | { readonly kind: 'selected'; readonly recordIds: readonly bigint[] }
  | { readonly kind: 'all'; readonly recordIds: readonly bigint[] };

function useRecordNames(patient: Address, keyPair: KeyPair) {
  const records = usePatientRecords(patient);
  const metadata = useRecordsMetadata(records.data?.map((r) => r.patientLocator) ?? [], keyPair);
  const names = new Map<bigint, string>();
  const locators = new Map<bigint, Hex>();
  (records.data ?? []).forEach((record, index) => {
    names.set(record.recordId, metadata[index]?.data?.name ?? `Record ${record.recordId.toString()}`);
    locators.set(record.recordId, record.patientLocator);
  });
  return { records, name: (id: bigint) => names.get(id) ?? `Record ${id.toString()}`, locators };
}

/** "Who can see your records": every active grant, by clinician, with ways to end them. */
export function SharingOverview({ patient, keyPair }: { patient: Address; keyPair: KeyPair }) {
  const config = usePublicConfig();
  const grants = usePatientGrants(patient);
  const { name, locators } = useRecordNames(patient, keyPair);
  const revoke = useConsentWrite();
  // Re-keying several records can hit the same storage problem each time: say it once.
  const [storageNotices, setStorageNotices] = useState<readonly CleanupNotice[]>([]);
  const addStorageNotice = useCallback(
    (notice: CleanupNotice) => setStorageNotices((current) => (current.some((n) => n.message === notice.message) ? current : [...current, notice])),
    [],
  );
  const rekey = useReplaceRecord(patient, keyPair, addStorageNotice);
  const [rekeyStep, setRekeyStep] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'error'; message: string } | null>(null);

  // Only records that still exist: a grant on a removed record is already reported as revoked.
  const groups = activeSharesByClinician(grants.data ?? []);
  const busy = revoke.isBusy || rekey.busy;

  /**
   * Ends access first (so it is over the moment the first transaction confirms, whatever happens
   * next), then optionally re-keys each record: one `replaceRecord` per record, carrying the other
   * clinicians' live grants over with fresh locators and leaving the revoked clinician out.
   */
  async function endAccess(clinician: Address, revocation: Revocation, alsoRekey: boolean): Promise<boolean> {
    setOutcome(null);
    setStorageNotices([]);
    const recordIds = revocation.kind === 'one' ? [revocation.recordId] : [...revocation.recordIds];
    const invalidates = [queryKeys.patientGrants(config.chainId, patient)];
    const result =
      revocation.kind === 'one'
        ? await revoke.run({ functionName: 'revokeAccess', args: [revocation.recordId, clinician], invalidates })
        : revocation.kind === 'selected'
          ? await revoke.run({ functionName: 'revokeAccessBatch', args: [recordIds, clinician], invalidates })
          : await revoke.run({ functionName: 'revokeAllForClinician', args: [clinician], invalidates });
    if (!result.ok) return false;
    if (!alsoRekey) {
      setOutcome({ tone: 'success', message: 'Access ended. The clinician can no longer open these records in Chartkey; a copy they already downloaded stays with them.' });
      return true;
    }
    for (const [index, recordId] of recordIds.entries()) {
      const locator = locators.get(recordId);
      if (!locator) continue; // removed meanwhile: nothing left to re-key
      setRekeyStep(`Re-keying ${index + 1} of ${recordIds.length}: ${name(recordId)}`);
      const ok = await rekey.replace({ recordId, currentLocator: locator, source: { kind: 'rekey' }, excluding: [clinician] });
      if (!ok) {
        setRekeyStep(null);
        setOutcome({
          tone: 'error',
          message: `Access ended, but re-keying ${name(recordId)} did not finish. Use “Replace with a new version” on the record to try again, or re-key it from here after sharing it again.`,
        });
        return true;
      }
    }
    setRekeyStep(null);
    setOutcome({ tone: 'success', message: 'Access ended and the records were re-keyed: even with an old key, the clinician cannot open the new versions. Others you share them with keep access.' });
    return true;
  }

  return (
    <Card
      title="Who can see your records"
      description="Everyone you currently share records with, and until when. You can end access at any time."
    >
      <div data-testid="sharing-overview">
        {grants.isPending && <p className="text-sm text-slate-600 dark:text-slate-400">Loading who can see your records…</p>}
        {grants.isError && (
          <Notice tone="error" title="Sharing could not be loaded">
            {parseError(grants.error).message} <Button variant="ghost" onClick={() => grants.refetch()}>Try again</Button>
          </Notice>
        )}
        {grants.data && groups.length === 0 && (
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="sharing-empty">
            Only you can see your records. When you share a record with a clinician (use “Share” on a record under Records, or tick several there and share them together), they appear here with the date their access ends.
          </p>
        )}
        {groups.length > 0 && (
          <ul className="space-y-4" aria-label="Clinicians with access">
            {groups.map((group) => (
              <ClinicianAccess key={group.clinician} group={group} recordName={name} disabled={busy} onEnd={endAccess} />
            ))}
          </ul>
        )}
        <div className="mt-3 space-y-2" aria-live="polite">
          <TxStatus state={revoke.state} pendingLabel="Ending access" />
          {rekeyStep && <p className="text-sm text-slate-700 dark:text-slate-300">{rekeyStep} — {rekey.progressLabel ?? 'working…'}</p>}
          {rekeyStep && <TxStatus state={rekey.tx.state} pendingLabel="Saving the re-keyed version" />}
          {rekey.problem && <Notice tone="error">{rekey.problem}</Notice>}
          {outcome && <Notice tone={outcome.tone}>{outcome.message}</Notice>}
          {storageNotices.map((notice) => (
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
  const [selected, setSelected] = useState<ReadonlySet<bigint>>(new Set());
  const [pending, setPending] = useState<Revocation | null>(null);
  const [alsoRekey, setAlsoRekey] = useState(false);
  const live = new Set(group.grants.map((g) => g.recordId));
  const chosen = [...selected].filter((id) => live.has(id));

  const toggle = (recordId: bigint, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(recordId);
      else next.delete(recordId);
      return next;
    });

  const ask = (revocation: Revocation) => {
    setAlsoRekey(false);
    setPending(revocation);
  };

  async function confirm() {
    if (!pending) return;
    const done = await onEnd(group.clinician, pending, alsoRekey);
    if (done) {
      setPending(null);
      setSelected(new Set());
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
                checked={selected.has(grant.recordId)}
                onChange={(e) => toggle(grant.recordId, e.target.checked)}
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

/** The export card, fed with this patient's records (decrypted on demand) and grants. */
export function PatientExport({ patient, keyPair }: { patient: Address; keyPair: KeyPair }) {
  const config = usePublicConfig();
  const client = usePublicClient({ chainId: config.chainId });
  const queryClient = useQueryClient();
  const records = usePatientRecords(patient);
  const grants = usePatientGrants(patient);

  async function loadRecords(): Promise<ExportableRecord[]> {
    const list = records.data ?? (await records.refetch()).data;
    if (!list) throw new UserFacingError('export.records-unavailable', 'Your records could not be loaded. Check your connection and try again.');
    const loaded: ExportableRecord[] = [];
    // One at a time: each record is downloaded and decrypted in full, so this keeps memory and bandwidth flat.
    for (const record of list) {
      const { plaintext, metadata } = await queryClient.fetchQuery(recordContentQuery(record.patientLocator, keyPair));
      loaded.push({ name: metadata.name, mediaType: metadata.mediaType, createdAt: metadata.createdAt, plaintext, recordId: record.recordId });
    }
    return loaded;
  }

  async function loadGrants(): Promise<ConsentGrantInput[]> {
    const list = grants.data ?? (await grants.refetch()).data;
    if (!list || !client) throw new UserFacingError('export.grants-unavailable', 'Your sharing history could not be loaded. Check your connection and try again.');
    // A Consent's date is when it was given: the time of the block the grant was made in.
    const times = await readBlockTimes(client, list.map((grant) => grant.grantedAtBlock));
    return list.map((grant) => {
      const seconds = times.get(grant.grantedAtBlock);
      return {
        recordId: grant.recordId,
        clinician: grant.clinician,
        expiresAt: grant.expiresAt,
        status: grant.status,
        grantedAt: seconds === undefined ? undefined : Number(seconds) * 1000,
      };
    });
  }

  return <ExportPanel patient={patient} loadRecords={loadRecords} loadGrants={loadGrants} />;
}
