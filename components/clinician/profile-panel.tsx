'use client';

import { useId, useState, type FormEvent } from 'react';
import type { Address } from 'viem';
import { VerifiedBadge } from '@/components/identity/verified-badge';
import { useClinicianProfile } from '@/hooks/use-clinician-profile';
import { useConsentWrite } from '@/hooks/use-consent-write';
import { queryKeys } from '@/hooks/query-keys';
import { usePublicConfig } from '@/hooks/use-public-config';
import { REFRESH_MS } from '@/hooks/refresh';
import { TxStatus } from '@/components/tx-status';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { QueryState } from '@/components/ui/query-state';
import { checkProfileInput, MAX_DISPLAY_NAME_BYTES, MAX_ORGANISATION_BYTES } from '@/lib/requests/inputs';
import { FIELD_CLASSES } from '@/components/ui/field';

/** The clinician's public professional profile: what patients see before sharing or answering a request. */
export function ProfilePanel({ clinician }: { clinician: Address }) {
  const config = usePublicConfig();
  // Verification is done by an attester in their own browser, so nothing here would notice it:
  // re-read the profile now and then so the badge changes without a reload.
  const profile = useClinicianProfile(clinician, { refetchInterval: REFRESH_MS.ownClinicianProfile });
  const [editing, setEditing] = useState(false);

  const current = profile.data ?? null;
  const showForm = profile.isSuccess && (current === null || editing);

  return (
    <Card
      title="Your public profile"
      description="Patients see this name and organisation when you ask for access or when they share with you. It is public professional information: anyone can read it, so add nothing private."
    >
      {/* Success is more than a list here (the profile, or the form to publish one), so it is written out below. */}
      <QueryState query={profile} loading="Loading your profile…" errorTitle="Your profile could not be loaded" />
      {profile.isSuccess && current === null && (
        <p className="mb-4 text-sm text-slate-700 dark:text-slate-300" data-testid="profile-empty">
          You have not published a profile yet. Publish your name and organisation so patients can recognise you, and so you
          can ask patients for access to their records.
        </p>
      )}
      {current && !editing && (
        <div className="space-y-3" data-testid="profile-current">
          <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="text-slate-600 dark:text-slate-400">Name</dt>
            <dd className="font-medium" data-testid="profile-name">{current.displayName}</dd>
            <dt className="text-slate-600 dark:text-slate-400">Organisation</dt>
            <dd>{current.organisation || <span className="text-slate-600 dark:text-slate-400">Not given</span>}</dd>
            <dt className="text-slate-600 dark:text-slate-400">Status</dt>
            <dd>
              <VerifiedBadge verified={current.verified} />
            </dd>
          </dl>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {current.verified
              ? 'An attester (the organisation running this Chartkey) checked that this profile is really you. Changing it removes the verification until they check it again.'
              : 'An attester (the organisation running this Chartkey) can verify that this profile is really you; patients then see a “Verified clinician” badge. Contact them to be verified.'}
          </p>
          <Button variant="secondary" onClick={() => setEditing(true)}>Change profile</Button>
        </div>
      )}
      {showForm && (
        <ProfileForm
          key={current ? `${current.displayName}|${current.organisation}` : 'new'}
          initial={current}
          onDone={() => setEditing(false)}
          onCancel={current ? () => setEditing(false) : undefined}
          invalidates={[queryKeys.clinicianProfile(config.chainId, clinician), queryKeys.publishedClinicians(config.chainId)]}
        />
      )}
    </Card>
  );
}

function ProfileForm({
  initial,
  onDone,
  onCancel,
  invalidates,
}: {
  initial: { displayName: string; organisation: string; verified: boolean } | null;
  onDone: () => void;
  onCancel: (() => void) | undefined;
  invalidates: readonly (readonly unknown[])[];
}) {
  const tx = useConsentWrite();
  const ids = { name: useId(), organisation: useId(), hint: useId() };
  const [displayName, setDisplayName] = useState(initial?.displayName ?? '');
  const [organisation, setOrganisation] = useState(initial?.organisation ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const checked = checkProfileInput(displayName, organisation);
    if (!checked.ok) {
      setProblem(checked.message);
      return;
    }
    const result = await tx.run({
      functionName: 'setClinicianProfile',
      args: [checked.value.displayName, checked.value.organisation],
      invalidates,
    });
    if (result.ok) onDone();
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Publish your public profile">
      <div>
        <label htmlFor={ids.name} className="block text-sm font-medium">Display name</label>
        <input
          id={ids.name}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          placeholder="Dr. Ana Silva"
          autoComplete="name"
          maxLength={MAX_DISPLAY_NAME_BYTES}
          aria-describedby={ids.hint}
          className={`${FIELD_CLASSES} w-full`}
        />
      </div>
      <div>
        <label htmlFor={ids.organisation} className="block text-sm font-medium">Organisation (optional)</label>
        <input
          id={ids.organisation}
          value={organisation}
          onChange={(e) => setOrganisation(e.target.value)}
          placeholder="St. Mary’s Hospital, Cardiology"
          autoComplete="organization"
          maxLength={MAX_ORGANISATION_BYTES}
          aria-describedby={ids.hint}
          className={`${FIELD_CLASSES} w-full`}
        />
      </div>
      <p id={ids.hint} className="text-xs text-slate-600 dark:text-slate-400">
        Public professional details only: your name as patients know it and where you practise. Publishing is permanent
        and public on the network; later changes replace what patients see.
        {initial?.verified && ' Changing a verified profile removes its verification until an attester checks it again.'}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={tx.isBusy}>{initial ? 'Save changes' : 'Publish profile'}</Button>
        {onCancel && <Button variant="secondary" onClick={onCancel}>Cancel</Button>}
      </div>
      {problem && <Notice tone="error">{problem}</Notice>}
      <TxStatus state={tx.state} pendingLabel="Publishing your profile" />
    </form>
  );
}
