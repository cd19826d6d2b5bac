/**
 * Locale formatting for FHIR dates, which may be partial ("2021", "2021-04") or full
 * dateTimes. A date-only value is built from its local parts: `new Date("2021-04-05")` is UTC
 * midnight and shows as 4 April to anyone west of Greenwich.
 */
import type { FhirWhen } from './types';

const DATE_OPTIONS: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };

function localDate(year: number, monthIndex: number, day: number): Date {
  const date = new Date(2000, monthIndex, day);
  date.setFullYear(year); // the Date constructor maps years 0–99 to 1900–1999
  return date;
}

/** "5 Apr 2021" / "Apr 5, 2021" for the reader's locale; partial dates stay partial; anything unreadable is shown as written. */
export function formatFhirDate(value: string, locale?: string | string[]): string {
  const year = /^(\d{4})$/.exec(value);
  if (year) return value;
  const yearMonth = /^(\d{4})-(\d{2})$/.exec(value);
  if (yearMonth) {
    const month = Number(yearMonth[2]);
    if (month < 1 || month > 12) return value;
    return localDate(Number(yearMonth[1]), month - 1, 1).toLocaleDateString(locale, { year: 'numeric', month: 'long' });
  }
  const fullDate = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (fullDate) {
    const date = localDate(Number(fullDate[1]), Number(fullDate[2]) - 1, Number(fullDate[3]));
    // Reject roll-overs such as 2021-02-30 rather than showing 2 March.
    if (date.getMonth() !== Number(fullDate[2]) - 1 || date.getDate() !== Number(fullDate[3])) return value;
    return date.toLocaleDateString(locale, DATE_OPTIONS);
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date.toLocaleDateString(locale, DATE_OPTIONS);
  }
  return value;
}

export function formatFhirWhen(when: FhirWhen, locale?: string | string[]): string {
  switch (when.kind) {
    case 'date':
      return formatFhirDate(when.value, locale);
    case 'text':
      return when.value;
    case 'period': {
      const start = when.start === undefined ? undefined : formatFhirDate(when.start, locale);
      const end = when.end === undefined ? undefined : formatFhirDate(when.end, locale);
      if (start !== undefined && end !== undefined) return start === end ? start : `${start} – ${end}`;
      return start !== undefined ? `Since ${start}` : `Until ${end ?? ''}`;
    }
  }
}
