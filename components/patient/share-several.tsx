'use client';

import { useState } from 'react';
import type { Address } from 'viem';
import { Button } from '@/components/ui/button';
import type { KeyPair } from '@/lib/crypto';
import { ShareForm, type ShareableRecord } from './share-form';

type Props = {
  patient: Address;
  keyPair: KeyPair;
  /** The records ticked in the list, in list order. */
  selected: readonly ShareableRecord[];
  onClear: () => void;
};

/** Shares every ticked record with one clinician in a single transaction (`grantAccessBatch`). */
export function ShareSeveral({ patient, keyPair, selected, onClear }: Props) {
  const [open, setOpen] = useState(false);
  if (selected.length === 0) return null;
  const what = selected.length === 1 ? '1 record' : `${selected.length} records`;

  return (
    <div className="mb-3 rounded-md border border-brand-600 bg-brand-50 p-3 dark:border-slate-600 dark:bg-slate-800" data-testid="share-several">
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm font-medium text-slate-900 dark:text-slate-100" aria-live="polite">{what} selected</p>
        <Button onClick={() => setOpen((v) => !v)} aria-expanded={open}>Share selected</Button>
        <Button
          variant="secondary"
          onClick={() => {
            setOpen(false);
            onClear();
          }}
        >
          Clear selection
        </Button>
      </div>
      {open && (
        <div className="mt-3">
          <ShareForm
            patient={patient}
            records={selected}
            recordTitle={what}
            keyPair={keyPair}
            onDone={() => {
              setOpen(false);
              onClear();
            }}
          />
        </div>
      )}
    </div>
  );
}
