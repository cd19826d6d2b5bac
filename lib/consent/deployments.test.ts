import { describe, expect, it } from 'vitest';
import { deploymentFor } from './deployments';

describe('deploymentFor', () => {
  it('returns the generated local deployment (account 0, first transaction on a fresh anvil)', () => {
    expect(deploymentFor(31337)).toEqual({ address: '0x5FbDB2315678afecb367f032d93F642f64180aa3', deployedBlock: 1n });
  });

  it('returns undefined for a chain without a deployment', () => {
    expect(deploymentFor(1)).toBeUndefined();
  });
});
