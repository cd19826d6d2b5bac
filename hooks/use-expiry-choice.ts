'use client';

import { useCallback, useState } from 'react';
import { expiryFromDateInput, expiryFromPreset, type ExpiryPresetId } from '@/lib/records/expiry';

/** The patient's choice of when access ends: a preset, or a date they pick. */
export function useExpiryChoice() {
  const [preset, setPreset] = useState<ExpiryPresetId | 'custom'>('30d');
  const [customDate, setCustomDate] = useState('');
  /** The chosen end as unix seconds, or null when the custom date is missing or not in the future. */
  const expiresAt = useCallback(
    (nowSeconds: number) => (preset === 'custom' ? expiryFromDateInput(customDate, nowSeconds) : expiryFromPreset(preset, nowSeconds)),
    [customDate, preset],
  );
  return { preset, setPreset, customDate, setCustomDate, expiresAt };
}

export type ExpiryChoice = ReturnType<typeof useExpiryChoice>;
