'use client';

import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_PATIENT_TAB, hashForTab, tabFromHash, type PatientTab } from '@/lib/navigation/tabs';

/**
 * The patient tab named by the URL hash, so a reload, a shared link to the page or the back
 * button shows the same section. Choosing a tab adds a history entry (back returns to the previous
 * tab); hashes that name no tab (the skip link's `#main`) leave the tab alone.
 */
export function usePatientTab(): readonly [PatientTab, (tab: PatientTab) => void] {
  const [tab, setTab] = useState<PatientTab>(() =>
    typeof window === 'undefined' ? DEFAULT_PATIENT_TAB : (tabFromHash(window.location.hash) ?? DEFAULT_PATIENT_TAB),
  );

  useEffect(() => {
    const follow = () => {
      const named = tabFromHash(window.location.hash);
      if (named) setTab(named);
    };
    window.addEventListener('hashchange', follow);
    window.addEventListener('popstate', follow);
    return () => {
      window.removeEventListener('hashchange', follow);
      window.removeEventListener('popstate', follow);
    };
  }, []);

  const select = useCallback((next: PatientTab) => {
    setTab(next);
    const hash = hashForTab(next);
    // pushState, not location.hash: no jump to an element, and Next.js keeps its router state.
    if (window.location.hash !== hash) window.history.pushState(null, '', hash);
  }, []);

  return [tab, select] as const;
}
