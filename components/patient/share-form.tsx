'use client';

import { useId, useState, type FormEvent } from 'react';
import type { Address } from 'viem';
import { ClinicianIdentity } from '@/components/identity/clinician-identity';
import { useGrantAccess } from '@/hooks/use-grant-access';
import { TxStatus } from '@/components/tx-status';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import type { KeyPair } from '@/lib/crypto';
import type { GrantableRecord } from '@/lib/sharing/grant';
import { checkAccountAddress } from '@/lib/wallet/address-input';
import { useExpiryChoice } from '@/hooks/use-expiry-choice';
import { ExpiryPicker } from './expiry-picker';
import { FIELD_CLASSES } from '@/components/ui/field';

export type ShareableRecord = GrantableRecord;

type Props = {
  patient: Address;
  /** One record (one `grantAccess`) or several (one `grantAccessBatch` transaction). */
  records: readonly ShareableRecord[];
  /** What is being shared, e.g. the record's name or "3 records". */
  recordTitle: string;
  keyPair: KeyPair;
  onDone: () => void;
};


export function ShareForm({ patient, records, recordTitle, keyPair, onDone }: Props) {
  const granting = useGrantAccess(patient, keyPair);
  const ids = { address: useId() };
  const [clinician, setClinician] = useState('');
  const expiry = useExpiryChoice();
  const [problem, setProblem] = useState<string | null>(null);
  const checked = checkAccountAddress(clinician, patient, 'clinician');
  // Who the address belongs to is looked up as soon as it is a usable account other than the patient's.
  const identified = checked.ok ? checked.value : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    if (!checked.ok) {
      setProblem(checked.message);
      return;
    }
    const recipient = checked.value;
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = expiry.expiresAt(now);
    if (expiresAt === null) {
      setProblem('Choose an end date in the future.');
      return;
    }
    const result = await granting.grant({ kind: 'share', clinician: recipient, records, expiresAt });
    if (result.ok) onDone();
    else if (result.problem) setProblem(result.problem);
  }

  return (
    <form onSubmit={submit} className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-700" aria-label={`Share ${recordTitle}`}>
      <div>
        <label htmlFor={ids.address} className="block text-sm font-medium">Clinician’s account address</label>
        <input
          id={ids.address}
          value={clinician}
          onChange={(e) => setClinician(e.target.value)}
          placeholder="0x…"
          autoComplete="off"
          spellCheck={false}
          className={`${FIELD_CLASSES} w-full font-mono`}
        />
        {identified && (
          // Who the address belongs to, by their public profile, before anything is shared.
          <p className="mt-2" aria-live="polite" data-testid="share-recipient">
            <span className="text-slate-600 dark:text-slate-400">You are sharing with: </span>
            <ClinicianIdentity clinician={identified} />
          </p>
        )}
      </div>
      <ExpiryPicker choice={expiry} />
      <p className="text-xs text-slate-600 dark:text-slate-400">
        The clinician can open {records.length === 1 ? 'this record' : 'these records'} until the end date or until you revoke access. Anything they download while they
        have access stays with them.
      </p>
      <div className="flex gap-2">
        <Button type="submit" disabled={granting.busy}>{records.length === 1 ? 'Share record' : `Share ${records.length} records`}</Button>
        <Button variant="secondary" onClick={onDone}>Cancel</Button>
      </div>
      {problem && <Notice tone="error">{problem}</Notice>}
      <TxStatus state={granting.tx.state} pendingLabel="Sharing" />
    </form>
  );
}
