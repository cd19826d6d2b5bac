import { describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES } from '@/lib/limits';
import { recordKindFor, validateRecordFile } from './validate-file';

describe('validateRecordFile', () => {
  it('refuses an empty file with a plain sentence', () => {
    expect(() => validateRecordFile({ size: 0 })).toThrow(/empty/);
  });

  it('refuses a file over the limit and states the limit', () => {
    expect(() => validateRecordFile({ size: MAX_RECORD_BYTES + 1 })).toThrow(/up to 50 MB/);
  });

  it('accepts files from one byte up to the limit', () => {
    expect(() => validateRecordFile({ size: 1 })).not.toThrow();
    expect(() => validateRecordFile({ size: MAX_RECORD_BYTES })).not.toThrow();
  });
});

describe('recordKindFor', () => {
  it('classifies by media type and FHIR file naming', () => {
    expect(recordKindFor('image/png', 'scan.png')).toBe('image');
    expect(recordKindFor('application/pdf', 'letter.pdf')).toBe('document');
    expect(recordKindFor('text/plain', 'notes.txt')).toBe('document');
    expect(recordKindFor('application/json', 'bundle.fhir.json')).toBe('fhir');
    expect(recordKindFor('application/octet-stream', 'x.bin')).toBe('other');
  });
});
