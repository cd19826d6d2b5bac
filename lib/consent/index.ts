export { deploymentFor, type ConsentDeployment } from './deployments';
export {
  compareEventPositions,
  type ClinicianGrantStatus,
  type ConsentEvent,
  type PatientRecord,
  type RecordGrantStatus,
} from './derive';
export { ConsentReadError } from './errors';
export {
  consentHistory,
  withReadError,
  type ConsentHistoryEvent,
  type ConsentHistorySource,
  type EventPosition,
  type HistoryClient,
  type HistoryFilter,
  type HistoryHead,
  type HistoryScan,
} from './history';
// Log scans are the history reader's business (./history): only the constants leave this folder.
export { DEFAULT_LOG_CHUNK_BLOCKS, RPC_MAX_RESPONSE_BYTES } from './logs';
export {
  listClinicianGrants,
  listPatientGrants,
  listPatientRecords,
  listRecordGrants,
  readEncryptionKey,
  type ClinicianGrant,
  type ConsentClient,
  type PatientGrant,
  type RecordGrant,
} from './read';
export {
  deriveRequests,
  listClinicianRequests,
  listPendingRequests,
  REQUEST_PURPOSES,
  type AccessRequest,
  type RequestPurpose,
  type RequestStatus,
} from './requests';
export {
  clinicianProfileHash,
  isAttester,
  listPublishedClinicians,
  readClinicianProfile,
  readIsBlocked,
  type ClinicianProfile,
  type PublishedClinician,
} from './profiles';
export { readBlockTimes } from './block-times';
export { deriveBlockedRequesters, listBlockedRequesters, type BlockedRequester } from './blocking';
export { addressTopic, eventSelector, uintTopic, type ConsentEventName } from './topics';
