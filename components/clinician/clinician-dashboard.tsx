'use client';

import { UnlockGate } from '@/components/keys/unlock-gate';
import { AccountGate } from '@/components/wallet/account-gate';
import { SharedRecordList } from './shared-record-list';

export function ClinicianDashboard() {
  return (
    <AccountGate intro={<p className="text-sm">Connect the wallet your patients share records with.</p>}>
      {(address) => (
        <UnlockGate address={address} role="clinician">
          {(keyPair) => <SharedRecordList clinician={address} keyPair={keyPair} />}
        </UnlockGate>
      )}
    </AccountGate>
  );
}
