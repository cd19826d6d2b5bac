'use client';

import { useId, useState, type FormEvent } from 'react';
import type { Address } from 'viem';
import { useClinicianProfile } from '@/hooks/use-clinician-profile';
import { useConsentScan } from '@/hooks/use-consent-client';
import { useConsentWrite } from '@/hooks/use-consent-write';
import { queryKeys } from '@/hooks/query-keys';
import { usePublicConfig } from '@/hooks/use-public-config';
import { TxStatus } from '@/components/tx-status';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { readEncryptionKey, REQUEST_PURPOSES, type RequestPurpose } from '@/lib/consent';
import { parseError } from '@/lib/errors/parse-error';
import { checkPatientAddress } from '@/lib/requests/inputs';
import { PURPOSE_LABELS } from '@/lib/requests/labels';
import { REQUEST_NOTE_HASH } from '@/lib/requests/note';
import { FIELD_CLASSES } from '@/components/ui/field';

/**
 * Asks a patient for access to their records. v1 asks for all records (an empty id list): the
 * clinician cannot see a patient's records before access, so they could only name ids given to them
 * out of band; the patient still picks which records to share when approving.
 */
export function RequestAccessForm({ clinician }: { clinician: Address }) {
  const config = usePublicConfig();
  const { scan } = useConsentScan();
  const profile = useClinicianProfile(clinician);
  const tx = useConsentWrite();
  const ids = { patient: useId(), purpose: useId(), scope: useId() };
  const [patient, setPatient] = useState('');
  const [purpose, setPurpose] = useState<RequestPurpose>('treatment');
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [sent, setSent] = useState(false);

  const hasProfile = profile.isSuccess && profile.data !== null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setSent(false);
    const checked = checkPatientAddress(patient, clinician);
    if (!checked.ok) {
      setProblem(checked.message);
      return;
    }
    if (!scan) return;
    setChecking(true);
    try {
      const patientKey = await readEncryptionKey(scan.client, { contract: scan.contract, account: checked.value });
      if (!patientKey) {
        setProblem('This patient has not set up Chartkey yet, so they cannot receive your request. Ask them to open Chartkey, connect this address and set up their key, then try again.');
        return;
      }
      const result = await tx.run({
        functionName: 'requestAccess',
        args: [checked.value, [], REQUEST_PURPOSES.indexOf(purpose), REQUEST_NOTE_HASH],
        invalidates: [queryKeys.clinicianRequests(config.chainId, clinician), queryKeys.pendingRequests(config.chainId, checked.value)],
      });
      if (result.ok) {
        setPatient('');
        setSent(true);
      }
    } catch (error) {
      setProblem(parseError(error, 'The request could not be sent. Nothing was changed; please try again.').message);
    } finally {
      setChecking(false);
    }
  }

  return (
    <Card
      title="Ask a patient for access"
      description="The patient sees your public profile and your reason, then decides which records to share and for how long."
    >
      {profile.isSuccess && !hasProfile && (
        <div className="mb-4">
          <Notice tone="info">Publish your public profile above first, so the patient can see who is asking.</Notice>
        </div>
      )}
      <form onSubmit={submit} className="space-y-3" aria-label="Ask a patient for access">
        <div>
          <label htmlFor={ids.patient} className="block text-sm font-medium">Patient’s account address</label>
          <input
            id={ids.patient}
            value={patient}
            onChange={(e) => setPatient(e.target.value)}
            placeholder="0x…"
            autoComplete="off"
            spellCheck={false}
            className={`${FIELD_CLASSES} w-full font-mono`}
          />
        </div>
        <div>
          <label htmlFor={ids.purpose} className="block text-sm font-medium">Why you need access</label>
          <select id={ids.purpose} value={purpose} onChange={(e) => setPurpose(e.target.value as RequestPurpose)} className={FIELD_CLASSES}>
            {REQUEST_PURPOSES.map((p) => (
              <option key={p} value={p}>{PURPOSE_LABELS[p]}</option>
            ))}
          </select>
        </div>
        <p id={ids.scope} className="text-xs text-slate-600 dark:text-slate-400">
          You ask for all of the patient’s records; they choose which ones to share. Your request, your address and the reason
          are visible on the network, never any record content. If you want to explain more, tell the patient through your
          usual channel: Chartkey does not carry messages.
        </p>
        <Button type="submit" disabled={!hasProfile || checking || tx.isBusy} aria-describedby={ids.scope}>Send request</Button>
        {problem && <Notice tone="error">{problem}</Notice>}
        <TxStatus state={tx.state} pendingLabel="Sending your request" />
        {sent && tx.state.status === 'confirmed' && <Notice tone="success">Request sent. It is listed under “Your requests” below.</Notice>}
      </form>
    </Card>
  );
}
