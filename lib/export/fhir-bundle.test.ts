import { describe, expect, it } from 'vitest';
import { fixtureText } from '@/lib/fhir/fixtures/load';
import { buildFhirBundle } from './fhir-bundle';
import type { ExportableRecord } from './types';

const bytes = (text: string) => new TextEncoder().encode(text);
const record = (name: string, mediaType: string, content: unknown, createdAt = 1_700_000_000_000): ExportableRecord => ({
  name,
  mediaType,
  createdAt,
  plaintext: bytes(typeof content === 'string' ? content : JSON.stringify(content)),
});

describe('buildFhirBundle', () => {
  const now = new Date(Date.UTC(2024, 4, 2));

  it('flattens every FHIR record into one collection Bundle and leaves other records out', () => {
    const bundle = buildFhirBundle(
      [
        record('summary.json', 'application/json', fixtureText('patient-summary-bundle.json')),
        record('letter.pdf', 'application/pdf', '%PDF-1.7'),
        record('heart-rate.fhir.json', '', fixtureText('observation-heart-rate.json')),
        record('package.json', 'application/json', { name: 'not fhir' }),
        record('truncated.json', 'application/fhir+json', '{"resourceType": "Patient", '),
      ],
      { now },
    );
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: '2024-05-02T00:00:00.000Z' });
    expect(bundle.entry.map(({ resource }) => `${resource.resourceType}/${String(resource.id)}`)).toEqual([
      'Patient/pat-1',
      'Observation/bp-2024-04-18',
      'Observation/hba1c-2024-03',
      'Condition/t2dm',
      'MedicationStatement/metformin',
      'MedicationRequest/atorvastatin-rx',
      'AllergyIntolerance/penicillin',
      'Immunization/flu-2023',
      'Coverage/nhs-coverage',
      'Observation/heart-rate-1',
    ]);
    // fullUrls survive, so the Observation's urn:uuid reference to the Patient still resolves.
    expect(bundle.entry[0]?.fullUrl).toBe('urn:uuid:8c3e4c3a-2f4e-4a8e-9b7e-0c1d2e3f4a01');
    expect(bundle.entry[9]?.fullUrl).toBeUndefined();
    expect(bundle.entry.some(({ resource }) => resource.resourceType === 'Bundle')).toBe(false);
  });

  it('keeps one copy of a resource saved in several records: the most recently updated', () => {
    const older = { resourceType: 'Condition', id: 'c1', meta: { lastUpdated: '2023-01-01T00:00:00Z' }, code: { text: 'Old wording' } };
    const newer = { resourceType: 'Condition', id: 'c1', meta: { lastUpdated: '2024-01-01T00:00:00Z' }, code: { text: 'New wording' } };
    const bundle = buildFhirBundle([
      record('a.json', 'application/json', { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: newer }, { resource: { resourceType: 'Patient', id: 'p' } }] }),
      record('b.json', 'application/json', older, 1_800_000_000_000),
      record('c.json', 'application/json', { resourceType: 'Patient', id: 'p', gender: 'female' }, 1_800_000_000_000),
    ]);
    expect(bundle.entry.map(({ resource }) => resource)).toEqual([
      newer,
      // No lastUpdated on either copy: the copy from the more recently added record wins.
      { resourceType: 'Patient', id: 'p', gender: 'female' },
    ]);
  });

  it('de-duplicates id-less resources by fullUrl or identical content, and keeps fullUrls unique', () => {
    const note = { resourceType: 'Observation', code: { text: 'Mood' }, valueString: 'Good' };
    const bundle = buildFhirBundle([
      record('one.json', 'application/json', note),
      record('two.json', 'application/json', note),
      record('three.json', 'application/json', { resourceType: 'Observation', code: { text: 'Mood' }, valueString: 'Low' }),
      record('b1.json', 'application/json', { resourceType: 'Bundle', entry: [{ fullUrl: 'urn:uuid:1', resource: { resourceType: 'Basic' } }] }),
      record('b2.json', 'application/json', {
        resourceType: 'Bundle',
        entry: [
          { fullUrl: 'urn:uuid:1', resource: { resourceType: 'Basic', code: { text: 'same url' } } },
          { fullUrl: 'urn:uuid:1', resource: { resourceType: 'Basic', id: 'x' } },
        ],
      }),
    ]);
    expect(bundle.entry).toHaveLength(4);
    expect(bundle.entry.filter((entry) => entry.fullUrl === 'urn:uuid:1')).toHaveLength(1);
  });

  it('returns an empty collection when no record is FHIR', () => {
    expect(buildFhirBundle([record('a.txt', 'text/plain', 'hello')]).entry).toEqual([]);
  });
});
