'use client';

import type { Address } from 'viem';
import { usePatientExport } from '@/hooks/use-patient-export';
import type { KeyPair } from '@/lib/crypto';
import { ExportPanel } from './export-panel';

/** The export card, fed with this patient's records (decrypted on demand) and grants. */
export function PatientExport({ patient, keyPair }: { patient: Address; keyPair: KeyPair }) {
  const { loadRecords, loadGrants } = usePatientExport(patient, keyPair);
  return <ExportPanel patient={patient} loadRecords={loadRecords} loadGrants={loadGrants} />;
}
