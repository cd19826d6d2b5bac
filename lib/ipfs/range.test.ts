import { describe, expect, it } from 'vitest';
import { parseRangeHeader } from './range';

describe('parseRangeHeader', () => {
  it('reads a closed and an open-ended single range', () => {
    expect(parseRangeHeader('bytes=0-4095')).toEqual({ offset: 0, length: 4096 });
    expect(parseRangeHeader('bytes=100-')).toEqual({ offset: 100 });
  });

  it('is absent without a header and invalid for ranges it does not serve', () => {
    expect(parseRangeHeader(null)).toBeNull();
    expect(parseRangeHeader('bytes=10-5')).toBe('invalid');
    expect(parseRangeHeader('bytes=0-1,5-9')).toBe('invalid');
    expect(parseRangeHeader('bytes=-500')).toBe('invalid');
    expect(parseRangeHeader('items=0-1')).toBe('invalid');
  });
});
