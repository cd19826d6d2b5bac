import { describe, expect, it } from 'vitest';
import { expiryFromDateInput, expiryFromPreset } from './expiry';

const NOW = Math.floor(new Date(2026, 10, 24, 12, 0, 0).getTime() / 1000);

describe('expiry', () => {
  it('adds whole days for presets', () => {
    expect(expiryFromPreset('7d', NOW)).toBe(BigInt(NOW + 7 * 86400));
  });

  it('reads a date input as the end of that local day', () => {
    const expiry = expiryFromDateInput('2026-12-01', NOW);
    expect(expiry).not.toBeNull();
    const date = new Date(Number(expiry) * 1000);
    expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes()]).toEqual([2026, 11, 1, 23, 59]);
  });

  it('rejects past, today-already-over and malformed dates', () => {
    expect(expiryFromDateInput('2026-11-23', NOW)).toBeNull();
    expect(expiryFromDateInput('2026-02-30', NOW)).toBeNull();
    expect(expiryFromDateInput('next week', NOW)).toBeNull();
  });
});
