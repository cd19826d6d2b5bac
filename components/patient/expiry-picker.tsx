'use client';

import { useId } from 'react';
import type { ExpiryChoice } from '@/hooks/use-expiry-choice';
import { EXPIRY_PRESETS, type ExpiryPresetId } from '@/lib/records/expiry';
import { FIELD_CLASSES } from '@/components/ui/field';

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
