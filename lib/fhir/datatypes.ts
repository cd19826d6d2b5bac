/**
 * Human text for FHIR R4 data types (CodeableConcept, Quantity, Range, HumanName…). Each
 * function takes `unknown` and returns undefined for anything it cannot read.
 */
import { asArray, asNumber, asObject, asObjects, asString, asStrings } from './json';

/** "entered-in-error" → "Entered in error": FHIR status codes read as words. */
export function humanizeCode(code: unknown): string | undefined {
  const text = asString(code);
  if (text === undefined) return undefined;
  const words = text.replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function codingText(value: unknown): string | undefined {
  const coding = asObject(value);
  if (!coding) return undefined;
  return asString(coding.display) ?? asString(coding.code);
}

/**
 * text, then a coding's display, then a coding's code. The first coding with a display is
 * preferred over `coding[0]`'s bare code: systems often list a local code first and the
 * standard, displayable one second.
 */
export function codeableConceptText(value: unknown): string | undefined {
  const concept = asObject(value);
  if (!concept) return undefined;
  const text = asString(concept.text);
  if (text !== undefined) return text;
  const codings = asObjects(concept.coding);
  for (const coding of codings) {
    const display = asString(coding.display);
    if (display !== undefined) return display;
  }
  for (const coding of codings) {
    const code = asString(coding.code);
    if (code !== undefined) return code;
  }
  return undefined;
}

/** Every concept's text, de-duplicated, joined with commas. */
export function codeableConceptsText(value: unknown): string | undefined {
  const texts = [...new Set(asArray(value).flatMap((item) => {
    const text = codeableConceptText(item);
    return text === undefined ? [] : [text];
  }))];
  return texts.length > 0 ? texts.join(', ') : undefined;
}

/** True when any coding of the concept has this system and code (e.g. a LOINC code). */
export function hasCoding(value: unknown, system: string, code: string): boolean {
  const concept = asObject(value);
  if (!concept) return false;
  return asObjects(concept.coding).some((coding) => coding.system === system && coding.code === code);
}

function numberText(value: number): string {
  // Plain decimal notation: FHIR values are decimals, never shown as 1e-7.
  return Math.abs(value) < 1e-6 && value !== 0 ? value.toFixed(10).replace(/0+$/, '') : String(value);
}

export function quantityUnit(value: unknown): string | undefined {
  const quantity = asObject(value);
  if (!quantity) return undefined;
  return asString(quantity.unit) ?? asString(quantity.code);
}

function withUnit(number: string, unit: string | undefined): string {
  if (unit === undefined || unit === '1') return number;
  // "%" reads naturally attached ("6.8%"); other units are separated by a space.
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

/** "6.8%", "< 5 mg/dL", "72 /min". */
export function quantityText(value: unknown, options: { omitUnit?: boolean } = {}): string | undefined {
  const quantity = asObject(value);
  if (!quantity) return undefined;
  const number = asNumber(quantity.value);
  if (number === undefined) return undefined;
  const comparator = asString(quantity.comparator);
  const text = comparator ? `${comparator} ${numberText(number)}` : numberText(number);
  return options.omitUnit ? text : withUnit(text, quantityUnit(quantity));
}

/** "4–5.6%" (unit once when both ends share it), "≥ 4 %", "≤ 5.6 %". */
export function rangeText(value: unknown): string | undefined {
  const range = asObject(value);
  if (!range) return undefined;
  const low = asObject(range.low);
  const high = asObject(range.high);
  const lowText = quantityText(low);
  const highText = quantityText(high);
  if (lowText !== undefined && highText !== undefined) {
    const lowUnit = quantityUnit(low);
    if (lowUnit === quantityUnit(high)) return withUnit(`${quantityText(low, { omitUnit: true })}–${quantityText(high, { omitUnit: true })}`, lowUnit);
    return `${lowText}–${highText}`;
  }
  if (lowText !== undefined) return `≥ ${lowText}`;
  if (highText !== undefined) return `≤ ${highText}`;
  return undefined;
}

export function ratioText(value: unknown): string | undefined {
  const ratio = asObject(value);
  if (!ratio) return undefined;
  const numerator = quantityText(ratio.numerator);
  const denominator = quantityText(ratio.denominator);
  if (numerator === undefined || denominator === undefined) return undefined;
  return `${numerator} / ${denominator}`;
}

/** An Observation.referenceRange entry: its own text, else low–high, with who it applies to. */
export function referenceRangeText(value: unknown): string | undefined {
  const texts = asObjects(value).flatMap((range) => {
    const text = asString(range.text) ?? rangeText(range);
    if (text === undefined) return [];
    const appliesTo = codeableConceptsText(range.appliesTo) ?? codeableConceptText(range.type);
    return [appliesTo ? `${text} (${appliesTo})` : text];
  });
  return texts.length > 0 ? texts.join('; ') : undefined;
}

/** "Dr. Ada Lovelace Jr." from a HumanName: its text, else prefix, given names, family, suffix. */
export function humanNameText(value: unknown): string | undefined {
  const name = asObject(value);
  if (!name) return undefined;
  const text = asString(name.text);
  if (text !== undefined) return text;
  const parts = [...asStrings(name.prefix), ...asStrings(name.given), asString(name.family), ...asStrings(name.suffix)];
  const joined = parts.filter((part): part is string => part !== undefined).join(' ');
  return joined === '' ? undefined : joined;
}

/** The name to show for a person: the official one, else the usual one, else the first readable one. */
export function preferredHumanName(value: unknown): string | undefined {
  const names = asObjects(value);
  const byUse = (use: string) => names.find((name) => name.use === use && humanNameText(name) !== undefined);
  const chosen = byUse('official') ?? byUse('usual') ?? names.find((name) => humanNameText(name) !== undefined);
  return humanNameText(chosen);
}

/** A Reference's display, else its identifier's value, else the literal reference. */
export function referenceText(value: unknown): string | undefined {
  const reference = asObject(value);
  if (!reference) return undefined;
  return asString(reference.display) ?? asString(asObject(reference.identifier)?.value) ?? asString(reference.reference);
}
