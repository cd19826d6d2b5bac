'use client';

import { UnlockGate } from '@/components/keys/unlock-gate';
import { AccountGate } from '@/components/wallet/account-gate';
import { ActivityTimeline } from './activity-timeline';
import { RecordList } from './record-list';
import { RequestsInbox } from './requests-inbox';
import { PatientExport, SharingOverview } from './sharing-overview';
import { UploadPanel } from './upload-panel';

export function PatientDashboard() {
  return (
    <AccountGate intro={<p className="text-sm">Connect the wallet you use for your health records.</p>}>
      {(address) => (
        <UnlockGate address={address} role="patient">
          {(keyPair) => (
            <div className="space-y-6">
              <UploadPanel patient={address} keyPair={keyPair} />
              <RecordList patient={address} keyPair={keyPair} />
              <SharingOverview patient={address} keyPair={keyPair} />
              <RequestsInbox patient={address} keyPair={keyPair} />
              <ActivityTimeline patient={address} keyPair={keyPair} />
              <PatientExport patient={address} keyPair={keyPair} />
            </div>
          )}
        </UnlockGate>
      )}
    </AccountGate>
  );
}
