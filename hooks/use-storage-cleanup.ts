'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Address, Hex } from 'viem';
import type { KeyPair } from '@/lib/crypto';
import { removeEndedCiphertext, type StorageCleanup } from '@/lib/records/storage-cleanup';
import { consentUnavailable, useConsentScan } from './use-consent-client';
import { patientRecordsQuery } from './use-patient-records';

/**
 * Unpins the ciphertext of a record version that just ended on-chain (removed, or replaced by a
 * new version). The patient's current records are read first, so a file another record still uses
 * is kept; the transaction that ended the version has just refreshed that list, so this is
 * usually a cache hit.
 */
export function useStorageCleanup(patient: Address, keyPair: KeyPair) {
  const { chainId, scan } = useConsentScan();
  const queryClient = useQueryClient();

  return useCallback(
    async (endedLocator: Hex): Promise<StorageCleanup> => {
      let current: readonly Hex[];
      try {
        if (!scan) throw consentUnavailable();
        const records = await queryClient.fetchQuery({ ...patientRecordsQuery(chainId, scan, patient), staleTime: 10_000 });
        current = records.map((record) => record.patientLocator);
      } catch {
        // Without the current list, deleting could take a file another record still needs.
        return { kind: 'kept', reason: 'Your records could not be read just now to check that no other record uses the same file, so it was not deleted.' };
      }
      return removeEndedCiphertext(endedLocator, keyPair, current);
    },
    [chainId, keyPair, patient, queryClient, scan],
  );
}
