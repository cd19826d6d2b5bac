import { FHIR_SNIFF_BYTES, flattenResources, isFhirResource, looksLikeFhir, parseJson, type FhirResource } from '@/lib/fhir';
import type { FhirBundleEntry, FhirCollectionBundle } from './fhir-types';
import type { ExportableRecord } from './types';

type Candidate = {
  readonly resource: FhirResource;
  readonly fullUrl?: string;
  /** meta.lastUpdated in ms, or -Infinity when absent or unreadable. */
  readonly lastUpdated: number;
  readonly recordCreatedAt: number;
};

/** The same resource saved twice keeps its newest copy: the later meta.lastUpdated, else the later record. */
function isNewer(candidate: Candidate, current: Candidate): boolean {
  if (candidate.lastUpdated !== current.lastUpdated) return candidate.lastUpdated > current.lastUpdated;
  return candidate.recordCreatedAt > current.recordCreatedAt;
}

function lastUpdatedOf(resource: FhirResource): number {
  const meta = resource.meta;
  const value = typeof meta === 'object' && meta !== null ? (meta as { lastUpdated?: unknown }).lastUpdated : undefined;
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/**
 * Identity for de-duplication: resourceType/id when the resource has an id, else its Bundle
 * fullUrl, else its exact JSON (the same id-less file uploaded twice).
 */
function identityOf(resource: FhirResource, fullUrl: string | undefined): string {
  const id = typeof resource.id === 'string' && resource.id.trim() !== '' ? resource.id.trim() : undefined;
  if (id !== undefined) return `id:${resource.resourceType}/${id}`;
  if (fullUrl !== undefined) return `url:${fullUrl}`;
  return `json:${JSON.stringify(resource)}`;
}

function fhirResourcesIn(record: ExportableRecord): FhirResource | undefined {
  if (!looksLikeFhir(record.mediaType, record.name, record.plaintext.subarray(0, FHIR_SNIFF_BYTES))) return undefined;
  const parsed = parseJson(new TextDecoder().decode(record.plaintext));
  return parsed.ok && isFhirResource(parsed.value) ? parsed.value : undefined;
}

/**
 * A FHIR R4 `collection` Bundle of every resource in the patient's FHIR records. Bundles (of
 * any type) are flattened; a resource present in several records appears once. Entry fullUrls
 * are kept, so references between resources of one source Bundle still resolve. Records that
 * are not FHIR JSON are left out.
 */
export function buildFhirBundle(records: readonly ExportableRecord[], options: { readonly now?: Date } = {}): FhirCollectionBundle {
  const byIdentity = new Map<string, Candidate>();
  for (const record of records) {
    const root = fhirResourcesIn(record);
    if (!root) continue;
    for (const { resource, fullUrl } of flattenResources(root).entries) {
      const identity = identityOf(resource, fullUrl);
      const candidate: Candidate = { resource, fullUrl, lastUpdated: lastUpdatedOf(resource), recordCreatedAt: record.createdAt };
      const current = byIdentity.get(identity);
      // Map.set on an existing key keeps its position: entries stay in first-seen order.
      if (!current || isNewer(candidate, current)) byIdentity.set(identity, candidate);
    }
  }

  // R4 bdl-7: fullUrl must be unique within a Bundle; a clash between different resources drops the later one's.
  const usedFullUrls = new Set<string>();
  const entry: FhirBundleEntry[] = [...byIdentity.values()].map(({ resource, fullUrl }) => {
    if (fullUrl === undefined || usedFullUrls.has(fullUrl)) return { resource };
    usedFullUrls.add(fullUrl);
    return { fullUrl, resource };
  });
  return { resourceType: 'Bundle', type: 'collection', timestamp: (options.now ?? new Date()).toISOString(), entry };
}
