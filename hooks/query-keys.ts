import type { Address, Hex } from 'viem';

/** Query keys in one place so a confirmed transaction refreshes exactly what it changed. */
export const queryKeys = {
  encryptionKey: (chainId: number, account: Address) => ['encryption-key', chainId, account.toLowerCase()] as const,
  patientRecords: (chainId: number, patient: Address) => ['patient-records', chainId, patient.toLowerCase()] as const,
  allRecordGrants: (chainId: number) => ['record-grants', chainId] as const,
  /** Every grant of one patient (one chain scan); under 'record-grants' so refreshing all record grants refreshes it too. */
  patientGrants: (chainId: number, patient: Address) => ['record-grants', chainId, 'patient', patient.toLowerCase()] as const,
  /** Every patient's activity on a chain: any consent change is a new line in its patient's timeline. */
  allPatientActivity: (chainId: number) => ['patient-activity', chainId] as const,
  patientActivity: (chainId: number, patient: Address) => ['patient-activity', chainId, patient.toLowerCase()] as const,
  clinicianProfile: (chainId: number, clinician: Address) => ['clinician-profile', chainId, clinician.toLowerCase()] as const,
  pendingRequests: (chainId: number, patient: Address) => ['pending-requests', chainId, patient.toLowerCase()] as const,
  blockedRequesters: (chainId: number, patient: Address) => ['blocked-requesters', chainId, patient.toLowerCase()] as const,
  clinicianRequests: (chainId: number, clinician: Address) => ['clinician-requests', chainId, clinician.toLowerCase()] as const,
  clinicianGrants: (chainId: number, clinician: Address) => ['clinician-grants', chainId, clinician.toLowerCase()] as const,
  attesterRole: (chainId: number, account: Address) => ['attester-role', chainId, account.toLowerCase()] as const,
  publishedClinicians: (chainId: number) => ['published-clinicians', chainId] as const,
  /** Timestamps of these blocks; a block's time never changes, so the list itself is the key. */
  blockTimes: (chainId: number, blockNumbers: readonly bigint[]) => ['block-times', chainId, blockNumbers.map(String)] as const,
  /** A record decrypted in this browser (plaintext and metadata). */
  recordContent: (locator: Hex) => ['record-content', locator] as const,
  /** A record's decrypted name, kind and date. */
  recordMetadata: (locator: Hex) => ['record-metadata', locator] as const,
};

/** Every cache holding something decrypted: dropped together with the key when the records lock. */
export const DECRYPTED_QUERY_ROOTS = [['record-content'], ['record-metadata']] as const;
