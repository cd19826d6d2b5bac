export { deploymentFor, type ConsentDeployment } from './deployments';
export {
  compareEventPositions,
  type ClinicianGrantStatus,
  type ConsentEvent,
  type EventPosition,
  type PatientRecord,
  type RecordGrantStatus,
} from './derive';
export { ConsentReadError } from './errors';
export { DEFAULT_LOG_CHUNK_BLOCKS, DEFAULT_LOG_CONCURRENCY, getLogsChunked, RPC_MAX_RESPONSE_BYTES, type ChunkedLogFilter, type LogClient } from './logs';
export {
  listClinicianGrants,
  listPatientRecords,
  listRecordGrants,
  readEncryptionKey,
  toConsentEvents,
  type ClinicianGrant,
  type ConsentClient,
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
export { clinicianProfileHash, readClinicianProfile, readIsBlocked, type ClinicianProfile } from './profiles';
export { readBlockTimes } from './block-times';
export { addressTopic, eventSelector, uintTopic, type ConsentEventName } from './topics';
