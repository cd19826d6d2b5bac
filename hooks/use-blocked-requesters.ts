'use client';

import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { listBlockedRequesters, readBlockTimes, type BlockedRequester } from '@/lib/consent';
import { queryKeys } from './query-keys';
import { useConsentScan, withScan } from './use-consent-client';

export type DatedBlock = BlockedRequester & { readonly blockedAtSeconds: bigint | undefined };

/**
 * The accounts this patient blocked from sending requests, newest first, with the date of each block.
 * Only the patient changes it, from this app, so it is refreshed by their transactions rather than polled.
 */
export function useBlockedRequesters(patient: Address) {
  const { chainId, scan } = useConsentScan();
  return useQuery({
    queryKey: queryKeys.blockedRequesters(chainId, patient),
    enabled: scan !== null,
    queryFn: withScan(scan, async ({ client, ...range }): Promise<DatedBlock[]> => {
      const blocked = await listBlockedRequesters(client, { ...range, patient });
      const times = await readBlockTimes(client, blocked.map((b) => b.blockedAt.blockNumber));
      return blocked.map((b) => ({ ...b, blockedAtSeconds: times.get(b.blockedAt.blockNumber) }));
    }),
  });
}
