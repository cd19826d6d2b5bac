'use client';

import type { Address, Hex } from 'viem';
import type { KeyPair } from '@/lib/crypto';
import { usePatientRecords } from './use-patient-records';
import { useRecordsMetadata } from './use-open-record';

/**
 * The patient's records by id: `known` holds the names decrypted so far, `name` gives one for any id
 * ("Record N" until it is known), `locators` each record's current locator.
 */
export function useRecordNames(patient: Address, keyPair: KeyPair) {
  const records = usePatientRecords(patient);
  const metadata = useRecordsMetadata(records.data?.map((r) => r.patientLocator) ?? [], keyPair);
  const known = new Map<bigint, string>();
  const locators = new Map<bigint, Hex>();
  (records.data ?? []).forEach((record, index) => {
    const decrypted = metadata[index]?.data?.name;
    if (decrypted !== undefined) known.set(record.recordId, decrypted);
    locators.set(record.recordId, record.patientLocator);
  });
  return { records, known, name: (id: bigint) => known.get(id) ?? `Record ${id.toString()}`, locators };
}
