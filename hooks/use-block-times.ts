'use client';

import { useQuery } from '@tanstack/react-query';
import { readBlockTimes } from '@/lib/consent';
import { queryKeys } from './query-keys';
import { useConsentScan, withScan } from './use-consent-client';

/** Unix seconds of each block, read only for the blocks asked for (a page of a list, not its history). */
export function useBlockTimes(blockNumbers: readonly bigint[]) {
  const { chainId, scan } = useConsentScan();
  return useQuery({
    queryKey: queryKeys.blockTimes(chainId, blockNumbers),
    enabled: scan !== null && blockNumbers.length > 0,
    // A block's time never changes.
    staleTime: Infinity,
    queryFn: withScan(scan, ({ client }) => readBlockTimes(client, blockNumbers)),
  });
}
