import { describe, expect, it } from 'vitest';
import { formatFhirDate, formatFhirWhen } from './dates';

describe('formatFhirDate', () => {
  it('formats a date-only value as that calendar day in any time zone', () => {
    // Built from local parts: a UTC-midnight Date would show 4 April west of Greenwich.
    expect(formatFhirDate('2021-04-05', 'en-US')).toBe('Apr 5, 2021');
    expect(formatFhirDate('2021-04-05', 'en-GB')).toBe('5 Apr 2021');
  });

  it('keeps partial dates partial', () => {
    expect(formatFhirDate('2019', 'en-GB')).toBe('2019');
    expect(formatFhirDate('2019-03', 'en-GB')).toBe('March 2019');
  });

  it('formats dateTimes and shows anything unreadable as written', () => {
    // An instant falls on the reader's local day, which is the 18th ±1 depending on the zone.
    expect(formatFhirDate('2024-04-18T12:00:00Z', 'en-GB')).toMatch(/^1[789] Apr 2024$/);
    expect(formatFhirDate('2021-02-30', 'en-GB')).toBe('2021-02-30');
    expect(formatFhirDate('2019-13', 'en-GB')).toBe('2019-13');
    expect(formatFhirDate('last spring', 'en-GB')).toBe('last spring');
  });
});

describe('formatFhirWhen', () => {
  it('describes periods with one or both ends', () => {
    expect(formatFhirWhen({ kind: 'period', start: '2020-01-02', end: '2020-02-03' }, 'en-GB')).toBe('2 Jan 2020 – 3 Feb 2020');
    expect(formatFhirWhen({ kind: 'period', start: '2020-01-02' }, 'en-GB')).toBe('Since 2 Jan 2020');
    expect(formatFhirWhen({ kind: 'period', end: '2020-01' }, 'en-GB')).toBe('Until January 2020');
    expect(formatFhirWhen({ kind: 'text', value: 'Childhood' }, 'en-GB')).toBe('Childhood');
  });
});
