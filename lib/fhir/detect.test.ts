import { describe, expect, it } from 'vitest';
import { FHIR_SNIFF_BYTES, looksLikeFhir } from './detect';
import { isFhirJson } from './resources';

const bytes = (text: string) => new TextEncoder().encode(text);
const patientJson = '{\n  "resourceType": "Patient",\n  "id": "1"\n}';

describe('looksLikeFhir', () => {
  it('trusts the FHIR media type and the .fhir.json suffix without reading content', () => {
    expect(looksLikeFhir('application/fhir+json', 'export', new Uint8Array())).toBe(true);
    expect(looksLikeFhir('application/fhir+json; fhirVersion=4.0', 'x', new Uint8Array())).toBe(true);
    expect(looksLikeFhir('', 'Summary.FHIR.JSON', new Uint8Array())).toBe(true);
  });

  it('sniffs generic JSON, text and unknown types for a resourceType', () => {
    expect(looksLikeFhir('application/json', 'labs.json', bytes(patientJson))).toBe(true);
    expect(looksLikeFhir('', 'labs', bytes(`\ufeff  ${patientJson}`))).toBe(true);
    expect(looksLikeFhir('application/octet-stream', 'labs.dat', bytes(patientJson))).toBe(true);
    expect(looksLikeFhir('text/plain', 'labs.txt', bytes(patientJson))).toBe(true);
  });

  it('says no for JSON that is not FHIR and for clearly other file types', () => {
    expect(looksLikeFhir('application/json', 'package.json', bytes('{"name":"x","resourceType":7}'))).toBe(false);
    expect(looksLikeFhir('application/json', 'list.json', bytes('[{"resourceType":"Patient"}]'))).toBe(false);
    expect(looksLikeFhir('application/pdf', 'letter.pdf', bytes(patientJson))).toBe(false);
    expect(looksLikeFhir('image/png', 'scan.png', bytes(patientJson))).toBe(false);
  });

  it('only reads the documented prefix, and tolerates a prefix cut mid-character', () => {
    const late = `{"note": "${'x'.repeat(FHIR_SNIFF_BYTES)}", "resourceType": "Patient"}`;
    expect(looksLikeFhir('application/json', 'a.json', bytes(late))).toBe(false);
    const cut = bytes(`{"resourceType": "Patient", "name": "Zoë"}`).subarray(0, 40); // ends inside the two bytes of "ë"
    expect(looksLikeFhir('application/json', 'a.json', cut)).toBe(true);
  });
});

describe('isFhirJson', () => {
  it('accepts a resource or Bundle and refuses anything else', () => {
    expect(isFhirJson(patientJson)).toBe(true);
    expect(isFhirJson('{"resourceType":"Bundle","type":"collection"}')).toBe(true);
    expect(isFhirJson('{"resourceType":"Patient"')).toBe(false);
    expect(isFhirJson('{"resourceType":""}')).toBe(false);
    expect(isFhirJson('"Patient"')).toBe(false);
  });
});
