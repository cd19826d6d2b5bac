/** A date for lists, in the reader's locale and time zone. */
export function formatRequestDate(seconds: bigint | undefined): string {
  if (seconds === undefined) return 'date unknown';
  return new Date(Number(seconds) * 1000).toLocaleDateString(undefined, { dateStyle: 'medium' });
}
