import type { Metadata } from 'next';
import { PatientDashboard } from '@/components/patient/patient-dashboard';

export const metadata: Metadata = { title: 'My records' };

export default function PatientPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">My records</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
          Files are encrypted in this browser before they leave it. Only you, and the clinicians you choose until the date
          you choose, can open them.
        </p>
      </div>
      <PatientDashboard />
    </div>
  );
}
