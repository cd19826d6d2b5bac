import type { Address } from 'viem';
import { describe, expect, it } from 'vitest';
import { buildConsentResources } from './consents';
import { ExportError } from './errors';
import type { ConsentGrantInput } from './types';

const patient: Address = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const clinician: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const expiresAt = BigInt(Date.UTC(2025, 0, 31, 23, 59, 59) / 1000);
const grantedAt = Date.UTC(2024, 11, 1, 10, 0, 0);

function consentFor(status: ConsentGrantInput['status'], extra: Partial<ConsentGrantInput> = {}) {
  const bundle = buildConsentResources([{ recordId: 12n, clinician, expiresAt, status, grantedAt, ...extra }], { patient, now: new Date(grantedAt) });
  expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: '2024-12-01T10:00:00.000Z' });
  expect(bundle.entry).toHaveLength(1);
  const consent = bundle.entry[0]?.resource;
  if (!consent) throw new Error('no consent');
  return consent;
}

describe('buildConsentResources', () => {
  it('describes an active grant as an R4 Consent permitting the clinician to access the record until expiry', () => {
    const consent = consentFor('active');
    expect(consent).toMatchObject({
      resourceType: 'Consent',
      status: 'active',
      identifier: [{ system: 'https://chartkey.app/consent', value: 'chartkey-record-12-0x70997970c51812dc3a010c7d01b50e0d17dc79c8' }],
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
      category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] }],
      // Checksummed, whatever case the address came in.
      patient: { type: 'Patient', identifier: { system: 'https://chartkey.app/ethereum-address', value: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' } },
      performer: [{ identifier: { value: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' } }],
      dateTime: '2024-12-01T10:00:00.000Z',
      policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
      provision: {
        type: 'permit',
        period: { start: '2024-12-01T10:00:00.000Z', end: '2025-01-31T23:59:59.000Z' },
        actor: [
          {
            role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] },
            reference: { type: 'Practitioner', identifier: { system: 'https://chartkey.app/ethereum-address', value: clinician } },
          },
        ],
        action: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'access' }] }],
        data: [{ meaning: 'instance', reference: { identifier: { system: 'https://chartkey.app/record', value: 'chartkey-record-12' } } }],
      },
    });
    expect(consent.text.div).toMatch(/^<div xmlns="http:\/\/www.w3.org\/1999\/xhtml">Access to Chartkey record 12 for 0x7099.*until 2025-01-31T23:59:59.000Z: active.<\/div>$/);
  });

  it('marks expired and revoked grants inactive, keeping the difference in the narrative', () => {
    const expired = consentFor('expired');
    const revoked = consentFor('revoked');
    expect(expired.status).toBe('inactive');
    expect(revoked.status).toBe('inactive');
    expect(expired.text.div).toContain(': expired.');
    expect(revoked.text.div).toContain(': revoked by the patient.');
    expect(revoked.provision.period?.end).toBe('2025-01-31T23:59:59.000Z');
  });

  it('leaves out what is unknown: no grant date, or an expiry beyond any calendar', () => {
    const consent = consentFor('active', { grantedAt: undefined, expiresAt: 2n ** 64n - 1n });
    expect(consent.dateTime).toBeUndefined();
    expect(consent.provision.period).toBeUndefined();
    expect(consent.text.div).not.toContain('until');
  });

  it('returns one Consent per grant, and refuses an unreadable address with a typed error', () => {
    const grants: ConsentGrantInput[] = [
      { recordId: 1n, clinician, expiresAt, status: 'active' },
      { recordId: 2n, clinician, expiresAt, status: 'revoked' },
    ];
    expect(buildConsentResources(grants, { patient }).entry.map((e) => e.resource.provision.data[0]?.reference.identifier.value)).toEqual([
      'chartkey-record-1',
      'chartkey-record-2',
    ]);
    expect(buildConsentResources([], { patient }).entry).toEqual([]);
    expect(() => buildConsentResources(grants, { patient: '0x1234' as Address })).toThrow(ExportError);
    expect(() => buildConsentResources([{ ...grants[0]!, clinician: 'nobody' as Address }], { patient })).toThrow(/clinician addresses/);
  });
});
