'use client';

import type { Address } from 'viem';
import { usePatientTab } from '@/hooks/use-hash-tab';
import { UnlockGate } from '@/components/keys/unlock-gate';
import { Tabs, type TabItem } from '@/components/ui/tabs';
import { AccountGate } from '@/components/wallet/account-gate';
import type { KeyPair } from '@/lib/crypto';
import { PATIENT_TAB_LABELS, PATIENT_TABS, pendingBadge, type PatientTab } from '@/lib/navigation/tabs';
import { ActivityTimeline } from './activity-timeline';
import { RecordList } from './record-list';
import { usePendingRequests } from '@/hooks/use-pending-requests';
import { BlockedAccounts } from './blocked-accounts';
import { RequestsInbox } from './requests-inbox';
import { PatientExport } from './patient-export';
import { SharingOverview } from './sharing-overview';
import { UploadPanel } from './upload-panel';

export function PatientDashboard() {
  return (
    <AccountGate intro={<p className="text-sm">Connect the wallet you use for your health records.</p>}>
      {(address) => (
        <UnlockGate address={address} role="patient">
          {(keyPair) => <PatientSections patient={address} keyPair={keyPair} />}
        </UnlockGate>
      )}
    </AccountGate>
  );
}

function PatientSections({ patient, keyPair }: { patient: Address; keyPair: KeyPair }) {
  const [tab, selectTab] = usePatientTab();
  // The same query the inbox reads (one request, shared through the cache), so the badge and the
  // list never disagree and new requests show on the tab without opening it.
  const pending = usePendingRequests(patient);
  const tabs: TabItem<PatientTab>[] = PATIENT_TABS.map((id) => ({
    id,
    label: PATIENT_TAB_LABELS[id],
    badge: id === 'requests' ? pendingBadge(pending.data?.length) : null,
  }));

  const panel = (id: PatientTab) => {
    switch (id) {
      case 'records':
        return (
          <>
            <UploadPanel patient={patient} keyPair={keyPair} />
            <RecordList patient={patient} keyPair={keyPair} />
          </>
        );
      case 'sharing':
        return <SharingOverview patient={patient} keyPair={keyPair} />;
      case 'requests':
        return (
          <>
            <RequestsInbox patient={patient} keyPair={keyPair} />
            <BlockedAccounts patient={patient} />
          </>
        );
      case 'activity':
        return <ActivityTimeline patient={patient} keyPair={keyPair} />;
      case 'export':
        return <PatientExport patient={patient} keyPair={keyPair} />;
    }
  };

  return <Tabs label="Your health records" idPrefix="patient" tabs={tabs} selected={tab} onSelect={selectTab} renderPanel={panel} />;
}
