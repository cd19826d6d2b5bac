import { describe, expect, it } from 'vitest';
import { cleanDisplayText, hasHiddenCharacters } from './display-text';

describe('cleanDisplayText', () => {
  it('removes direction overrides that disguise a name or an extension', () => {
    expect(cleanDisplayText('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(cleanDisplayText('Dr\u2066 Alice\u2069 Smith')).toBe('Dr Alice Smith');
    expect(cleanDisplayText('\u200fscan\u200e.pdf\u061c')).toBe('scan.pdf');
  });

  it('removes zero-width characters and turns controls and runs of whitespace into one space', () => {
    expect(cleanDisplayText('Dr\u200b Bob\ufeff')).toBe('Dr Bob');
    expect(cleanDisplayText('  St\u0000 Mary’s\n\n\tHospital\u0085 ')).toBe('St Mary’s Hospital');
  });

  it('keeps every visible character of every script', () => {
    for (const name of ['Dr. José Müller', 'د. ليلى', 'ד"ר כהן', '王医生', 'Blood panel (2024) — results.pdf']) {
      expect(cleanDisplayText(name)).toBe(name);
    }
  });

  it('can leave nothing when nothing was visible', () => {
    expect(cleanDisplayText('\u202e\u200b \u2066')).toBe('');
  });
});

describe('hasHiddenCharacters', () => {
  it('flags direction overrides, zero-width and control characters, not ordinary whitespace', () => {
    expect(hasHiddenCharacters('Dr\u202e Eve')).toBe(true);
    expect(hasHiddenCharacters('Dr\u200d Eve')).toBe(true);
    expect(hasHiddenCharacters('Dr\u0007 Eve')).toBe(true);
    expect(hasHiddenCharacters('Dr  Eve\n')).toBe(false);
    expect(hasHiddenCharacters('Dr Eve')).toBe(false);
  });
});
