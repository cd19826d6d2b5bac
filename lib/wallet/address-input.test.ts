import { describe, expect, it } from 'vitest';
import { checkAccountAddress } from './address-input';

const SELF = '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc';
const OTHER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

describe('checkAccountAddress', () => {
  it('accepts the checksummed form and checksum-free lower or upper case, returning the checksummed address', () => {
    for (const input of [OTHER, ` ${OTHER.toLowerCase()} `, `0x${OTHER.slice(2).toUpperCase()}`]) {
      expect(checkAccountAddress(input, SELF, 'clinician')).toEqual({ ok: true, value: OTHER });
    }
  });

  it('refuses a mixed-case address whose checksum does not match: a mistyped character', () => {
    const oneCaseFlipped = OTHER.replace('C51812dc', 'c51812dc');
    const result = checkAccountAddress(oneCaseFlipped, SELF, 'clinician');
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('has a typo') });
    expect(result.ok ? '' : result.message).toContain('clinician');
  });

  it('refuses malformed input and the person’s own address, naming who to ask', () => {
    expect(checkAccountAddress('0x1234', SELF, 'patient')).toMatchObject({ ok: false, message: expect.stringMatching(/not a valid account address.*patient/) });
    expect(checkAccountAddress(SELF.toLowerCase(), SELF, 'patient')).toMatchObject({ ok: false, message: 'That is your own address. Enter the patient’s address instead.' });
  });
});
