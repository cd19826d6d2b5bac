'use client';

import { useQueryClient } from '@tanstack/react-query';
import type { Address } from 'viem';
import { usePublicClient } from 'wagmi';
import { readBlockTimes } from '@/lib/consent';
import type { KeyPair } from '@/lib/crypto';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import type { ConsentGrantInput, ExportableRecord } from '@/lib/export';
import { usePatientRecords } from './use-patient-records';
import { recordContentQuery } from './use-open-record';
import { usePatientGrants } from './use-patient-grants';
import { usePublicConfig } from './use-public-config';

/** What the export needs, loaded only when the patient asks: every record decrypted, and every grant with its date. */
export function usePatientExport(patient: Address, keyPair: KeyPair) {
  const config = usePublicConfig();
  const client = usePublicClient({ chainId: config.chainId });
  const queryClient = useQueryClient();
  const records = usePatientRecords(patient);
  const grants = usePatientGrants(patient);

  async function loadRecords(): Promise<ExportableRecord[]> {
    const list = records.data ?? (await records.refetch()).data;
    if (!list) throw new UserFacingError('export.records-unavailable', 'Your records could not be loaded. Check your connection and try again.');
    const loaded: ExportableRecord[] = [];
    // One at a time: each record is downloaded and decrypted in full, so this keeps memory and bandwidth flat.
    for (const record of list) {
      const { plaintext, metadata } = await queryClient.fetchQuery(recordContentQuery(record.patientLocator, keyPair));
      loaded.push({ name: metadata.name, mediaType: metadata.mediaType, createdAt: metadata.createdAt, plaintext, recordId: record.recordId });
    }
    return loaded;
  }

  async function loadGrants(): Promise<ConsentGrantInput[]> {
    const list = grants.data ?? (await grants.refetch()).data;
    if (!list || !client) throw new UserFacingError('export.grants-unavailable', 'Your sharing history could not be loaded. Check your connection and try again.');
    // A Consent's date is when it was given: the time of the block the grant was made in.
    const times = await readBlockTimes(client, list.map((grant) => grant.grantedAtBlock));
    return list.map((grant) => {
      const seconds = times.get(grant.grantedAtBlock);
      return {
        recordId: grant.recordId,
        clinician: grant.clinician,
        expiresAt: grant.expiresAt,
        status: grant.status,
        grantedAt: seconds === undefined ? undefined : Number(seconds) * 1000,
      };
    });
  }

  return { loadRecords, loadGrants };
}
