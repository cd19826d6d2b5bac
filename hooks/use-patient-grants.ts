'use client';

import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { usePublicClient } from 'wagmi';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { listPatientGrants } from '@/lib/consent';
import { queryKeys } from './query-keys';
import { usePublicConfig } from './use-public-config';

/** Every grant the patient ever gave, from ONE chain scan (not one per record). */
export function usePatientGrants(patient: Address) {
  const config = usePublicConfig();
  const client = usePublicClient({ chainId: config.chainId });
  const consent = config.consent;
  return useQuery({
    queryKey: queryKeys.patientGrants(config.chainId, patient),
    enabled: Boolean(client && consent),
    queryFn: () => {
      // `enabled` holds this back until both exist; the check is for the type system.
      if (!client || !consent) throw new UserFacingError('consent.not-deployed', 'Chartkey is not deployed on this network.');
      return listPatientGrants(client, { contract: consent.address, fromBlock: BigInt(consent.deployedBlock), patient });
    },
    // Grants also end on their own (expiry): keep "who can see" honest without a reload.
    refetchInterval: 30_000,
  });
}
