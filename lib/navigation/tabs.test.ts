import { describe, expect, it } from 'vitest';
import { DEFAULT_PATIENT_TAB, PATIENT_TABS, hashForTab, pendingBadge, tabAfterKey, tabFromHash } from './tabs';

describe('tabFromHash', () => {
  it('reads each tab back from the hash it writes', () => {
    for (const tab of PATIENT_TABS) expect(tabFromHash(hashForTab(tab))).toBe(tab);
  });

  it('opens the records tab when there is no hash', () => {
    expect(DEFAULT_PATIENT_TAB).toBe('records');
    expect(tabFromHash('')).toBe('records');
    expect(tabFromHash('#')).toBe('records');
  });

  it('tolerates case, spaces and escapes a person might type', () => {
    expect(tabFromHash('#Sharing')).toBe('sharing');
    expect(tabFromHash('#%20activity')).toBe('activity');
    expect(tabFromHash('export')).toBe('export');
  });

  it('names no tab for other anchors, so following the skip link keeps the tab shown', () => {
    expect(tabFromHash('#main')).toBeNull();
    expect(tabFromHash('#%E0%A4%A')).toBeNull();
    expect(tabFromHash('#__proto__')).toBeNull();
  });
});

describe('tabAfterKey', () => {
  const tabs = ['a', 'b', 'c'] as const;

  it('steps with the arrow keys and wraps at both ends', () => {
    expect(tabAfterKey(tabs, 'a', 'ArrowRight')).toBe('b');
    expect(tabAfterKey(tabs, 'c', 'ArrowRight')).toBe('a');
    expect(tabAfterKey(tabs, 'b', 'ArrowLeft')).toBe('a');
    expect(tabAfterKey(tabs, 'a', 'ArrowLeft')).toBe('c');
  });

  it('jumps to the ends with Home and End', () => {
    expect(tabAfterKey(tabs, 'b', 'Home')).toBe('a');
    expect(tabAfterKey(tabs, 'b', 'End')).toBe('c');
  });

  it('leaves other keys (Tab, Enter, vertical arrows) to the browser', () => {
    for (const key of ['Tab', 'Enter', ' ', 'ArrowUp', 'ArrowDown', 'a']) expect(tabAfterKey(tabs, 'b', key)).toBeNull();
    expect(tabAfterKey([], 'x', 'ArrowRight')).toBeNull();
  });
});

describe('pendingBadge', () => {
  it('shows a count only when something waits', () => {
    expect(pendingBadge(undefined)).toBeNull();
    expect(pendingBadge(0)).toBeNull();
    expect(pendingBadge(-1)).toBeNull();
    expect(pendingBadge(Number.NaN)).toBeNull();
    expect(pendingBadge(2)).toEqual({ visible: '2', spoken: '2 waiting for your answer' });
  });

  it('keeps the badge small for large counts but says the real number', () => {
    expect(pendingBadge(250)).toEqual({ visible: '99+', spoken: '250 waiting for your answer' });
  });
});
