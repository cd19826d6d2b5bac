import { describe, expect, it } from 'vitest';
import { fixtureText } from './fixtures/load';
import { parseFhir, summariseFhirJson } from './summarise';
import type { FhirSummary } from './types';

function summaryOf(text: string): FhirSummary {
  const result = parseFhir(text);
  if (result.kind !== 'fhir') throw new Error(`expected FHIR, got ${result.reason}`);
  return result.summary;
}

describe('parseFhir on a realistic patient summary Bundle', () => {
  const summary = summaryOf(fixtureText('patient-summary-bundle.json'));

  it('reports the Bundle type and counts the entry that holds no resource', () => {
    expect(summary.source).toEqual({ kind: 'bundle', bundleType: 'collection' });
    expect(summary.skippedEntries).toBe(1);
  });

  it('shows the official name, a readable gender, and identifiers without their system URIs', () => {
    expect(summary.patients).toEqual([
      {
        id: 'pat-1',
        name: 'Ms Ada Augusta King',
        birthDate: '1985-12-10',
        gender: 'Female',
        identifiers: [{ label: 'Medical record number', value: 'MRN-004512' }, { value: '925665416' }],
      },
    ]);
  });

  it('summarises a blood pressure panel as systolic/diastolic with its unit, keeping the components', () => {
    const bp = summary.observations.find((o) => o.id === 'bp-2024-04-18');
    expect(bp).toMatchObject({
      label: 'Blood pressure',
      category: 'Vital Signs',
      value: '128/82 mmHg',
      status: 'Final',
      effective: { kind: 'date', value: '2024-04-18T10:15:00+01:00' },
    });
    expect(bp?.components).toEqual([
      { label: 'Systolic blood pressure', value: '128 mmHg', interpretation: 'Normal' },
      { label: 'Diastolic blood pressure', value: '82 mmHg' },
    ]);
  });

  it('shows a lab result with unit, interpretation, reference range and note', () => {
    const hba1c = summary.observations.find((o) => o.id === 'hba1c-2024-03');
    expect(hba1c).toEqual({
      id: 'hba1c-2024-03',
      label: 'Hemoglobin A1c/Hemoglobin.total in Blood',
      category: 'Laboratory',
      value: '6.8%',
      components: [],
      effective: { kind: 'date', value: '2024-03-02' },
      status: 'Final',
      interpretation: 'High',
      referenceRange: '4–5.6%',
      note: 'Repeat in three months.',
    });
  });

  it('summarises a condition with statuses and a partial onset date', () => {
    expect(summary.conditions).toEqual([
      {
        id: 't2dm',
        label: 'Diabetes mellitus type 2',
        clinicalStatus: 'Active',
        verificationStatus: 'Confirmed',
        onset: { kind: 'date', value: '2019-03' },
        recordedDate: '2019-04-11',
      },
    ]);
  });

  it('names medications from the concept text or a contained Medication, with dosage from text or parts', () => {
    expect(summary.medications).toEqual([
      {
        id: 'metformin',
        resourceType: 'MedicationStatement',
        label: 'Metformin 500 mg modified-release tablets',
        dosage: ['One tablet twice a day with meals'],
        status: 'Active',
        effective: { kind: 'period', start: '2019-04-11' },
        recordedDate: '2024-04-18',
      },
      {
        id: 'atorvastatin-rx',
        resourceType: 'MedicationRequest',
        label: 'atorvastatin 20 MG Oral Tablet',
        dosage: ['1 tablet, Once daily at night, Oral route'],
        status: 'Active',
        intent: 'Order',
        recordedDate: '2024-04-18',
      },
    ]);
  });

  it('lists allergy reactions with each manifestation and the severity', () => {
    expect(summary.allergies).toEqual([
      {
        id: 'penicillin',
        label: 'Allergy to penicillin',
        clinicalStatus: 'Active',
        verificationStatus: 'Confirmed',
        criticality: 'High',
        categories: ['Medication'],
        reactions: [{ manifestations: ['Hives', 'Swollen lips'], severity: 'Moderate' }],
        recordedDate: '2010-06-01',
      },
    ]);
  });

  it('summarises an immunization with date, status, lot and dose number', () => {
    expect(summary.immunizations).toEqual([
      {
        id: 'flu-2023',
        label: 'Influenza, seasonal, injectable, preservative free',
        occurrence: { kind: 'date', value: '2023-10-12' },
        status: 'Completed',
        lotNumber: 'AAJN11K',
        doseNumber: '1',
      },
    ]);
  });

  it('keeps resources it has no layout for as indented JSON', () => {
    expect(summary.others).toHaveLength(1);
    const [coverage] = summary.others;
    expect(coverage).toMatchObject({ resourceType: 'Coverage', id: 'nhs-coverage' });
    expect(JSON.parse(coverage?.json ?? '')).toMatchObject({ payor: [{ display: 'NHS England' }] });
    expect(coverage?.json).toContain('\n  "status": "active"');
  });
});

