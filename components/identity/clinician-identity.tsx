'use client';

import type { Address } from 'viem';
import { useClinicianProfile } from '@/hooks/use-clinician-profile';
import { VerifiedBadge } from './verified-badge';

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
