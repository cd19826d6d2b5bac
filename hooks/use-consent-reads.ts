'use client';

import { useQueries, useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { usePublicClient } from 'wagmi';
import { usePublicConfig } from '@/hooks/use-public-config';
import { listClinicianGrants, listPatientRecords, readClinicianProfile, type ClinicianProfile } from '@/lib/consent';
import { queryKeys } from './query-keys';

function useConsentClient() {
  const config = usePublicConfig();
  const client = usePublicClient({ chainId: config.chainId });
  const consent = config.consent;
  return { config, client, consent, ready: Boolean(client && consent) };
}

export function usePatientRecords(patient: Address) {
  const { config, client, consent, ready } = useConsentClient();
  return useQuery({
    queryKey: queryKeys.patientRecords(config.chainId, patient),
    enabled: ready,
    queryFn: () => listPatientRecords(client!, { contract: consent!.address, fromBlock: BigInt(consent!.deployedBlock), patient }),
  });
}

export function useClinicianGrants(clinician: Address) {
  const { config, client, consent, ready } = useConsentClient();
  return useQuery({
    queryKey: queryKeys.clinicianGrants(config.chainId, clinician),
    enabled: ready,
    queryFn: () => listClinicianGrants(client!, { contract: consent!.address, fromBlock: BigInt(consent!.deployedBlock), clinician }),
    // A clinician's access can end without any action of theirs (expiry, revocation): keep it fresh.
    refetchInterval: 10_000,
  });
}

export function useClinicianProfile(clinician: Address | null) {
  const { config, client, consent, ready } = useConsentClient();
  return useQuery({
    queryKey: queryKeys.clinicianProfile(config.chainId, clinician ?? '0x0000000000000000000000000000000000000000'),
    enabled: ready && clinician !== null,
    queryFn: () => readClinicianProfile(client!, { contract: consent!.address, clinician: clinician! }),
  });
}

/**
 * Public profiles of several clinicians, one cached read per distinct clinician (shared with
 * `useClinicianProfile`), so a list naming the same clinician many times reads it once. Keyed by
 * lower-case address; a clinician is absent while loading and `null` without a published profile.
 */
export function useClinicianProfiles(clinicians: readonly Address[]): ReadonlyMap<string, ClinicianProfile | null> {
  const { config, client, consent, ready } = useConsentClient();
  const distinct = [...new Map(clinicians.map((c) => [c.toLowerCase(), c] as const)).values()];
  const profiles = useQueries({
    queries: distinct.map((clinician) => ({
      queryKey: queryKeys.clinicianProfile(config.chainId, clinician),
      enabled: ready,
      queryFn: () => readClinicianProfile(client!, { contract: consent!.address, clinician }),
    })),
  });
  const byAddress = new Map<string, ClinicianProfile | null>();
  distinct.forEach((clinician, index) => {
    const profile = profiles[index];
    if (profile?.isSuccess) byAddress.set(clinician.toLowerCase(), profile.data);
  });
  return byAddress;
}
