import type { Metadata } from 'next';
import { ClinicianDashboard } from '@/components/clinician/clinician-dashboard';

export const metadata: Metadata = { title: 'For clinicians' };

export default function ClinicianPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Records shared with you</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
          Patients decide what you can see and for how long. Records are decrypted only in this browser.
        </p>
      </div>
      <ClinicianDashboard />
    </div>
  );
}
