import { describe, expect, it } from 'vitest';
import type { Hex } from 'viem';
import { fateOfDiscardedFile, recordHoldingDraft } from './reconcile';

const record = (recordId: bigint, blockNumber: bigint, cid: string) => ({ recordId, blockNumber, patientLocator: `0x${cid}` as Hex });
const cidOf = (locator: Hex) => locator.slice(2);

describe('recordHoldingDraft', () => {
  const records = [record(1n, 5n, 'aa'), record(2n, 9n, 'bb'), record(3n, 12n, 'cc')];

  it('finds the record written since the file was pinned that points at it', () => {
    expect(recordHoldingDraft({ cid: 'cc', pinnedAtBlock: 10n }, records, cidOf)).toBe(3n);
    expect(recordHoldingDraft({ cid: 'bb', pinnedAtBlock: 9n }, records, cidOf)).toBe(2n);
    expect(recordHoldingDraft({ cid: 'dd', pinnedAtBlock: 1n }, records, cidOf)).toBeNull();
  });

  it('opens only the locators of records written since the file was pinned', () => {
    const opened: Hex[] = [];
    const counting = (locator: Hex) => {
      opened.push(locator);
      return cidOf(locator);
    };
    // Record 1 also holds the CID, but was written before the pin: it cannot be this draft's.
    expect(recordHoldingDraft({ cid: 'aa', pinnedAtBlock: 10n }, records, counting)).toBeNull();
    expect(opened).toEqual(['0xcc']);
  });

  it('checks every record for a draft saved before the pin block was kept, and skips locators that do not open', () => {
    expect(recordHoldingDraft({ cid: 'aa' }, records, cidOf)).toBe(1n);
    expect(recordHoldingDraft({ cid: 'bb' }, records, (locator) => (locator === '0xaa' ? null : cidOf(locator)))).toBe(2n);
  });
});

describe('fateOfDiscardedFile', () => {
  it('deletes the file only when no record uses it and no transaction of the patient is waiting', () => {
    expect(fateOfDiscardedFile({ registered: false, pendingNonce: 4, confirmedNonce: 4 })).toBe('delete');
    expect(fateOfDiscardedFile({ registered: false, pendingNonce: 5, confirmedNonce: 4 })).toBe('keep-pending');
    expect(fateOfDiscardedFile({ registered: true, pendingNonce: 4, confirmedNonce: 4 })).toBe('registered');
    expect(fateOfDiscardedFile({ registered: true, pendingNonce: 5, confirmedNonce: 4 })).toBe('registered');
  });
});
