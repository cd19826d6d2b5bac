'use client';

import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { hexToBytes, type Hex } from 'viem';
import { MAX_METADATA_PREFIX_BYTES, openLocator, readRecordMetadata, type KeyPair, type RecordMetadata } from '@/lib/crypto';
import { downloadCiphertext, downloadCiphertextPrefix } from '@/lib/ipfs/client';
import { cleanDisplayText } from '@/lib/text/display-text';
import { cryptoWorker } from './crypto-worker';
import { queryKeys } from './query-keys';

/**
 * A record's name as people see it. A shared record's name was written by whoever encrypted it, so
 * invisible direction and zero-width characters are removed ("scan\u202Efdp.exe" would read as
 * "scanexe.pdf"); a name with nothing visible left reads "Untitled record".
 */
function forDisplay(metadata: RecordMetadata): RecordMetadata {
  return { ...metadata, name: cleanDisplayText(metadata.name) || 'Untitled record' };
}

export type OpenedRecord = { readonly plaintext: Uint8Array; readonly metadata: RecordMetadata };

/**
 * Opens a sealed locator with the reader's key, downloads the ciphertext by CID and decrypts it
 * in this browser. Cached in memory only (React Query), keyed by the locator, never persisted.
 */
export function recordContentQuery(locator: Hex, keyPair: KeyPair, enabled = true) {
  return queryOptions({
    queryKey: queryKeys.recordContent(locator),
    enabled,
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    retry: false,
    queryFn: async (): Promise<OpenedRecord> => {
      const { cid, contentKey } = openLocator(hexToBytes(locator), keyPair);
      const envelope = await downloadCiphertext(cid);
      const opened = await cryptoWorker().decryptRecord(envelope, contentKey, { transfer: true });
      return { ...opened, metadata: forDisplay(opened.metadata) };
    },
  });
}

export function useOpenRecord(locator: Hex, keyPair: KeyPair, enabled: boolean) {
  return useQuery(recordContentQuery(locator, keyPair, enabled));
}


/**
 * A record's decrypted metadata (name, kind, date) from the first few KiB of its ciphertext, so
 * a list of records never downloads their bodies.
 */
export function recordMetadataQuery(locator: Hex, keyPair: KeyPair, enabled = true) {
  return queryOptions({
    queryKey: queryKeys.recordMetadata(locator),
    enabled,
    staleTime: Infinity,
    gcTime: 30 * 60_000,
    retry: false,
    queryFn: async (): Promise<RecordMetadata> => {
      const { cid, contentKey } = openLocator(hexToBytes(locator), keyPair);
      const prefix = await downloadCiphertextPrefix(cid, MAX_METADATA_PREFIX_BYTES);
      return forDisplay(readRecordMetadata(prefix, contentKey));
    },
  });
}

export function useRecordMetadata(locator: Hex, keyPair: KeyPair, enabled: boolean) {
  return useQuery(recordMetadataQuery(locator, keyPair, enabled));
}

export function useRecordsMetadata(locators: readonly Hex[], keyPair: KeyPair) {
  return useQueries({ queries: locators.map((locator) => recordMetadataQuery(locator, keyPair)) });
}
