'use client';

import type { Address } from 'viem';
import { useClinicianProfile } from '@/hooks/use-consent-reads';

/** A badge that says whether an attester verified the clinician's published profile. */
export function VerifiedBadge({ verified }: { verified: boolean }) {
  return verified ? (
    <span className="inline-flex items-center rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100" data-testid="verified-badge">
      ✓ Verified clinician
    </span>
  ) : (
    <span className="inline-flex items-center rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100" data-testid="unverified-badge">
      Not verified
    </span>
  );
}

/** Who a clinician address belongs to, by their public profile, with the verification badge. */
export function ClinicianIdentity({ clinician }: { clinician: Address }) {
  const profile = useClinicianProfile(clinician);
  if (profile.isPending) return <span className="text-sm text-slate-600 dark:text-slate-400">Looking up this clinician…</span>;
  if (!profile.data) {
    return (
      <span className="text-sm" data-testid="clinician-identity">
        <span className="font-mono text-xs">{clinician}</span> <span className="text-slate-600 dark:text-slate-400">· no public profile</span>{' '}
        <VerifiedBadge verified={false} />
      </span>
    );
  }
  return (
    <span className="text-sm" data-testid="clinician-identity">
      <span className="font-medium">{profile.data.displayName}</span>
      {profile.data.organisation && <span className="text-slate-600 dark:text-slate-400"> · {profile.data.organisation}</span>}{' '}
      <VerifiedBadge verified={profile.data.verified} />
    </span>
  );
}
