'use client';

import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { listPatientGrants } from '@/lib/consent';
import { queryKeys } from './query-keys';
import { REFRESH_MS } from './refresh';
import { useConsentScan, withScan } from './use-consent-client';

/** Every grant the patient ever gave, from ONE history read (not one per record). */
export function usePatientGrants(patient: Address) {
  const { chainId, scan } = useConsentScan();
  return useQuery({
    queryKey: queryKeys.patientGrants(chainId, patient),
    enabled: scan !== null,
    queryFn: withScan(scan, ({ client, ...range }) => listPatientGrants(client, { ...range, patient })),
    refetchInterval: REFRESH_MS.patientGrants,
  });
}
