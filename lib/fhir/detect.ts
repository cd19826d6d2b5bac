/**
 * Cheap "is this probably FHIR?" test for upload code, which knows a file's type, name and
 * first bytes before reading (or encrypting) all of it. The viewer still parses fully: a
 * positive answer here is a hint, not a promise.
 */

/** How many leading bytes `looksLikeFhir` looks at; pass at least this many when you have them. */
export const FHIR_SNIFF_BYTES = 4096;

const FHIR_MEDIA_TYPE = /^application\/fhir\+json(\s*;|$)/i;
/** Types a FHIR JSON file is commonly given by browsers and operating systems that don't know FHIR. */
const GENERIC_MEDIA_TYPE = /^(application\/(json|octet-stream|[\w.+-]+\+json)|text\/(plain|json))(\s*;|$)/i;
/** `"resourceType": "Patient"`: FHIR JSON puts it first by convention, so it sits in the prefix. */
const RESOURCE_TYPE_PROPERTY = /"resourceType"\s*:\s*"[A-Z][A-Za-z]{1,63}"/;

export function looksLikeFhir(mediaType: string, name: string, firstBytes: Uint8Array): boolean {
  const type = mediaType.trim();
  if (FHIR_MEDIA_TYPE.test(type)) return true;
  const lowerName = name.toLowerCase();
  if (lowerName.endsWith('.fhir.json')) return true;
  if (type !== '' && !GENERIC_MEDIA_TYPE.test(type) && !lowerName.endsWith('.json')) return false;
  // Non-fatal decoding: the prefix may end in the middle of a multi-byte character.
  const prefix = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(firstBytes.subarray(0, FHIR_SNIFF_BYTES));
  return prefix.trimStart().startsWith('{') && RESOURCE_TYPE_PROPERTY.test(prefix);
}
