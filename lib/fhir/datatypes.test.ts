import { describe, expect, it } from 'vitest';
import { codeableConceptText, humanizeCode, quantityText, rangeText, referenceRangeText } from './datatypes';

describe('codeableConceptText', () => {
  it('prefers text, then a display, then a code', () => {
    const coding = [{ system: 'urn:local', code: 'L1' }, { system: 'http://snomed.info/sct', code: '38341003', display: 'Hypertension' }];
    expect(codeableConceptText({ text: 'High blood pressure', coding })).toBe('High blood pressure');
    expect(codeableConceptText({ coding })).toBe('Hypertension');
    expect(codeableConceptText({ coding: [{ code: 'L1' }] })).toBe('L1');
    expect(codeableConceptText({ text: '  ', coding: [] })).toBeUndefined();
    expect(codeableConceptText('Hypertension')).toBeUndefined();
  });
});

describe('quantities and ranges', () => {
  it('joins values and units the way people write them', () => {
    expect(quantityText({ value: 6.8, unit: '%' })).toBe('6.8%');
    expect(quantityText({ value: 72, code: '/min' })).toBe('72 /min');
    expect(quantityText({ value: 3, unit: '1' })).toBe('3');
    expect(quantityText({ value: 0.0000005, unit: 'g' })).toBe('0.0000005 g');
    expect(quantityText({ unit: 'g' })).toBeUndefined();
  });

  it('writes the shared unit once and open-ended ranges with ≥ / ≤', () => {
    expect(rangeText({ low: { value: 70, unit: 'mg/dL' }, high: { value: 99, unit: 'mg/dL' } })).toBe('70–99 mg/dL');
    expect(rangeText({ low: { value: 60, unit: 'mL/min' } })).toBe('≥ 60 mL/min');
    expect(rangeText({ high: { value: 5, unit: 'mmol/L' } })).toBe('≤ 5 mmol/L');
    expect(referenceRangeText([{ text: 'Negative' }, { low: { value: 1 }, high: { value: 2 }, appliesTo: [{ text: 'Women' }] }])).toBe('Negative; 1–2 (Women)');
  });
});

describe('humanizeCode', () => {
  it('turns FHIR codes into words', () => {
    expect(humanizeCode('entered-in-error')).toBe('Entered in error');
    expect(humanizeCode('unable-to-assess')).toBe('Unable to assess');
    expect(humanizeCode(3)).toBeUndefined();
  });
});