describe('parseFhir on a single resource', () => {
  it('summarises one Observation with a period', () => {
    const summary = summaryOf(fixtureText('observation-heart-rate.json'));
    expect(summary.source).toEqual({ kind: 'resource', resourceType: 'Observation' });
    expect(summary.observations).toEqual([
      expect.objectContaining({
        label: 'Heart rate',
        value: '72 beats/minute',
        effective: { kind: 'period', start: '2024-01-05T08:00:00Z', end: '2024-01-05T08:05:00Z' },
      }),
    ]);
    expect(summary.skippedEntries).toBe(0);
  });

  it('reads every R4 Observation value type', () => {
    const values = [
      [{ valueCodeableConcept: { coding: [{ code: 'POS' }] } }, 'POS'],
      [{ valueString: 'Clear' }, 'Clear'],
      [{ valueBoolean: false }, 'No'],
      [{ valueInteger: 0 }, '0'],
      [{ valueRange: { low: { value: 1, unit: 'mg' }, high: { value: 2, unit: 'g' } } }, '1 mg–2 g'],
      [{ valueRatio: { numerator: { value: 1 }, denominator: { value: 128 } } }, '1 / 128'],
      [{ valueQuantity: { value: 5, comparator: '<', unit: 'mg/dL' } }, '< 5 mg/dL'],
      [{ dataAbsentReason: { coding: [{ display: 'Not performed' }] } }, 'No value (not performed)'],
    ] as const;
    for (const [fields, expected] of values) {
      const result = summariseFhirJson({ resourceType: 'Observation', code: { text: 'Test' }, ...fields });
      expect(result.kind === 'fhir' && result.summary.observations[0]?.value).toBe(expected);
    }
  });

  it('describes onset given as an age or as text', () => {
    const asAge = summariseFhirJson({ resourceType: 'Condition', code: { text: 'Asthma' }, onsetAge: { value: 6, unit: 'years' } });
    const asText = summariseFhirJson({ resourceType: 'AllergyIntolerance', onsetString: 'Childhood' });
    expect(asAge.kind === 'fhir' && asAge.summary.conditions[0]?.onset).toEqual({ kind: 'text', value: 'At age 6 years' });
    expect(asText.kind === 'fhir' && asText.summary.allergies[0]).toMatchObject({ label: 'Unspecified allergy', onset: { kind: 'text', value: 'Childhood' } });
  });

  it('resolves a medicationReference to a Medication elsewhere in the Bundle', () => {
    const result = summariseFhirJson({
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        { fullUrl: 'https://ehr.example/fhir/Medication/42', resource: { resourceType: 'Medication', id: '42', code: { text: 'Salbutamol inhaler' } } },
        { resource: { resourceType: 'MedicationStatement', status: 'active', medicationReference: { reference: 'Medication/42' } } },
        { resource: { resourceType: 'MedicationStatement', medicationReference: { display: 'Something unlisted' } } },
      ],
    });
    expect(result.kind === 'fhir' && result.summary.medications.map((m) => m.label)).toEqual(['Salbutamol inhaler', 'Something unlisted']);
  });

  it('flattens Bundles nested inside Bundles', () => {
    const result = summariseFhirJson({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { resourceType: 'Bundle', type: 'document', entry: [{ resource: { resourceType: 'Condition', code: { text: 'Gout' } } }] } }],
    });
    expect(result.kind === 'fhir' && result.summary.conditions.map((c) => c.label)).toEqual(['Gout']);
  });
});

