import { describe, expect, it } from 'vitest';
import { exportFileName, sanitiseFileName, uniqueFileNames } from './file-names';

describe('sanitiseFileName', () => {
  it('removes folders, forbidden and invisible characters', () => {
    expect(sanitiseFileName('..\\..\\Windows\\win.ini')).toBe('_.._Windows_win.ini');
    expect(sanitiseFileName('a/b:c*d?.txt')).toBe('a_b_c_d_.txt');
    expect(sanitiseFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitiseFileName('line\nbreak\t.txt')).toBe('linebreak.txt');
    expect(sanitiseFileName('.hidden')).toBe('hidden');
    expect(sanitiseFileName('trailing. . ')).toBe('trailing');
  });

  it('avoids Windows reserved names, empty names and overlong names', () => {
    expect(sanitiseFileName('CON.txt')).toBe('CON_.txt');
    expect(sanitiseFileName('nul')).toBe('nul_');
    expect(sanitiseFileName('   ')).toBe('record');
    const long = sanitiseFileName(`${'😀'.repeat(300)}.pdf`);
    expect(Array.from(long)).toHaveLength(104);
    expect(long.endsWith('😀.pdf')).toBe(true);
  });

  it('adds an extension from the media type when the name has none', () => {
    expect(sanitiseFileName('Visit notes', 'text/plain; charset=utf-8')).toBe('Visit notes.txt');
    expect(sanitiseFileName('scan', 'image/jpeg')).toBe('scan.jpg');
    expect(sanitiseFileName('scan.heic', 'image/jpeg')).toBe('scan.heic');
    expect(sanitiseFileName('blob', 'application/x-unknown')).toBe('blob');
  });
});

describe('uniqueFileNames', () => {
  it('numbers later duplicates, ignoring case', () => {
    const names = uniqueFileNames(['scan.pdf', 'Scan.PDF', 'scan.pdf', 'scan (2).pdf'].map((name) => ({ name, mediaType: 'application/pdf' })));
    expect(names).toEqual(['scan.pdf', 'Scan (2).PDF', 'scan (3).pdf', 'scan (2) (2).pdf']);
  });
});

describe('exportFileName', () => {
  it('names downloads by kind and the local calendar day', () => {
    const date = new Date(2024, 0, 5, 23, 59);
    expect(exportFileName('records', date)).toBe('chartkey-records-2024-01-05.zip');
    expect(exportFileName('fhir', date)).toBe('chartkey-fhir-2024-01-05.json');
    expect(exportFileName('consents', date)).toBe('chartkey-consents-2024-01-05.json');
  });
});
