'use client';

import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { Address } from 'viem';
import { usePublicConfig } from './use-public-config';
import {
  hiddenSharesStorageKey,
  parseHiddenPatients,
  parseSharesTogether,
  serializeHiddenPatients,
  sharesTogetherStorageKey,
} from '@/lib/sharing/unsolicited';

// A write in this tab does not fire `storage` here (only in other tabs), so this tab announces its own.
const CHANGED = 'chartkey:share-preferences';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('storage', onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    // Storage blocked by the browser: the defaults (nothing hidden, kept apart) are the safe ones.
    return null;
  }
}

function writeStored(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Not kept across reloads when storage is blocked; nothing else depends on it.
  }
  window.dispatchEvent(new Event(CHANGED));
}

/** One stored string, read on the client only (null on the server, so the first render matches). */
function useStored(key: string): string | null {
  return useSyncExternalStore(
    subscribe,
    () => readStored(key),
    () => null,
  );
}

/**
 * The clinician's choices about shares they did not ask for, kept in this browser's localStorage per
 * chain and clinician account: which patients' shares are hidden, and whether to list every patient's
 * shares together. Only patient addresses and that one switch are stored — no health data.
 */
export function useSharePreferences(clinician: Address) {
  const { chainId } = usePublicConfig();
  const hiddenKey = hiddenSharesStorageKey(chainId, clinician);
  const togetherKey = sharesTogetherStorageKey(chainId, clinician);
  const hiddenStored = useStored(hiddenKey);
  const hiddenPatients = useMemo(() => parseHiddenPatients(hiddenStored), [hiddenStored]);
  const together = parseSharesTogether(useStored(togetherKey));

  const setHidden = useCallback(
    (patient: Address, hide: boolean) => {
      const next = parseHiddenPatients(readStored(hiddenKey));
      if (hide) next.add(patient.toLowerCase());
      else next.delete(patient.toLowerCase());
      writeStored(hiddenKey, serializeHiddenPatients(next));
    },
    [hiddenKey],
  );
  const setTogether = useCallback((on: boolean) => writeStored(togetherKey, String(on)), [togetherKey]);

  return { hiddenPatients, together, hide: (patient: Address) => setHidden(patient, true), unhide: (patient: Address) => setHidden(patient, false), setTogether };
}
