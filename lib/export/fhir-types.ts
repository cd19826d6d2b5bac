/**
 * The few FHIR R4 shapes the export writes. Our own small types rather than @types/fhir: we
 * build three kinds of object, and everything read from patients' files stays `FhirResource`
 * (checked only for `resourceType`) because it is passed through unchanged.
 */
import type { FhirResource } from '@/lib/fhir';

export type FhirCoding = { readonly system: string; readonly code: string; readonly display?: string };
export type FhirCodeableConcept = { readonly coding: readonly FhirCoding[]; readonly text?: string };
export type FhirIdentifier = { readonly system: string; readonly value: string };
export type FhirReference = { readonly type?: string; readonly identifier: FhirIdentifier; readonly display?: string };
export type FhirPeriod = { readonly start?: string; readonly end?: string };

export type FhirBundleEntry<R extends FhirResource = FhirResource> = { readonly fullUrl?: string; readonly resource: R };

export type FhirCollectionBundle<R extends FhirResource = FhirResource> = {
  readonly resourceType: 'Bundle';
  readonly type: 'collection';
  /** When the Bundle was assembled (ISO 8601). */
  readonly timestamp: string;
  readonly entry: readonly FhirBundleEntry<R>[];
};

/** FHIR R4 Consent (https://hl7.org/fhir/R4/consent.html), the elements Chartkey fills in. */
export type FhirConsent = {
  readonly resourceType: 'Consent';
  readonly identifier: readonly FhirIdentifier[];
  readonly status: 'active' | 'inactive';
  readonly scope: FhirCodeableConcept;
  readonly category: readonly FhirCodeableConcept[];
  readonly patient: FhirReference;
  readonly dateTime?: string;
  readonly performer: readonly FhirReference[];
  readonly policyRule: FhirCodeableConcept;
  readonly text: { readonly status: 'generated'; readonly div: string };
  readonly provision: {
    readonly type: 'permit';
    readonly period?: FhirPeriod;
    readonly actor: readonly { readonly role: FhirCodeableConcept; readonly reference: FhirReference }[];
    readonly action: readonly FhirCodeableConcept[];
    readonly data: readonly { readonly meaning: 'instance'; readonly reference: FhirReference }[];
  };
};
