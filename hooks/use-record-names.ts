'use client';

import type { Address, Hex } from 'viem';
import type { KeyPair } from '@/lib/crypto';
import { usePatientRecords } from './use-patient-records';
import { useRecordsMetadata } from './use-open-record';

/** The patient's records by id: each one's decrypted name (or "Record N" until it is known) and current locator. */
export function useRecordNames(patient: Address, keyPair: KeyPair) {
  const records = usePatientRecords(patient);
  const metadata = useRecordsMetadata(records.data?.map((r) => r.patientLocator) ?? [], keyPair);
  const names = new Map<bigint, string>();
  const locators = new Map<bigint, Hex>();
  (records.data ?? []).forEach((record, index) => {
    names.set(record.recordId, metadata[index]?.data?.name ?? `Record ${record.recordId.toString()}`);
    locators.set(record.recordId, record.patientLocator);
  });
  return { records, name: (id: bigint) => names.get(id) ?? `Record ${id.toString()}`, locators };
}
