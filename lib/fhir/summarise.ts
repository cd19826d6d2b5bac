/**
 * FHIR R4 JSON (one resource, or a Bundle of any type) → the display model in `./types`.
 * Never throws for valid JSON: unknown shapes read as absent fields, unknown resources are kept
 * as "other" with their JSON.
 */
import {
  codeableConceptText,
  codeableConceptsText,
  hasCoding,
  humanizeCode,
  preferredHumanName,
  quantityText,
  quantityUnit,
  rangeText,
  ratioText,
  referenceRangeText,
  referenceText,
} from './datatypes';
import { asArray, asBoolean, asNumber, asObject, asObjects, asString, asStrings, type JsonObject } from './json';
import { flattenResources, isFhirResource, parseJson, type FhirResource, type FlattenedEntry } from './resources';
import type {
  AllergyReactionSummary,
  AllergySummary,
  ConditionSummary,
  FhirParseResult,
  FhirSummary,
  FhirWhen,
  ImmunizationSummary,
  MedicationSummary,
  ObservationComponentSummary,
  ObservationSummary,
  OtherResource,
  PatientSummary,
} from './types';

const LOINC = 'http://loinc.org';
const LOINC_SYSTOLIC = '8480-6';
const LOINC_DIASTOLIC = '8462-4';

/** Parses text and summarises it; `kind: 'not-fhir'` says why the text is not FHIR JSON. */
export function parseFhir(text: string): FhirParseResult {
  const parsed = parseJson(text);
  if (!parsed.ok) return { kind: 'not-fhir', reason: 'invalid-json' };
  return summariseFhirJson(parsed.value);
}

/** As `parseFhir`, for JSON already parsed. */
export function summariseFhirJson(value: unknown): FhirParseResult {
  const object = asObject(value);
  if (!object) return { kind: 'not-fhir', reason: 'not-an-object' };
  if (!isFhirResource(object)) return { kind: 'not-fhir', reason: 'no-resource-type' };
  return { kind: 'fhir', summary: summariseResource(object) };
}

/** Finds resources that others point at (`Medication/123`, a fullUrl, or `#contained`). */
type ReferenceResolver = (reference: unknown, container: JsonObject) => JsonObject | undefined;

function buildResolver(entries: readonly FlattenedEntry[]): ReferenceResolver {
  const byKey = new Map<string, JsonObject>();
  for (const { resource, fullUrl } of entries) {
    const id = asString(resource.id);
    if (id !== undefined) byKey.set(`${resource.resourceType}/${id}`, resource);
    if (fullUrl !== undefined) byKey.set(fullUrl, resource);
  }
  return (reference, container) => {
    const target = asString(asObject(reference)?.reference);
    if (target === undefined) return undefined;
    if (target.startsWith('#')) {
      return asObjects(container.contained).find((contained) => asString(contained.id) === target.slice(1));
    }
    // Absolute URLs ending in Type/id ("https://server/fhir/Medication/123") match by their tail.
    return byKey.get(target) ?? byKey.get(target.split('/').slice(-2).join('/'));
  };
}

function summariseResource(root: FhirResource): FhirSummary {
  const { entries, skipped } = flattenResources(root);
  const resolve = buildResolver(entries);
  const patients: PatientSummary[] = [];
  const observations: ObservationSummary[] = [];
  const conditions: ConditionSummary[] = [];
  const medications: MedicationSummary[] = [];
  const allergies: AllergySummary[] = [];
  const immunizations: ImmunizationSummary[] = [];
  const others: OtherResource[] = [];

  for (const { resource } of entries) {
    switch (resource.resourceType) {
      case 'Patient':
        patients.push(summarisePatient(resource));
        break;
      case 'Observation':
        observations.push(summariseObservation(resource));
        break;
      case 'Condition':
        conditions.push(summariseCondition(resource));
        break;
      case 'MedicationStatement':
      case 'MedicationRequest':
        medications.push(summariseMedication(resource, resource.resourceType, resolve));
        break;
      case 'AllergyIntolerance':
        allergies.push(summariseAllergy(resource));
        break;
      case 'Immunization':
        immunizations.push(summariseImmunization(resource));
        break;
      default:
        others.push(summariseOther(resource));
    }
  }

  return {
    source:
      root.resourceType === 'Bundle'
        ? compact({ kind: 'bundle' as const, bundleType: asString(root.type) })
        : { kind: 'resource', resourceType: root.resourceType },
    patients,
    observations,
    conditions,
    medications,
    allergies,
    immunizations,
    others,
    skippedEntries: skipped,
  };
}

/**
 * Drops undefined fields: the model's optional fields are absent rather than present as
 * `undefined`, so summaries compare and serialise cleanly.
 */
function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

