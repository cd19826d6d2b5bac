import type { Address } from 'viem';
import { describe, expect, it } from 'vitest';
import {
  askedPatients,
  hiddenSharesStorageKey,
  parseHiddenPatients,
  parseSharesTogether,
  serializeHiddenPatients,
  sharesTogetherStorageKey,
  sortShares,
} from './unsolicited';

const ASKED: Address = '0xAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAa';
const STRANGER: Address = '0xBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBb';
const OTHER: Address = '0xCcCcCcCcCcCcCcCcCcCcCcCcCcCcCcCcCcCcCcCc';
const share = (patient: Address, id: number) => ({ patient, id });
const grants = [share(STRANGER, 1), share(ASKED, 2), share(OTHER, 3), share(STRANGER, 4)];

describe('sortShares', () => {
  const asked = askedPatients([{ patient: ASKED.toLowerCase() as Address }]);

  it('keeps shares from patients the clinician never asked apart, in their order', () => {
    expect(sortShares(grants, { askedPatients: asked, hiddenPatients: new Set(), together: false })).toEqual({
      requested: [share(ASKED, 2)],
      notRequested: [share(STRANGER, 1), share(OTHER, 3), share(STRANGER, 4)],
      hidden: [],
    });
  });

  it('counts any request to the patient, matching addresses in any letter case', () => {
    const fromRequests = askedPatients([{ patient: STRANGER }, { patient: STRANGER }]);
    expect(fromRequests).toEqual(new Set([STRANGER.toLowerCase()]));
    expect(sortShares(grants, { askedPatients: fromRequests, hiddenPatients: new Set(), together: false }).requested).toEqual([share(STRANGER, 1), share(STRANGER, 4)]);
  });

  it('hides every share of a hidden patient, and puts the rest together when asked to', () => {
    const hiddenPatients = new Set([STRANGER.toLowerCase()]);
    expect(sortShares(grants, { askedPatients: asked, hiddenPatients, together: false })).toEqual({
      requested: [share(ASKED, 2)],
      notRequested: [share(OTHER, 3)],
      hidden: [share(STRANGER, 1), share(STRANGER, 4)],
    });
    expect(sortShares(grants, { askedPatients: asked, hiddenPatients, together: true })).toEqual({
      requested: [share(ASKED, 2), share(OTHER, 3)],
      notRequested: [],
      hidden: [share(STRANGER, 1), share(STRANGER, 4)],
    });
  });

  it('lists a patient the clinician asked as requested even if they once hid them', () => {
    const sorted = sortShares(grants, { askedPatients: asked, hiddenPatients: new Set([ASKED.toLowerCase()]), together: false });
    expect(sorted.requested).toEqual([share(ASKED, 2)]);
    expect(sorted.hidden).toEqual([]);
  });
});

describe('stored preferences', () => {
  it('round-trips the hidden list, lower-cased and sorted', () => {
    const stored = serializeHiddenPatients(new Set([STRANGER, OTHER.toLowerCase()]));
    expect(stored).toBe(JSON.stringify([STRANGER.toLowerCase(), OTHER.toLowerCase()]));
    expect(parseHiddenPatients(stored)).toEqual(new Set([STRANGER.toLowerCase(), OTHER.toLowerCase()]));
  });

  it('reads anything else as an empty list, and keeps only addresses from a list', () => {
    for (const stored of [null, '', 'not json', '{"a":1}', '42', 'null']) expect(parseHiddenPatients(stored)).toEqual(new Set());
    expect(parseHiddenPatients(JSON.stringify([STRANGER, 'nope', 7, null, '0x12']))).toEqual(new Set([STRANGER.toLowerCase()]));
  });

  it('reads the together switch as on only when stored as on', () => {
    expect(parseSharesTogether('true')).toBe(true);
    for (const stored of [null, 'false', '1', 'TRUE']) expect(parseSharesTogether(stored)).toBe(false);
  });

  it('keys preferences by chain and clinician, in any letter case', () => {
    expect(hiddenSharesStorageKey(31337, ASKED)).toBe(hiddenSharesStorageKey(31337, ASKED.toLowerCase() as Address));
    expect(hiddenSharesStorageKey(31337, ASKED)).not.toBe(hiddenSharesStorageKey(1, ASKED));
    expect(sharesTogetherStorageKey(31337, ASKED)).not.toBe(hiddenSharesStorageKey(31337, ASKED));
  });
});
