'use client';

import type { Address } from 'viem';
import { useClinicianRequests, type DatedRequest } from '@/hooks/use-clinician-requests';
import { useConsentWrite } from '@/hooks/use-consent-write';
import { queryKeys } from '@/hooks/query-keys';
import { usePublicConfig } from '@/hooks/use-public-config';
import { TxStatus } from '@/components/tx-status';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import type { RequestStatus } from '@/lib/consent';
import { formatRequestDate } from '@/lib/requests/block-times';
import { PURPOSE_LABELS, REQUEST_STATUS_LABELS, requestScopeText } from '@/lib/requests/labels';

const STATUS_CLASSES: Record<RequestStatus, string> = {
  pending: 'bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100',
  approved: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100',
  denied: 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100',
  cancelled: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
};

export function MyRequests({ clinician }: { clinician: Address }) {
  const requests = useClinicianRequests(clinician);
  return (
    <Card title="Your requests" description="Requests you sent to patients and where each one stands.">
      <QueryState
        query={requests}
        loading="Loading your requests…"
        errorTitle="Your requests could not be loaded"
        empty="You have not asked any patient for access yet. Use the form above with the patient’s account address."
        emptyTestId="my-requests-empty"
      >
        {(list) => (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Your requests">
            {list.map((request) => (
              <MyRequestItem key={request.requestId.toString()} clinician={clinician} request={request} />
            ))}
          </ul>
        )}
      </QueryState>
    </Card>
  );
}

function MyRequestItem({ clinician, request }: { clinician: Address; request: DatedRequest }) {
  const config = usePublicConfig();
  const tx = useConsentWrite();

  async function cancel() {
    await tx.run({
      functionName: 'cancelRequest',
      args: [request.requestId],
      invalidates: [queryKeys.clinicianRequests(config.chainId, clinician), queryKeys.pendingRequests(config.chainId, request.patient)],
    });
  }

  return (
    <li className="py-3" data-testid="my-request" data-status={request.status}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1 text-sm">
          <p>
            <span className={`mr-2 inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_CLASSES[request.status]}`} data-testid="my-request-status">
              {REQUEST_STATUS_LABELS[request.status]}
            </span>
            <span className="text-slate-600 dark:text-slate-400">{formatRequestDate(request.requestedAtSeconds)}</span>
          </p>
          <p className="break-all">
            Patient <span className="font-mono text-xs">{request.patient}</span>
          </p>
          <p className="text-slate-700 dark:text-slate-300">
            {PURPOSE_LABELS[request.purpose]} · {requestScopeText(request.recordIds)}
          </p>
          {request.status === 'approved' && (
            <p className="text-xs text-slate-600 dark:text-slate-400">The records the patient chose are under “Shared records”.</p>
          )}
        </div>
        {request.status === 'pending' && (
          <Button variant="secondary" onClick={cancel} disabled={tx.isBusy}>Cancel request</Button>
        )}
      </div>
      <div className="mt-2">
        <TxStatus state={tx.state} pendingLabel="Cancelling" confirmedLabel="Request cancelled." />
      </div>
    </li>
  );
}
