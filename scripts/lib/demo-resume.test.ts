import { describe, expect, it } from 'vitest';
import { describeSetAside, planDemoChain, setAsideName, type SavedChain } from './demo-resume';

const recorded = { address: '0x5FbDB2315678afecb367f032d93F642f64180aa3', deployedBlock: 1n } as const;
const code = '0x6080604052348015600e575f5ffd5b50' as const;
const loaded = (over: Partial<Extract<SavedChain, { kind: 'loaded' }>> = {}): SavedChain => ({
  kind: 'loaded',
  blocks: 12n,
  recorded,
  code,
  expectedCode: code,
  ...over,
});

describe('planDemoChain', () => {
  it('deploys when nothing was saved', () => {
    expect(planDemoChain({ kind: 'none' })).toEqual({ action: 'deploy' });
  });

  it('resumes when the recorded address holds exactly the current contract code (hex case aside)', () => {
    expect(planDemoChain(loaded())).toEqual({ action: 'resume', deployment: recorded, blocks: 12n });
    expect(planDemoChain(loaded({ code: code.toUpperCase().replace('0X', '0x') as `0x${string}` }))).toEqual({
      action: 'resume',
      deployment: recorded,
      blocks: 12n,
    });
  });

  it('sets the saved chain aside when it is unreadable, lacks the contract, or holds another version of it', () => {
    expect(planDemoChain({ kind: 'unreadable' })).toEqual({ action: 'set-aside', reason: 'unreadable' });
    expect(planDemoChain(loaded({ code: '0x' }))).toEqual({ action: 'set-aside', reason: 'contract-missing' });
    expect(planDemoChain(loaded({ code: undefined }))).toEqual({ action: 'set-aside', reason: 'contract-missing' });
    expect(planDemoChain(loaded({ code: `${code}00` }))).toEqual({ action: 'set-aside', reason: 'contract-outdated' });
    expect(planDemoChain(loaded({ recorded: undefined }))).toEqual({ action: 'set-aside', reason: 'no-deployment-recorded' });
  });

  it('deploys on a saved chain with no blocks yet, where there is nothing to keep', () => {
    expect(planDemoChain(loaded({ blocks: 0n, code: '0x' }))).toEqual({ action: 'deploy' });
  });
});

describe('describeSetAside', () => {
  it('names the address it looked at and the artifact it compared with', () => {
    expect(describeSetAside('contract-missing', recorded)).toContain(recorded.address);
    expect(describeSetAside('contract-outdated', recorded)).toContain('contracts-abi/ChartkeyConsent.ts');
    expect(describeSetAside('unreadable', recorded)).toMatch(/could not be read/);
  });
});

describe('setAsideName', () => {
  const now = new Date('2026-11-24T20:23:49.512Z');

  it('stamps the directory with the UTC time, without characters some file systems refuse', () => {
    expect(setAsideName('/x/.chartkey/demo', now, () => false)).toBe('/x/.chartkey/demo-2026-11-24T20-23-49Z.bak');
  });

  it('never reuses a name that is taken, so an earlier copy is never overwritten', () => {
    const taken = new Set(['/d-2026-11-24T20-23-49Z.bak', '/d-2026-11-24T20-23-49Z-2.bak']);
    expect(setAsideName('/d', now, (candidate) => taken.has(candidate))).toBe('/d-2026-11-24T20-23-49Z-3.bak');
  });
});
