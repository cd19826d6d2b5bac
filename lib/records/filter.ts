import type { RecordKind, RecordMetadata } from '@/lib/crypto';

export type RecordFilter = { readonly query: string; readonly kind: RecordKind | 'all' };

export const KIND_LABELS: Readonly<Record<RecordKind, string>> = {
  document: 'Document',
  image: 'Image',
  note: 'Note',
  fhir: 'Health data (FHIR)',
  other: 'Other file',
};

/**
 * Whether a record matches the patient's search. Runs on decrypted metadata in the browser;
 * a record whose metadata is not available yet (still decrypting) only matches an empty search.
 */
export function matchesFilter(metadata: RecordMetadata | undefined, filter: RecordFilter): boolean {
  const query = filter.query.trim().toLowerCase();
  if (!metadata) return query === '' && filter.kind === 'all';
  if (filter.kind !== 'all' && metadata.kind !== filter.kind) return false;
  if (query === '') return true;
  return [metadata.name, KIND_LABELS[metadata.kind], metadata.mediaType].some((text) => text.toLowerCase().includes(query));
}
