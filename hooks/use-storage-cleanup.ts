'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Address, Hex } from 'viem';
import { usePublicClient } from 'wagmi';
import { usePublicConfig } from '@/hooks/use-public-config';
import { listPatientRecords } from '@/lib/consent';
import type { KeyPair } from '@/lib/crypto';
import { removeEndedCiphertext, type StorageCleanup } from '@/lib/records/storage-cleanup';
import { queryKeys } from './query-keys';

/**
 * Unpins the ciphertext of a record version that just ended on-chain (removed, or replaced by a
 * new version). The patient's current records are read first, so a file another record still uses
 * is kept; the transaction that ended the version has just refreshed that list, so this is
 * usually a cache hit.
 */
export function useStorageCleanup(patient: Address, keyPair: KeyPair) {
  const config = usePublicConfig();
  const client = usePublicClient({ chainId: config.chainId });
  const queryClient = useQueryClient();

  return useCallback(
    async (endedLocator: Hex): Promise<StorageCleanup> => {
      let current: readonly Hex[];
      try {
        if (!client || !config.consent) throw new Error('not connected');
        const scan = { contract: config.consent.address, fromBlock: BigInt(config.consent.deployedBlock), patient };
        const records = await queryClient.fetchQuery({
          queryKey: queryKeys.patientRecords(config.chainId, patient),
          queryFn: () => listPatientRecords(client, scan),
          staleTime: 10_000,
        });
        current = records.map((record) => record.patientLocator);
      } catch {
        // Without the current list, deleting could take a file another record still needs.
        return { kind: 'kept', reason: 'Your records could not be read just now to check that no other record uses the same file, so it was not deleted.' };
      }
      return removeEndedCiphertext(endedLocator, keyPair, current);
    },
    [client, config, keyPair, patient, queryClient],
  );
}
