/** Presets a patient picks from when sharing; custom dates run to the end of the chosen day. */
export const EXPIRY_PRESETS = [
  { id: '1d', label: '1 day', days: 1 },
  { id: '7d', label: '1 week', days: 7 },
  { id: '30d', label: '30 days', days: 30 },
  { id: '90d', label: '3 months', days: 90 },
  { id: '365d', label: '1 year', days: 365 },
] as const;

export type ExpiryPresetId = (typeof EXPIRY_PRESETS)[number]['id'];

const DAY_SECONDS = 24 * 60 * 60;

export function expiryFromPreset(id: ExpiryPresetId, nowSeconds: number): bigint {
  const preset = EXPIRY_PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`Unknown expiry preset ${id}`);
  return BigInt(nowSeconds + preset.days * DAY_SECONDS);
}

/**
 * Parses an `<input type="date">` value (YYYY-MM-DD) as the end of that day in the user's time
 * zone. Returns null for a malformed date or one that is not in the future.
 */
export function expiryFromDateInput(value: string, nowSeconds: number): bigint | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, m, d] = match;
  const endOfDay = new Date(Number(y), Number(m) - 1, Number(d), 23, 59, 59);
  if (Number.isNaN(endOfDay.getTime()) || endOfDay.getDate() !== Number(d)) return null;
  const seconds = Math.floor(endOfDay.getTime() / 1000);
  return seconds > nowSeconds ? BigInt(seconds) : null;
}

export function formatExpiry(expiresAt: bigint): string {
  return new Date(Number(expiresAt) * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
