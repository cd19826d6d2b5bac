export { ARCHIVE_MANIFEST_FORMAT, ARCHIVE_MANIFEST_NAME, ARCHIVE_RECORDS_FOLDER, buildRecordsArchive, type ArchiveManifest } from './archive';
export { CONSENT_IDENTIFIER_SYSTEM, ETHEREUM_ADDRESS_SYSTEM, RECORD_IDENTIFIER_SYSTEM, buildConsentResources, recordIdentifierValue } from './consents';
export { ExportError, type ExportErrorCode } from './errors';
export { buildFhirBundle } from './fhir-bundle';
export type * from './fhir-types';
export { exportFileName, sanitiseFileName, uniqueFileNames, type ExportFileKind } from './file-names';
export type * from './types';
