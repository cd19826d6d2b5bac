import { zeroHash } from 'viem';
import { describe, expect, it } from 'vitest';
import { REQUEST_PURPOSES } from '@/lib/consent';
import { checkPatientAddress, checkProfileInput } from './inputs';
import { PURPOSE_LABELS, purposeSentence, requestScopeText, shortAddress } from './labels';
import { describeNoteHash, REQUEST_NOTE_HASH } from './note';

const SELF = '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc';
const PATIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

describe('purpose words', () => {
  it('has a distinct label and a sentence for every purpose the contract knows', () => {
    const labels = REQUEST_PURPOSES.map((p) => PURPOSE_LABELS[p]);
    expect(new Set(labels).size).toBe(REQUEST_PURPOSES.length);
    for (const purpose of REQUEST_PURPOSES) expect(purposeSentence(purpose)).toMatch(/^They are asking .+\.$/);
  });

  it('tells the patient an emergency request still needs their consent', () => {
    expect(purposeSentence('emergency')).toContain('You still decide');
  });
});

describe('requestScopeText', () => {
  it('says "All records" when no records were named', () => {
    expect(requestScopeText([])).toBe('All records');
  });
  it('names records the reader can decrypt and numbers the rest', () => {
    expect(requestScopeText([3n], new Map([[3n, 'blood-test.pdf']]))).toBe('1 record: blood-test.pdf');
    expect(requestScopeText([3n, 9n], new Map([[3n, 'blood-test.pdf']]))).toBe('2 records: blood-test.pdf, record 9');
  });
});

describe('shortAddress', () => {
  it('keeps the start and end of an address', () => {
    expect(shortAddress(PATIENT)).toBe('0x7099…79C8');
  });
});

describe('checkProfileInput', () => {
  it('trims and accepts a name with an empty organisation', () => {
    expect(checkProfileInput('  Dr. Ana Silva ', ' ')).toEqual({ ok: true, value: { displayName: 'Dr. Ana Silva', organisation: '' } });
  });
  it('refuses an empty name', () => {
    expect(checkProfileInput('   ', 'Clinic')).toMatchObject({ ok: false, message: expect.stringContaining('Enter the name') });
  });
  it('counts bytes as the contract does, not characters', () => {
    expect(checkProfileInput('a'.repeat(64), '').ok).toBe(true);
    expect(checkProfileInput('a'.repeat(65), '').ok).toBe(false);
    // 40 characters, 80 UTF-8 bytes: over the contract's 64-byte limit.
    expect(checkProfileInput('é'.repeat(40), '')).toMatchObject({ ok: false, message: expect.stringContaining('too long') });
    expect(checkProfileInput('Dr. B', 'x'.repeat(128)).ok).toBe(true);
    expect(checkProfileInput('Dr. B', 'x'.repeat(129))).toMatchObject({ ok: false, message: expect.stringContaining('organisation') });
  });
});

describe('checkPatientAddress', () => {
  it('accepts any casing and returns the checksummed address', () => {
    expect(checkPatientAddress(` ${PATIENT.toLowerCase()} `, SELF)).toEqual({ ok: true, value: PATIENT });
  });
  it('refuses malformed input and the clinician’s own address', () => {
    expect(checkPatientAddress('0x1234', SELF)).toMatchObject({ ok: false, message: expect.stringContaining('not a valid account address') });
    expect(checkPatientAddress(SELF.toLowerCase(), SELF)).toMatchObject({ ok: false, message: expect.stringContaining('your own address') });
  });
});

describe('request notes', () => {
  it('sends no note fingerprint', () => {
    expect(REQUEST_NOTE_HASH).toBe(zeroHash);
  });
  it('explains a fingerprint from another client and stays quiet without one', () => {
    expect(describeNoteHash(null)).toBeNull();
    expect(describeNoteHash(zeroHash)).toBeNull();
    expect(describeNoteHash(`0x${'ab'.repeat(32)}`)).toContain('ask them for it directly');
  });
});