function summarisePatient(resource: JsonObject): PatientSummary {
  const identifiers = asObjects(resource.identifier).flatMap((identifier) => {
    const value = asString(identifier.value);
    if (value === undefined) return [];
    // The identifier's system is a URI meaningful to software, not people; its type says what it is.
    return [compact({ label: codeableConceptText(identifier.type), value })];
  });
  return compact({
    id: asString(resource.id),
    name: preferredHumanName(resource.name),
    birthDate: asString(resource.birthDate),
    gender: humanizeCode(resource.gender),
    identifiers,
  });
}

/** A `value[x]` element as text: the FHIR R4 Observation value types. */
function valueText(element: JsonObject): string | undefined {
  if (element.valueQuantity !== undefined) return quantityText(element.valueQuantity);
  if (element.valueCodeableConcept !== undefined) return codeableConceptText(element.valueCodeableConcept);
  if (element.valueString !== undefined) return asString(element.valueString);
  const booleanValue = asBoolean(element.valueBoolean);
  if (booleanValue !== undefined) return booleanValue ? 'Yes' : 'No';
  const integerValue = asNumber(element.valueInteger);
  if (integerValue !== undefined) return String(integerValue);
  if (element.valueRange !== undefined) return rangeText(element.valueRange);
  if (element.valueRatio !== undefined) return ratioText(element.valueRatio);
  if (element.valueDateTime !== undefined) return asString(element.valueDateTime);
  if (element.valueTime !== undefined) return asString(element.valueTime);
  if (element.valuePeriod !== undefined) {
    const period = asObject(element.valuePeriod);
    const start = asString(period?.start);
    const end = asString(period?.end);
    return start || end ? `${start ?? '…'} – ${end ?? '…'}` : undefined;
  }
  if (element.valueSampledData !== undefined) return 'Sampled data (not shown)';
  const absent = codeableConceptText(element.dataAbsentReason);
  return absent === undefined ? undefined : `No value (${absent.toLowerCase()})`;
}

/** "128/82 mmHg" when a blood pressure panel has both systolic and diastolic components in one unit. */
function bloodPressureText(components: readonly JsonObject[]): string | undefined {
  const find = (code: string) => components.find((component) => hasCoding(component.code, LOINC, code));
  const systolic = asObject(find(LOINC_SYSTOLIC)?.valueQuantity);
  const diastolic = asObject(find(LOINC_DIASTOLIC)?.valueQuantity);
  if (!systolic || !diastolic) return undefined;
  const unit = quantityUnit(systolic);
  const systolicText = quantityText(systolic, { omitUnit: true });
  const diastolicText = quantityText(diastolic, { omitUnit: true });
  if (systolicText === undefined || diastolicText === undefined || unit !== quantityUnit(diastolic)) return undefined;
  return unit === undefined ? `${systolicText}/${diastolicText}` : `${systolicText}/${diastolicText} ${unit}`;
}

/** A choice element `<prefix>[x]` describing when something happened. */
function whenFrom(resource: JsonObject, prefix: string): FhirWhen | undefined {
  const date = asString(resource[`${prefix}DateTime`]) ?? asString(resource[`${prefix}Instant`]) ?? asString(resource[`${prefix}Date`]);
  if (date !== undefined) return { kind: 'date', value: date };
  const period = asObject(resource[`${prefix}Period`]);
  if (period) {
    const start = asString(period.start);
    const end = asString(period.end);
    if (start !== undefined || end !== undefined) return compact({ kind: 'period' as const, start, end });
  }
  const age = quantityText(resource[`${prefix}Age`]);
  if (age !== undefined) return { kind: 'text', value: `At age ${age}` };
  const ageRange = rangeText(resource[`${prefix}Range`]);
  if (ageRange !== undefined) return { kind: 'text', value: `Aged ${ageRange}` };
  const text = asString(resource[`${prefix}String`]);
  if (text !== undefined) return { kind: 'text', value: text };
  const booleanValue = asBoolean(resource[`${prefix}Boolean`]);
  if (booleanValue === true) return { kind: 'text', value: 'Yes' };
  return undefined;
}

function notesText(value: unknown): string | undefined {
  const notes = asObjects(value).flatMap((note) => {
    const text = asString(note.text);
    return text === undefined ? [] : [text];
  });
  return notes.length > 0 ? notes.join('\n') : undefined;
}

function summariseObservation(resource: JsonObject): ObservationSummary {
  const componentObjects = asObjects(resource.component);
  const components: ObservationComponentSummary[] = componentObjects.map((component) =>
    compact({
      label: codeableConceptText(component.code) ?? 'Component',
      value: valueText(component),
      interpretation: codeableConceptsText(component.interpretation),
      referenceRange: referenceRangeText(component.referenceRange),
    }),
  );
  return compact({
    id: asString(resource.id),
    label: codeableConceptText(resource.code) ?? 'Unnamed observation',
    category: codeableConceptsText(resource.category),
    value: valueText(resource) ?? bloodPressureText(componentObjects),
    components,
    effective: whenFrom(resource, 'effective'),
    status: humanizeCode(resource.status),
    interpretation: codeableConceptsText(resource.interpretation),
    referenceRange: referenceRangeText(resource.referenceRange),
    note: notesText(resource.note),
  });
}

