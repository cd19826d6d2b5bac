import { describe, expect, it } from 'vitest';
import type { RecordMetadata } from '@/lib/crypto';
import { matchesFilter } from './filter';

const lab: RecordMetadata = { name: 'HbA1c March.pdf', mediaType: 'application/pdf', size: 10, createdAt: 0, kind: 'document' };
const xray: RecordMetadata = { name: 'chest.png', mediaType: 'image/png', size: 10, createdAt: 0, kind: 'image' };

describe('matchesFilter', () => {
  it('matches names case-insensitively and by kind label', () => {
    expect(matchesFilter(lab, { query: 'hba1c', kind: 'all' })).toBe(true);
    expect(matchesFilter(xray, { query: 'image', kind: 'all' })).toBe(true);
    expect(matchesFilter(xray, { query: 'hba1c', kind: 'all' })).toBe(false);
  });

  it('filters by kind', () => {
    expect(matchesFilter(lab, { query: '', kind: 'image' })).toBe(false);
    expect(matchesFilter(xray, { query: '', kind: 'image' })).toBe(true);
  });

  it('shows records still decrypting only when nothing is filtered', () => {
    expect(matchesFilter(undefined, { query: '', kind: 'all' })).toBe(true);
    expect(matchesFilter(undefined, { query: 'x', kind: 'all' })).toBe(false);
  });
});
