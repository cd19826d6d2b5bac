'use client';

import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { listClinicianGrants } from '@/lib/consent';
import { queryKeys } from './query-keys';
import { REFRESH_MS } from './refresh';
import { useConsentScan, withScan } from './use-consent-client';

/** Every record ever shared with the clinician, with whether it is still open to them. */
export function useClinicianGrants(clinician: Address) {
  const { chainId, scan } = useConsentScan();
  return useQuery({
    queryKey: queryKeys.clinicianGrants(chainId, clinician),
    enabled: scan !== null,
    queryFn: withScan(scan, ({ client, ...range }) => listClinicianGrants(client, { ...range, clinician })),
    refetchInterval: REFRESH_MS.clinicianGrants,
  });
}
