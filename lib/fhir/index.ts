export { formatFhirDate, formatFhirWhen } from './dates';
export { FHIR_SNIFF_BYTES, looksLikeFhir } from './detect';
export { flattenResources, isFhirJson, isFhirResource, parseJson, type FhirResource, type FlattenedEntry } from './resources';
export { parseFhir, summariseFhirJson } from './summarise';
export type * from './types';
