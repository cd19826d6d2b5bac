/**
 * A small, display-ready model of the FHIR R4 resources Chartkey shows in a readable form.
 * Texts are already human-formatted (codes resolved to their display, quantities joined with
 * their units); dates stay as the FHIR strings they were (possibly partial, e.g. "2021" or
 * "2021-04") so the UI can format them for the reader's locale with `formatFhirDate`.
 */

/** A FHIR date, dateTime or instant exactly as written in the resource. */
export type FhirDateString = string;

/** When something happened: a date, or only a description such as "childhood" or "age 45". */
export type FhirWhen =
  | { readonly kind: 'date'; readonly value: FhirDateString }
  | { readonly kind: 'period'; readonly start?: FhirDateString; readonly end?: FhirDateString }
  | { readonly kind: 'text'; readonly value: string };

export type PatientIdentifier = {
  /** What kind of identifier (e.g. "Medical record number"), when the source says. */
  readonly label?: string;
  readonly value: string;
};

export type PatientSummary = {
  readonly id?: string;
  readonly name?: string;
  readonly birthDate?: FhirDateString;
  /** "Female", "Male", "Other" or "Unknown". */
  readonly gender?: string;
  readonly identifiers: readonly PatientIdentifier[];
};

export type ObservationComponentSummary = {
  readonly label: string;
  readonly value?: string;
  readonly interpretation?: string;
  readonly referenceRange?: string;
};

export type ObservationSummary = {
  readonly id?: string;
  readonly label: string;
  readonly category?: string;
  /** The value with its unit, e.g. "6.8 %" or "128/82 mmHg" for a blood pressure panel. */
  readonly value?: string;
  readonly components: readonly ObservationComponentSummary[];
  readonly effective?: FhirWhen;
  readonly status?: string;
  readonly interpretation?: string;
  readonly referenceRange?: string;
  readonly note?: string;
};

export type ConditionSummary = {
  readonly id?: string;
  readonly label: string;
  readonly clinicalStatus?: string;
  readonly verificationStatus?: string;
  readonly onset?: FhirWhen;
  readonly abatement?: FhirWhen;
  readonly recordedDate?: FhirDateString;
};

export type MedicationSummary = {
  readonly id?: string;
  readonly resourceType: 'MedicationStatement' | 'MedicationRequest';
  readonly label: string;
  readonly dosage: readonly string[];
  readonly status?: string;
  /** MedicationRequest only: "order", "plan", "proposal"… */
  readonly intent?: string;
  /** When it was (or is to be) taken. */
  readonly effective?: FhirWhen;
  /** `dateAsserted` of a statement or `authoredOn` of a request. */
  readonly recordedDate?: FhirDateString;
};

export type AllergyReactionSummary = {
  readonly manifestations: readonly string[];
  readonly severity?: string;
  readonly substance?: string;
  readonly description?: string;
};

export type AllergySummary = {
  readonly id?: string;
  readonly label: string;
  readonly clinicalStatus?: string;
  readonly verificationStatus?: string;
  readonly criticality?: string;
  readonly categories: readonly string[];
  readonly reactions: readonly AllergyReactionSummary[];
  readonly onset?: FhirWhen;
  readonly recordedDate?: FhirDateString;
};

export type ImmunizationSummary = {
  readonly id?: string;
  readonly label: string;
  readonly occurrence?: FhirWhen;
  readonly status?: string;
  readonly lotNumber?: string;
  readonly doseNumber?: string;
};

/** A resource Chartkey has no readable layout for; the UI shows its JSON. */
export type OtherResource = {
  readonly resourceType: string;
  readonly id?: string;
  /** The resource as indented JSON. */
  readonly json: string;
};

export type FhirSummary = {
  /** A single resource, or the `type` of the Bundle it came from ("collection", "document"…). */
  readonly source: { readonly kind: 'resource'; readonly resourceType: string } | { readonly kind: 'bundle'; readonly bundleType?: string };
  readonly patients: readonly PatientSummary[];
  readonly observations: readonly ObservationSummary[];
  readonly conditions: readonly ConditionSummary[];
  readonly medications: readonly MedicationSummary[];
  readonly allergies: readonly AllergySummary[];
  readonly immunizations: readonly ImmunizationSummary[];
  readonly others: readonly OtherResource[];
  /** Bundle entries with no usable resource (skipped, so the UI can say so). */
  readonly skippedEntries: number;
};

export type NotFhirReason = 'invalid-json' | 'not-an-object' | 'no-resource-type';

export type FhirParseResult =
  | { readonly kind: 'fhir'; readonly summary: FhirSummary }
  | { readonly kind: 'not-fhir'; readonly reason: NotFhirReason };
