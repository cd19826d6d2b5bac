'use client';

import { useCallback, useId, useState } from 'react';
import { EXPIRY_PRESETS, expiryFromDateInput, expiryFromPreset, type ExpiryPresetId } from '@/lib/records/expiry';
import { FIELD_CLASSES } from '@/components/ui/field';

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

/** "Access ends after" presets with an optional date field, shared by every form that grants access. */
export function ExpiryPicker({ choice }: { choice: ExpiryChoice }) {
  const ids = { preset: useId(), date: useId() };
  return (
    <div className="flex flex-wrap gap-3">
      <div>
        <label htmlFor={ids.preset} className="block text-sm font-medium">Access ends after</label>
        <select id={ids.preset} value={choice.preset} onChange={(e) => choice.setPreset(e.target.value as ExpiryPresetId | 'custom')} className={FIELD_CLASSES}>
          {EXPIRY_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>{p.label}</option>
          ))}
          <option value="custom">A date I choose</option>
        </select>
      </div>
      {choice.preset === 'custom' && (
        <div>
          <label htmlFor={ids.date} className="block text-sm font-medium">End date</label>
          <input id={ids.date} type="date" value={choice.customDate} onChange={(e) => choice.setCustomDate(e.target.value)} className={FIELD_CLASSES} />
        </div>
      )}
    </div>
  );
}
