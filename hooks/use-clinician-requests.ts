'use client';

import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { type AccessRequest, listClinicianRequests, readBlockTimes } from '@/lib/consent';
import { queryKeys } from './query-keys';
import { REFRESH_MS } from './refresh';
import { useConsentScan, withScan } from './use-consent-client';

export type DatedRequest = AccessRequest & { readonly requestedAtSeconds: bigint | undefined };

/** Every request this clinician made, newest first, with the date it was made. */
export function useClinicianRequests(clinician: Address) {
  const { chainId, scan } = useConsentScan();
  return useQuery({
    queryKey: queryKeys.clinicianRequests(chainId, clinician),
    enabled: scan !== null,
    queryFn: withScan(scan, async ({ client, ...range }): Promise<DatedRequest[]> => {
      const requests = await listClinicianRequests(client, { ...range, clinician });
      const times = await readBlockTimes(client, requests.map((r) => r.requestedAt.blockNumber));
      return requests.map((r) => ({ ...r, requestedAtSeconds: times.get(r.requestedAt.blockNumber) }));
    }),
    refetchInterval: REFRESH_MS.clinicianRequests,
  });
}
