/**
 * The patient page's sections as tabs, and the two pure rules the tab UI follows: which tab a URL
 * hash names, and where the arrow keys move (WAI-ARIA tabs pattern). The hash holds only a section
 * name, never data about records or people.
 */

export const PATIENT_TABS = ['records', 'sharing', 'requests', 'activity', 'export'] as const;
export type PatientTab = (typeof PATIENT_TABS)[number];
export const DEFAULT_PATIENT_TAB: PatientTab = 'records';

export const PATIENT_TAB_LABELS: Readonly<Record<PatientTab, string>> = {
  records: 'Records',
  sharing: 'Sharing',
  requests: 'Requests',
  activity: 'Activity',
  export: 'Export',
};

export function isPatientTab(value: string): value is PatientTab {
  return (PATIENT_TABS as readonly string[]).includes(value);
}

/**
 * The tab a URL hash names. No hash means the default tab; any other hash (the skip link's
 * `#main`, say) names no tab, so the caller keeps the one shown.
 */
export function tabFromHash(hash: string): PatientTab | null {
  const name = decodeHashName(hash);
  if (name === '') return DEFAULT_PATIENT_TAB;
  return isPatientTab(name) ? name : null;
}

export function hashForTab(tab: PatientTab): `#${PatientTab}` {
  return `#${tab}`;
}

function decodeHashName(hash: string): string {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  try {
    return decodeURIComponent(raw).trim().toLowerCase();
  } catch {
    return raw; // a malformed escape names no tab
  }
}

/**
 * The tab a key press moves to from `current`: Left/Right step and wrap around, Home and End jump
 * to the ends; null for any other key (the browser keeps its default behaviour).
 */
export function tabAfterKey<T>(tabs: readonly T[], current: T, key: string): T | null {
  if (tabs.length === 0) return null;
  const index = Math.max(tabs.indexOf(current), 0);
  switch (key) {
    case 'ArrowRight':
      return tabs[(index + 1) % tabs.length] ?? null;
    case 'ArrowLeft':
      return tabs[(index - 1 + tabs.length) % tabs.length] ?? null;
    case 'Home':
      return tabs[0] ?? null;
    case 'End':
      return tabs[tabs.length - 1] ?? null;
    default:
      return null;
  }
}

/** Words for a count badge, or null when there is nothing to call attention to. */
export function pendingBadge(count: number | undefined): { readonly visible: string; readonly spoken: string } | null {
  if (count === undefined || !Number.isFinite(count) || count <= 0) return null;
  const whole = Math.floor(count);
  return { visible: whole > 99 ? '99+' : whole.toString(), spoken: `${whole} waiting for your answer` };
}