function summariseCondition(resource: JsonObject): ConditionSummary {
  return compact({
    id: asString(resource.id),
    label: codeableConceptText(resource.code) ?? 'Unnamed condition',
    clinicalStatus: codeableConceptText(resource.clinicalStatus),
    verificationStatus: codeableConceptText(resource.verificationStatus),
    onset: whenFrom(resource, 'onset'),
    abatement: whenFrom(resource, 'abatement'),
    recordedDate: asString(resource.recordedDate),
  });
}

/** Dosage.text, else the patient instruction, else "dose, timing, route" assembled from the parts. */
function dosageText(value: unknown): string | undefined {
  const dosage = asObject(value);
  if (!dosage) return undefined;
  const text = asString(dosage.text) ?? asString(dosage.patientInstruction);
  if (text !== undefined) return text;
  const doseAndRate = asObjects(dosage.doseAndRate)[0];
  const dose = doseAndRate ? (quantityText(doseAndRate.doseQuantity) ?? rangeText(doseAndRate.doseRange)) : undefined;
  const timing = codeableConceptText(asObject(dosage.timing)?.code);
  const route = codeableConceptText(dosage.route);
  const asNeeded = asBoolean(dosage.asNeededBoolean) ? 'as needed' : codeableConceptText(dosage.asNeededCodeableConcept);
  const parts = [dose, timing, route, asNeeded].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function summariseMedication(
  resource: JsonObject,
  resourceType: MedicationSummary['resourceType'],
  resolve: ReferenceResolver,
): MedicationSummary {
  const referenced = resolve(resource.medicationReference, resource);
  const label =
    codeableConceptText(resource.medicationCodeableConcept) ??
    codeableConceptText(referenced?.code) ??
    referenceText(resource.medicationReference) ??
    'Unnamed medication';
  const dosages = asArray(resourceType === 'MedicationStatement' ? resource.dosage : resource.dosageInstruction);
  return compact({
    id: asString(resource.id),
    resourceType,
    label,
    dosage: dosages.flatMap((dosage) => {
      const text = dosageText(dosage);
      return text === undefined ? [] : [text];
    }),
    status: humanizeCode(resource.status),
    intent: resourceType === 'MedicationRequest' ? humanizeCode(resource.intent) : undefined,
    effective: resourceType === 'MedicationStatement' ? whenFrom(resource, 'effective') : undefined,
    recordedDate: asString(resourceType === 'MedicationStatement' ? resource.dateAsserted : resource.authoredOn),
  });
}

function summariseAllergy(resource: JsonObject): AllergySummary {
  const reactions: AllergyReactionSummary[] = asObjects(resource.reaction).map((reaction) =>
    compact({
      manifestations: asArray(reaction.manifestation).flatMap((manifestation) => {
        const text = codeableConceptText(manifestation);
        return text === undefined ? [] : [text];
      }),
      severity: humanizeCode(reaction.severity),
      substance: codeableConceptText(reaction.substance),
      description: asString(reaction.description),
    }),
  );
  return compact({
    id: asString(resource.id),
    label: codeableConceptText(resource.code) ?? 'Unspecified allergy',
    clinicalStatus: codeableConceptText(resource.clinicalStatus),
    verificationStatus: codeableConceptText(resource.verificationStatus),
    criticality: humanizeCode(resource.criticality),
    categories: asStrings(resource.category).map((category) => humanizeCode(category) ?? category),
    reactions,
    onset: whenFrom(resource, 'onset'),
    recordedDate: asString(resource.recordedDate),
  });
}

function summariseImmunization(resource: JsonObject): ImmunizationSummary {
  const protocol = asObjects(resource.protocolApplied)[0];
  const doseNumber = protocol ? (asNumber(protocol.doseNumberPositiveInt)?.toString() ?? asString(protocol.doseNumberString)) : undefined;
  return compact({
    id: asString(resource.id),
    label: codeableConceptText(resource.vaccineCode) ?? 'Unnamed vaccine',
    occurrence: whenFrom(resource, 'occurrence'),
    status: humanizeCode(resource.status),
    lotNumber: asString(resource.lotNumber),
    doseNumber,
  });
}

function summariseOther(resource: FhirResource): OtherResource {
  let json: string;
  try {
    json = JSON.stringify(resource, null, 2);
  } catch {
    // Only pathologically deep JSON gets here (the engine's recursion limit).
    json = '(This resource is too deeply nested to display.)';
  }
  return compact({ resourceType: resource.resourceType, id: asString(resource.id), json });
}
