import type { ByteRange } from './server';

/** Parses one `bytes=start-end` or `bytes=start-` range; null when absent, 'invalid' when unusable. */
export function parseRangeHeader(header: string | null): ByteRange | null | 'invalid' {
  if (header === null) return null;
  const match = /^bytes=(\d+)-(\d*)$/.exec(header.trim());
  if (!match) return 'invalid';
  const offset = Number(match[1]);
  if (!Number.isSafeInteger(offset)) return 'invalid';
  if (match[2] === '') return { offset };
  const end = Number(match[2]);
  if (!Number.isSafeInteger(end) || end < offset) return 'invalid';
  return { offset, length: end - offset + 1 };
}
