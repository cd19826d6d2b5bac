'use client';

import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { listPendingRequests, readBlockTimes, type AccessRequest } from '@/lib/consent';
import { queryKeys } from './query-keys';
import { REFRESH_MS } from './refresh';
import { useConsentScan, withScan } from './use-consent-client';

export type DatedRequest = AccessRequest & { readonly requestedAtSeconds: bigint | undefined };

/** Requests made to this patient still waiting for an answer, newest first, with their dates. */
export function usePendingRequests(patient: Address) {
  const { chainId, scan } = useConsentScan();
  return useQuery({
    queryKey: queryKeys.pendingRequests(chainId, patient),
    enabled: scan !== null,
    queryFn: withScan(scan, async ({ client, ...range }): Promise<DatedRequest[]> => {
      const requests = await listPendingRequests(client, { ...range, patient });
      const times = await readBlockTimes(client, requests.map((r) => r.requestedAt.blockNumber));
      return requests.map((r) => ({ ...r, requestedAtSeconds: times.get(r.requestedAt.blockNumber) }));
    }),
    refetchInterval: REFRESH_MS.pendingRequests,
  });
}
