'use client';

import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { usePublicClient } from 'wagmi';
import { listPendingRequests, readBlockTimes, type AccessRequest } from '@/lib/consent';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { queryKeys } from './query-keys';
import { usePublicConfig } from './use-public-config';

export type DatedRequest = AccessRequest & { readonly requestedAtSeconds: bigint | undefined };

/** Requests made to this patient still waiting for an answer, newest first, with their dates. */
export function usePendingRequests(patient: Address) {
  const config = usePublicConfig();
  const client = usePublicClient({ chainId: config.chainId });
  const consent = config.consent;
  return useQuery({
    queryKey: queryKeys.pendingRequests(config.chainId, patient),
    enabled: Boolean(client && consent),
    queryFn: async (): Promise<DatedRequest[]> => {
      // `enabled` holds these back until both exist; the check is for the type system.
      if (!client || !consent) throw new UserFacingError('consent.not-deployed', 'Chartkey is not deployed on this network.');
      const requests = await listPendingRequests(client, { contract: consent.address, fromBlock: BigInt(consent.deployedBlock), patient });
      const times = await readBlockTimes(client, requests.map((r) => r.requestedAt.blockNumber));
      return requests.map((r) => ({ ...r, requestedAtSeconds: times.get(r.requestedAt.blockNumber) }));
    },
    // Clinicians ask from their own browser: new requests should appear without a reload.
    refetchInterval: 15_000,
  });
}