describe('parseFhir on odd or non-FHIR input', () => {
  it('says why text is not FHIR', () => {
    expect(parseFhir('not json')).toEqual({ kind: 'not-fhir', reason: 'invalid-json' });
    expect(parseFhir('[1, 2]')).toEqual({ kind: 'not-fhir', reason: 'not-an-object' });
    expect(parseFhir('null')).toEqual({ kind: 'not-fhir', reason: 'not-an-object' });
    expect(parseFhir('{"name": "shopping list"}')).toEqual({ kind: 'not-fhir', reason: 'no-resource-type' });
    expect(parseFhir('{"resourceType": 7}')).toEqual({ kind: 'not-fhir', reason: 'no-resource-type' });
    expect(parseFhir('{"resourceType": "<script>"}')).toEqual({ kind: 'not-fhir', reason: 'no-resource-type' });
  });

  it('accepts a byte-order mark before the JSON', () => {
    expect(parseFhir('\ufeff{"resourceType":"Patient"}').kind).toBe('fhir');
  });

  it('never throws on wrongly shaped fields, and falls back to readable labels', () => {
    const odd = [
      { resourceType: 'Bundle', entry: 'nope' },
      { resourceType: 'Bundle', entry: [null, 3, 'x', { resource: 'x' }, { resource: { resourceType: 'Patient', name: 'Ada', identifier: { value: 5 } } }] },
      { resourceType: 'Patient', name: [{ given: 'Ada', family: 'King', prefix: [7] }], gender: 3, birthDate: {} },
      { resourceType: 'Observation', code: [], valueQuantity: { value: '7' }, component: [null, { code: 'x' }], referenceRange: [{ low: 'x' }] },
      { resourceType: 'Condition', code: { coding: 'x' }, clinicalStatus: 'active', onsetPeriod: {} },
      { resourceType: 'MedicationRequest', medicationReference: { reference: '#missing' }, dosageInstruction: [null, {}] },
      { resourceType: 'AllergyIntolerance', reaction: [{ manifestation: {} }, 'x'], category: 'food' },
      { resourceType: 'Immunization', protocolApplied: [{ doseNumberPositiveInt: 'two' }], occurrenceDateTime: 5 },
    ];
    for (const value of odd) expect(() => summariseFhirJson(value)).not.toThrow();

    const bundle = summariseFhirJson(odd[1]);
    expect(bundle.kind === 'fhir' && bundle.summary.skippedEntries).toBe(4);
    expect(bundle.kind === 'fhir' && bundle.summary.patients).toEqual([{ identifiers: [] }]);

    const patient = summariseFhirJson(odd[2]);
    // A lone string where FHIR wants an array is read as a one-item array.
    expect(patient.kind === 'fhir' && patient.summary.patients[0]?.name).toBe('Ada King');

    const observation = summariseFhirJson(odd[3]);
    expect(observation.kind === 'fhir' && observation.summary.observations[0]).toEqual({
      label: 'Unnamed observation',
      components: [{ label: 'Component' }],
    });

    const allergy = summariseFhirJson(odd[6]);
    expect(allergy.kind === 'fhir' && allergy.summary.allergies[0]).toMatchObject({ categories: ['Food'], reactions: [{ manifestations: [] }] });

    const medication = summariseFhirJson(odd[5]);
    expect(medication.kind === 'fhir' && medication.summary.medications[0]).toMatchObject({ label: '#missing', dosage: [] });
  });

  it('survives Bundles nested deeper than it will flatten', () => {
    let nested: Record<string, unknown> = { resourceType: 'Condition', code: { text: 'Deep' } };
    for (let i = 0; i < 50; i++) nested = { resourceType: 'Bundle', entry: [{ resource: nested }] };
    const result = summariseFhirJson(nested);
    expect(result.kind === 'fhir' && result.summary.others.map((o) => o.resourceType)).toEqual(['Bundle']);
  });
});
