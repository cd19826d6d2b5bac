'use client';

import { useQueries, useQuery } from '@tanstack/react-query';
import { zeroAddress, type Address } from 'viem';
import { readClinicianProfile, type ClinicianProfile } from '@/lib/consent';
import { cleanDisplayText } from '@/lib/text/display-text';
import { queryKeys } from './query-keys';
import { useConsentScan, withScan } from './use-consent-client';

/**
 * A profile as people see it: its text is written by the clinician, so invisible direction and
 * zero-width characters are removed before anyone reads it (the hash an attester verifies stays the
 * hash of the text on-chain).
 */
function forDisplay(profile: ClinicianProfile | null): ClinicianProfile | null {
  return profile && { ...profile, displayName: cleanDisplayText(profile.displayName), organisation: cleanDisplayText(profile.organisation) };
}

/**
 * A clinician's public profile (null when they published none). `refetchInterval` is for the
 * clinician's own screen, which has no other way to notice an attester's verification.
 */
export function useClinicianProfile(clinician: Address | null, { refetchInterval }: { refetchInterval?: number } = {}) {
  const { chainId, scan } = useConsentScan();
  return useQuery({
    queryKey: queryKeys.clinicianProfile(chainId, clinician ?? zeroAddress),
    enabled: scan !== null && clinician !== null,
    queryFn: withScan(scan, async ({ client, contract }) => (clinician ? forDisplay(await readClinicianProfile(client, { contract, clinician })) : null)),
    refetchInterval,
  });
}

/**
 * Public profiles of several clinicians, one cached read per distinct clinician (shared with
 * `useClinicianProfile`), so a list naming the same clinician many times reads it once. Keyed by
 * lower-case address; a clinician is absent while loading and `null` without a published profile.
 */
export function useClinicianProfiles(clinicians: readonly Address[]): ReadonlyMap<string, ClinicianProfile | null> {
  const { chainId, scan } = useConsentScan();
  const distinct = [...new Map(clinicians.map((c) => [c.toLowerCase(), c] as const)).values()];
  const profiles = useQueries({
    queries: distinct.map((clinician) => ({
      queryKey: queryKeys.clinicianProfile(chainId, clinician),
      enabled: scan !== null,
      queryFn: withScan(scan, async ({ client, contract }) => forDisplay(await readClinicianProfile(client, { contract, clinician }))),
    })),
  });
  const byAddress = new Map<string, ClinicianProfile | null>();
  distinct.forEach((clinician, index) => {
    const profile = profiles[index];
    if (profile?.isSuccess) byAddress.set(clinician.toLowerCase(), profile.data);
  });
  return byAddress;
}
