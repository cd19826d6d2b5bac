'use client';

import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { readPatientActivity } from '@/lib/activity/patient-activity';
import { queryKeys } from './query-keys';
import { useConsentScan, withScan } from './use-consent-client';

/** The patient's audit trail from the chain's events, newest first. */
export function usePatientActivity(patient: Address) {
  const { chainId, scan } = useConsentScan();
  return useQuery({
    queryKey: queryKeys.patientActivity(chainId, patient),
    enabled: scan !== null,
    queryFn: withScan(scan, ({ client, ...range }) => readPatientActivity(client, { ...range, patient })),
  });
}
