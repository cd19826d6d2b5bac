import { isAddress, type Address } from 'viem';

/**
 * Shares a clinician did not ask for. Anyone can grant a record to any address, so a stranger can
 * push "shared records" into a clinician's list; Chartkey keeps those apart ("Not requested") and
 * never downloads or decrypts them unless the clinician chooses to. Pure: the list component and
 * the preferences hook decide with these.
 */

/** What decides where a share goes; everything here is about patients' addresses, never records. */
export type ShareSorting = {
  /** Every patient the clinician ever sent a request to, whatever became of it. */
  readonly askedPatients: ReadonlySet<string>;
  /** Patients whose unrequested shares the clinician hid. */
  readonly hiddenPatients: ReadonlySet<string>;
  /** The clinician's setting "Show shares from all patients together". */
  readonly together: boolean;
};

export type SortedShares<G> = {
  /** Listed and opened as before: from patients the clinician asked (or from anyone, with `together`). */
  readonly requested: G[];
  /** Listed apart, never fetched on their own. */
  readonly notRequested: G[];
  /** Not listed unless the clinician asks to see them; never fetched on their own either. */
  readonly hidden: G[];
};

/** Lower-cased patients of the clinician's requests: an address's letter case must not decide trust. */
export function askedPatients(requests: readonly { readonly patient: Address }[]): Set<string> {
  return new Set(requests.map((request) => request.patient.toLowerCase()));
}

/**
 * Sorts shares, keeping their order within each part. A patient the clinician asked always counts as
 * requested (asking is the stronger signal than an old "hide"); a hidden patient stays hidden even
 * with `together`, since hiding was an explicit choice about that patient.
 */
export function sortShares<G extends { readonly patient: Address }>(grants: readonly G[], sorting: ShareSorting): SortedShares<G> {
  const sorted: SortedShares<G> = { requested: [], notRequested: [], hidden: [] };
  for (const grant of grants) {
    const patient = grant.patient.toLowerCase();
    if (sorting.askedPatients.has(patient)) sorted.requested.push(grant);
    else if (sorting.hiddenPatients.has(patient)) sorted.hidden.push(grant);
    else if (sorting.together) sorted.requested.push(grant);
    else sorted.notRequested.push(grant);
  }
  return sorted;
}

// The preferences below live in the browser's localStorage, per chain and clinician account. They hold
// patient addresses and one switch only: no record, name, locator or other health data is ever stored.

export const hiddenSharesStorageKey = (chainId: number, clinician: Address) => `chartkey:hidden-shares:${chainId}:${clinician.toLowerCase()}`;
export const sharesTogetherStorageKey = (chainId: number, clinician: Address) => `chartkey:shares-together:${chainId}:${clinician.toLowerCase()}`;

/** The stored hidden list, lower-cased; anything that is not a JSON list of addresses counts as none. */
export function parseHiddenPatients(stored: string | null): Set<string> {
  if (!stored) return new Set();
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return new Set();
  }
  if (!Array.isArray(parsed)) return new Set();
  return new Set(parsed.filter((item): item is string => typeof item === 'string' && isAddress(item, { strict: false })).map((a) => a.toLowerCase()));
}

/** The hidden list as stored: sorted, so the same set is always the same text. */
export function serializeHiddenPatients(patients: ReadonlySet<string>): string {
  return JSON.stringify([...patients].map((p) => p.toLowerCase()).sort());
}

export const parseSharesTogether = (stored: string | null): boolean => stored === 'true';
