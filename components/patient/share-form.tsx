'use client';

import { useId, useState, type FormEvent } from 'react';
import { getAddress, isAddress, isAddressEqual, type Address } from 'viem';
import { ClinicianIdentity } from '@/components/identity/clinician-identity';
import { useGrantAccess } from '@/hooks/use-grant-access';
import { TxStatus } from '@/components/tx-status';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import type { KeyPair } from '@/lib/crypto';
import type { GrantableRecord } from '@/lib/sharing/grant';
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

/** The typed address, once it is a well-formed account other than the patient's, else null. */
function typedClinician(input: string, patient: Address): Address | null {
  const trimmed = input.trim();
  if (!isAddress(trimmed, { strict: false })) return null;
  const address = getAddress(trimmed);
  return isAddressEqual(address, patient) ? null : address;
}

export function ShareForm({ patient, records, recordTitle, keyPair, onDone }: Props) {
  const granting = useGrantAccess(patient, keyPair);
  const ids = { address: useId() };
  const [clinician, setClinician] = useState('');
  const expiry = useExpiryChoice();
  const [problem, setProblem] = useState<string | null>(null);
  const identified = typedClinician(clinician, patient);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const input = clinician.trim();
    if (!isAddress(input, { strict: false })) {
      setProblem('That is not a valid account address. It should start with 0x followed by 40 letters and numbers; ask the clinician to copy it from their wallet.');
      return;
    }
    const recipient = getAddress(input);
    if (isAddressEqual(recipient, patient)) {
      setProblem('That is your own address. Enter the clinician’s address instead.');
      return;
    }
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
