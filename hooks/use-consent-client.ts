'use client';

import { useMemo } from 'react';
import type { Address } from 'viem';
import { usePublicClient } from 'wagmi';
import { usePublicConfig } from './use-public-config';
import { UserFacingError } from '@/lib/errors/user-facing-error';

/** The wagmi public client for the configured chain: every read helper in lib/ takes (a part of) it. */
export type ConsentReadClient = NonNullable<ReturnType<typeof usePublicClient>>;

/** What every chain read needs: a client for the configured chain and where the consent contract's history starts. */
export type ConsentScan = {
  readonly client: ConsentReadClient;
  readonly contract: Address;
  /** The contract's deployment block: history scans start here. */
  readonly fromBlock: bigint;
};

/**
 * The consent contract on the configured chain, or `scan: null` while there is none to read (no
 * deployment on this chain, or no client for it). Queries use `enabled: scan !== null` and build
 * their function with `withScan`, so no read ever runs against a missing client or contract.
 */
export function useConsentScan(): { readonly chainId: number; readonly scan: ConsentScan | null } {
  const config = usePublicConfig();
  const client = usePublicClient({ chainId: config.chainId });
  const consent = config.consent;
  const scan = useMemo(
    () => (client && consent ? { client, contract: consent.address, fromBlock: BigInt(consent.deployedBlock) } : null),
    [client, consent],
  );
  return { chainId: config.chainId, scan };
}

/**
 * A query function that reads with `scan`. `enabled` keeps it from running without one, but an
 * explicit `refetch()` (a "Try again" button) ignores `enabled`: then it fails with a sentence the
 * error parser shows, instead of a TypeError.
 */
export function withScan<T>(scan: ConsentScan | null, read: (scan: ConsentScan) => Promise<T>): () => Promise<T> {
  return () => (scan ? read(scan) : Promise.reject(consentUnavailable()));
}

/** The sentence for acting before the consent contract can be reached (no deployment on this chain, or no client). */
export function consentUnavailable(): UserFacingError {
  return new UserFacingError('consent.not-deployed', 'Chartkey is not deployed on this network.');
}
