'use client';

import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { listPatientRecords } from '@/lib/consent';
import { queryKeys } from './query-keys';
import { useConsentScan, withScan } from './use-consent-client';

/** The patient's current records (id, sealed locator), from the chain. */
export function usePatientRecords(patient: Address) {
  const { chainId, scan } = useConsentScan();
  return useQuery({
    queryKey: queryKeys.patientRecords(chainId, patient),
    enabled: scan !== null,
    queryFn: withScan(scan, ({ client, ...range }) => listPatientRecords(client, { ...range, patient })),
  });
}
