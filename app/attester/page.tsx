import type { Metadata } from 'next';
import { AttesterDashboard } from '@/components/attester/attester-dashboard';

export const metadata: Metadata = { title: 'Verify clinicians' };

export default function AttesterPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Verify clinicians</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
          This page is for attesters: the people the organisation running Chartkey appoints to confirm that a clinician’s
          public profile is really theirs. Verifying adds a badge patients see; it gives no access to anyone’s records.
        </p>
      </div>
      <AttesterDashboard />
    </div>
  );
}
