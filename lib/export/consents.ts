import { getAddress, isAddress, type Address } from 'viem';
import { ExportError } from './errors';
import type { FhirCodeableConcept, FhirCollectionBundle, FhirConsent, FhirReference } from './fhir-types';
import type { ConsentGrantInput, ConsentGrantStatus } from './types';

/** Identifier systems Chartkey uses for people (their Ethereum account) and for its records and grants. */
export const ETHEREUM_ADDRESS_SYSTEM = 'https://chartkey.app/ethereum-address';
export const RECORD_IDENTIFIER_SYSTEM = 'https://chartkey.app/record';
export const CONSENT_IDENTIFIER_SYSTEM = 'https://chartkey.app/consent';

const PRIVACY_SCOPE: FhirCodeableConcept = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy', display: 'Privacy Consent' }],
};
const PATIENT_CONSENT_CATEGORY: FhirCodeableConcept = {
  coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }],
};
/** R4 requires a policy or a policyRule (ppc-1); sharing a record with a named clinician is an opt-in. */
const OPT_IN_POLICY_RULE: FhirCodeableConcept = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN', display: 'opt-in' }],
};
/** The clinician receives the record: R4 provision.actor.role from ParticipationType. */
const INFORMATION_RECIPIENT_ROLE: FhirCodeableConcept = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP', display: 'information recipient' }],
};
const ACCESS_ACTION: FhirCodeableConcept = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'access', display: 'Access' }],
};

/** R4 Consent.status has no "expired" or "revoked": both mean the consent no longer applies. */
const CONSENT_STATUS: Readonly<Record<ConsentGrantStatus, FhirConsent['status']>> = {
  active: 'active',
  expired: 'inactive',
  revoked: 'inactive',
};

const STATUS_SENTENCE: Readonly<Record<ConsentGrantStatus, string>> = {
  active: 'active',
  expired: 'expired',
  revoked: 'revoked by the patient',
};

/** The largest instant a JavaScript Date can hold, in seconds. */
const MAX_DATE_SECONDS = 8_640_000_000_000n;

function checkedAddress(address: string, who: 'patient' | 'clinician'): Address {
  if (!isAddress(address, { strict: false })) {
    throw new ExportError(
      'export.invalid-address',
      who === 'patient'
        ? 'Your account address could not be read, so the consents were not exported. Reconnect your wallet and try again.'
        : 'One of the clinician addresses in your sharing list could not be read, so the consents were not exported. Reload the page and try again.',
    );
  }
  // Checksummed, so the same account is always written the same way.
  return getAddress(address);
}

function accountReference(address: Address, type: 'Patient' | 'Practitioner'): FhirReference {
  return { type, identifier: { system: ETHEREUM_ADDRESS_SYSTEM, value: address } };
}

function expiryIso(expiresAt: bigint): string | undefined {
  // Beyond what a Date can show means "no practical end"; the period is then left open.
  if (expiresAt < 0n || expiresAt > MAX_DATE_SECONDS) return undefined;
  return new Date(Number(expiresAt) * 1000).toISOString();
}

function grantedIso(grantedAt: number | undefined): string | undefined {
  if (grantedAt === undefined || !Number.isFinite(grantedAt)) return undefined;
  const date = new Date(grantedAt);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function recordIdentifierValue(recordId: bigint): string {
  return `chartkey-record-${recordId.toString()}`;
}

function consentFor(grant: ConsentGrantInput, patient: Address): FhirConsent {
  const clinician = checkedAddress(grant.clinician, 'clinician');
  const end = expiryIso(grant.expiresAt);
  const start = grantedIso(grant.grantedAt);
  const recordValue = recordIdentifierValue(grant.recordId);
  const period = start === undefined && end === undefined ? undefined : { ...(start && { start }), ...(end && { end }) };
  // Only digits, hex addresses, ISO dates and fixed words: nothing here needs XHTML escaping.
  const narrative = `Access to Chartkey record ${grant.recordId.toString()} for ${clinician}${end ? ` until ${end}` : ''}: ${STATUS_SENTENCE[grant.status]}.`;

  return {
    resourceType: 'Consent',
    identifier: [{ system: CONSENT_IDENTIFIER_SYSTEM, value: `${recordValue}-${clinician.toLowerCase()}` }],
    status: CONSENT_STATUS[grant.status],
    scope: PRIVACY_SCOPE,
    category: [PATIENT_CONSENT_CATEGORY],
    patient: accountReference(patient, 'Patient'),
    ...(start && { dateTime: start }),
    // R4 Consent.performer is the party agreeing to the rules: the patient granted the access.
    performer: [accountReference(patient, 'Patient')],
    policyRule: OPT_IN_POLICY_RULE,
    text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${narrative}</div>` },
    provision: {
      type: 'permit',
      ...(period && { period }),
      actor: [{ role: INFORMATION_RECIPIENT_ROLE, reference: accountReference(clinician, 'Practitioner') }],
      action: [ACCESS_ACTION],
      data: [{ meaning: 'instance', reference: { identifier: { system: RECORD_IDENTIFIER_SYSTEM, value: recordValue } } }],
    },
  };
}

/**
 * FHIR R4 Consent resources, one per grant, in a `collection` Bundle. The patient and the
 * clinician are identified by their Ethereum addresses; each Consent permits the clinician
 * (provision.actor) to access one Chartkey record (provision.data) until the grant's expiry.
 */
export function buildConsentResources(
  grants: readonly ConsentGrantInput[],
  options: { readonly patient: Address; readonly now?: Date },
): FhirCollectionBundle<FhirConsent> {
  const patient = checkedAddress(options.patient, 'patient');
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: (options.now ?? new Date()).toISOString(),
    entry: grants.map((grant) => ({ resource: consentFor(grant, patient) })),
  };
}
