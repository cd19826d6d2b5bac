'use client';

import { UnlockGate } from '@/components/keys/unlock-gate';
import { AccountGate } from '@/components/wallet/account-gate';
import { MyRequests } from './my-requests';
import { ProfilePanel } from './profile-panel';
import { RequestAccessForm } from './request-access-form';
import { SharedRecordList } from './shared-record-list';

export function ClinicianDashboard() {
  return (
    <AccountGate intro={<p className="text-sm">Connect the wallet your patients share records with.</p>}>
      {(address) => (
        <UnlockGate address={address} role="clinician">
          {(keyPair) => (
            <div className="space-y-6">
              <ProfilePanel clinician={address} />
              <SharedRecordList clinician={address} keyPair={keyPair} />
              <RequestAccessForm clinician={address} />
              <MyRequests clinician={address} />
            </div>
          )}
        </UnlockGate>
      )}
    </AccountGate>
  );
}
