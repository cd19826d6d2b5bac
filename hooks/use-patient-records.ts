'use client';

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { listPatientRecords } from '@/lib/consent';
import { queryKeys } from './query-keys';
import { useConsentScan, withScan, type ConsentScan } from './use-consent-client';

/** The patient's current records (id, sealed locator), from the chain; also for `fetchQuery` outside a component's list. */
export function patientRecordsQuery(chainId: number, scan: ConsentScan | null, patient: Address) {
  return queryOptions({
    queryKey: queryKeys.patientRecords(chainId, patient),
    enabled: scan !== null,
    queryFn: withScan(scan, ({ client, ...range }) => listPatientRecords(client, { ...range, patient })),
  });
}

export function usePatientRecords(patient: Address) {
  const { chainId, scan } = useConsentScan();
  return useQuery(patientRecordsQuery(chainId, scan, patient));
}
