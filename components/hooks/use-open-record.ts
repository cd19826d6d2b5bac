'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { hexToBytes, type Hex } from 'viem';
import { openLocator, type KeyPair, type RecordMetadata } from '@/lib/crypto';
import { parseError } from '@/lib/errors/parse-error';
import { downloadCiphertext } from '@/lib/ipfs/client';
import { cryptoWorker } from './crypto-worker';

export type OpenedRecord = { readonly plaintext: Uint8Array; readonly metadata: RecordMetadata };

/**
 * Opens a sealed locator with the reader's key, downloads the ciphertext by CID and decrypts it
 * in this browser. Cached in memory only (React Query), keyed by the locator, never persisted.
 */
export function useOpenRecord(locator: Hex, keyPair: KeyPair, enabled: boolean) {
  const opened = useMemo(() => {
    try {
      return { ok: true as const, value: openLocator(hexToBytes(locator), keyPair) };
    } catch (error) {
      return { ok: false as const, message: parseError(error, 'This record’s key could not be opened with your key.').message };
    }
  }, [locator, keyPair]);

  const query = useQuery({
    queryKey: ['record-content', locator],
    enabled: enabled && opened.ok,
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
    queryFn: async (): Promise<OpenedRecord> => {
      if (!opened.ok) throw new Error('unreachable');
      const envelope = await downloadCiphertext(opened.value.cid);
      return cryptoWorker().decryptRecord(envelope, opened.value.contentKey, { transfer: true });
    },
  });

  return { locatorError: opened.ok ? null : opened.message, ...query };
}
