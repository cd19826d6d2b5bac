import { describe, expect, it } from 'vitest';
import { parseStackInfo, serializeStackInfo, type StackInfo } from './stack-info';

describe('stack info across processes', () => {
  const info: StackInfo = {
    rpcUrl: 'http://127.0.0.1:41234',
    chainId: 31337,
    contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    deployedBlock: 1n,
    ipfsApiUrl: 'http://127.0.0.1:41235',
  };

  it('round-trips, bigint included', () => {
    expect(parseStackInfo(serializeStackInfo(info))).toEqual(info);
  });

  it('refuses anything else', () => {
    expect(() => parseStackInfo('{"rpcUrl":1}')).toThrow(TypeError);
    expect(() => parseStackInfo(JSON.stringify({ ...info, deployedBlock: '1', contract: 'not an address' }))).toThrow();
  });
});
