/**
 * How often reads are repeated by themselves, in one place, for the things that change without
 * anything happening in this browser. Used as TanStack Query's `refetchInterval`, so a hidden tab
 * does not poll. Everything else is refreshed by the transaction that changes it (`invalidates`).
 */
export const REFRESH_MS = {
  /** A clinician's access ends without any action of theirs: it expires, or the patient revokes it. */
  clinicianGrants: 10_000,
  /** Patients answer a clinician's requests in their own browser. */
  clinicianRequests: 10_000,
  /** An attester verifies (or un-verifies) a profile in their own browser: the clinician's badge follows. */
  ownClinicianProfile: 15_000,
  /** Clinicians send requests from their own browser: the inbox and its tab badge follow. */
  pendingRequests: 15_000,
  /** Grants also end on their own (expiry): keeps "who can see" honest without a reload. */
  patientGrants: 30_000,
} as const;
