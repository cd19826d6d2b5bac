import { describe, expect, it } from 'vitest';
import { STAGE_RANGES, uploadProgress, type UploadStage } from './upload-progress';

const ORDER: readonly UploadStage[] = ['encrypting', 'storing', 'signing', 'confirming', 'done'];

describe('uploadProgress', () => {
  it('maps encryption by bytes onto 0–60 %', () => {
    expect(uploadProgress({ stage: 'encrypting', encrypted: { done: 0, total: 1000 } }).percent).toBe(0);
    expect(uploadProgress({ stage: 'encrypting', encrypted: { done: 500, total: 1000 } }).percent).toBe(30);
    expect(uploadProgress({ stage: 'encrypting', encrypted: { done: 1000, total: 1000 } }).percent).toBe(60);
  });

  it('rounds down, so a stage is never shown further along than it is', () => {
    expect(uploadProgress({ stage: 'encrypting', encrypted: { done: 999, total: 1000 } }).percent).toBe(59);
  });

  it('shows encryption as the start of the bar until the first byte count arrives', () => {
    const view = uploadProgress({ stage: 'encrypting' });
    expect(view).toMatchObject({ percent: 0, measured: false, step: 1, label: 'Encrypting…' });
    expect(uploadProgress({ stage: 'encrypting', encrypted: { done: 5, total: 0 } }).measured).toBe(false);
  });

  it('holds storing at 60 % as a step when the upload client cannot count bytes, instead of inventing them', () => {
    const view = uploadProgress({ stage: 'storing', stored: null });
    expect(view).toMatchObject({ percent: 60, measured: false, step: 2, label: 'Storing encrypted file…' });
    expect(view.valueText).toBe('Storing encrypted file… step 2 of 3');
  });

  it('maps storage bytes onto 60–90 % when they are known', () => {
    expect(uploadProgress({ stage: 'storing', stored: { done: 1, total: 2 } })).toMatchObject({ percent: 75, measured: true });
    // Counts beyond the total are clamped rather than spilling into the next stage.
    expect(uploadProgress({ stage: 'storing', stored: { done: 3, total: 2 } }).percent).toBe(90);
  });

  it('spends 90–99 % on the wallet and the network and keeps 100 % for the confirmed transaction', () => {
    expect(uploadProgress({ stage: 'signing' })).toMatchObject({ percent: 90, label: 'Waiting for your wallet…', step: 3 });
    expect(uploadProgress({ stage: 'confirming' })).toMatchObject({ percent: 95, label: 'Confirming on the network…', step: 3 });
    const done = uploadProgress({ stage: 'done' });
    expect(done).toMatchObject({ percent: 100, label: 'Done', measured: true });
    for (const stage of ORDER.filter((s) => s !== 'done')) {
      for (const share of [0, 0.5, 1]) {
        const bytes = { done: share * 10, total: 10 };
        expect(uploadProgress({ stage, encrypted: bytes, stored: bytes }).percent).toBeLessThan(100);
      }
    }
  });

  it('only moves forward from one stage to the next', () => {
    let previous = -1;
    for (const stage of ORDER) {
      const [start, end] = STAGE_RANGES[stage];
      expect(start).toBeGreaterThanOrEqual(previous);
      expect(end).toBeGreaterThanOrEqual(start);
      const first = uploadProgress({ stage, encrypted: { done: 0, total: 1 }, stored: { done: 0, total: 1 } }).percent;
      const last = uploadProgress({ stage, encrypted: { done: 1, total: 1 }, stored: { done: 1, total: 1 } }).percent;
      expect(first).toBeGreaterThanOrEqual(previous);
      expect(last).toBeGreaterThanOrEqual(first);
      previous = last;
    }
  });

  it('keeps the bar where a failed upload stopped and says it is not finished', () => {
    const view = uploadProgress({ stage: 'signing', failed: true });
    expect(view).toMatchObject({ percent: 90, label: 'Not finished' });
    expect(view.valueText).toBe('Not finished: stopped at 90%, step 3 of 3');
  });

  it('gives assistive technology the stage and the step, not just a number', () => {
    expect(uploadProgress({ stage: 'encrypting', encrypted: { done: 1, total: 4 } }).valueText).toBe('Encrypting… 15%, step 1 of 3');
    expect(uploadProgress({ stage: 'confirming' }).valueText).toBe('Confirming on the network… step 3 of 3');
    expect(uploadProgress({ stage: 'done' }).valueText).toBe('Done: added to your records');
  });
});
