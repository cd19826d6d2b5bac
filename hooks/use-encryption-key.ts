'use client';

import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { readEncryptionKey } from '@/lib/consent';
import { queryKeys } from './query-keys';
import { useConsentScan, withScan } from './use-consent-client';

/** The account's public encryption key as registered on-chain, or null before it set one up. */
export function useRegisteredKey(account: Address) {
  const { chainId, scan } = useConsentScan();
  return useQuery({
    queryKey: queryKeys.encryptionKey(chainId, account),
    enabled: scan !== null,
    queryFn: withScan(scan, ({ client, contract }) => readEncryptionKey(client, { contract, account })),
  });
}
