/**
 * Left only for the write-side components (requests inbox, sharing overview, uploads) until they
 * import `usePatientRecords` from `use-patient-records` directly; then this file goes.
 * Reads live one per concern: use-patient-records, use-clinician-grants, use-clinician-profile, …
 */
export { usePatientRecords } from './use-patient-records';
