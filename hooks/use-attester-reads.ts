'use client';

import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { isAttester, listPublishedClinicians } from '@/lib/consent';
import { queryKeys } from './query-keys';
import { useConsentScan, withScan } from './use-consent-client';

/** Whether the account is an attester and, only then, every clinician with a published profile. */
export function useAttesterReads(account: Address) {
  const { chainId, scan } = useConsentScan();
  const role = useQuery({
    queryKey: queryKeys.attesterRole(chainId, account),
    enabled: scan !== null,
    queryFn: withScan(scan, ({ client, contract }) => isAttester(client, { contract, account })),
  });
  const clinicians = useQuery({
    queryKey: queryKeys.publishedClinicians(chainId),
    enabled: scan !== null && role.data === true,
    queryFn: withScan(scan, ({ client, ...range }) => listPublishedClinicians(client, range)),
  });
  return { role, clinicians };
}
