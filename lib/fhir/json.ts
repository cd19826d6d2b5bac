/**
 * Defensive readers for parsed JSON. FHIR files come from many systems and are often
 * incomplete or slightly off-spec, so every field is read through these: a wrong shape reads as
 * "absent" instead of throwing, and the rest of the resource still displays.
 */

export type JsonObject = { readonly [key: string]: unknown };

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** A non-empty string after trimming, or undefined. */
export function asString(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** FHIR repeats elements as arrays; a lone value where an array belongs is read as a one-item array. */
export function asArray(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

export function asObjects(value: unknown): JsonObject[] {
  return asArray(value).flatMap((item) => {
    const object = asObject(item);
    return object ? [object] : [];
  });
}

export function asStrings(value: unknown): string[] {
  return asArray(value).flatMap((item) => {
    const text = asString(item);
    return text === undefined ? [] : [text];
  });
}
