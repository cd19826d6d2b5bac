/**
 * Maps `items` through `fn` with at most `limit` calls in flight, results in input order. Used to
 * replay what a browser does: React Query starts every record's query at once, and the browser runs
 * at most six HTTP/1.1 connections per host. (Hand-written: a dozen lines, not worth a dependency.)
 */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer.');
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A browser's connection limit per host over HTTP/1.1 (Chromium, Firefox, Safari). */
export const BROWSER_CONNECTIONS_PER_HOST = 6;
