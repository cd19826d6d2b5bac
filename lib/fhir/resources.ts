/**
 * Recognising FHIR JSON and walking Bundles. Shared by the viewer's summary and the patient's
 * export, so both agree on what counts as a FHIR resource.
 */
import { asArray, asObject, asString, type JsonObject } from './json';

/** FHIR resource type names are single PascalCase words ("Patient", "AllergyIntolerance"). */
const RESOURCE_TYPE = /^[A-Z][A-Za-z]{1,63}$/;

/** Bundles inside Bundles deeper than this are kept as opaque resources, so hostile input can't recurse forever. */
const MAX_BUNDLE_DEPTH = 8;

export type FhirResource = JsonObject & { readonly resourceType: string };

export type FlattenedEntry = {
  readonly resource: FhirResource;
  /** The Bundle entry's fullUrl, when the resource came from one (other entries may reference it). */
  readonly fullUrl?: string;
};

export function isFhirResource(value: unknown): value is FhirResource {
  const object = asObject(value);
  return object !== undefined && typeof object.resourceType === 'string' && RESOURCE_TYPE.test(object.resourceType);
}

export type ParsedJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/** JSON.parse that never throws, tolerating the byte-order mark some Windows tools write. */
export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** True when the text is JSON whose top level is a FHIR resource (a Bundle counts). */
export function isFhirJson(text: string): boolean {
  const parsed = parseJson(text);
  return parsed.ok && isFhirResource(parsed.value);
}

/**
 * Every resource in `root`: the resource itself, or, for a Bundle of any type, the resources
 * of its entries with Bundles inside it flattened too. `skipped` counts entries that hold no
 * recognisable resource.
 */
export function flattenResources(root: FhirResource): { readonly entries: FlattenedEntry[]; readonly skipped: number } {
  const entries: FlattenedEntry[] = [];
  let skipped = 0;
  const visit = (resource: FhirResource, fullUrl: string | undefined, depth: number) => {
    if (resource.resourceType !== 'Bundle' || depth > MAX_BUNDLE_DEPTH) {
      entries.push(fullUrl === undefined ? { resource } : { resource, fullUrl });
      return;
    }
    for (const item of asArray(resource.entry)) {
      const entry = asObject(item);
      if (entry && isFhirResource(entry.resource)) visit(entry.resource, asString(entry.fullUrl), depth + 1);
      else skipped += 1;
    }
  };
  visit(root, undefined, 0);
  return { entries, skipped };
}
