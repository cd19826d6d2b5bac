// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublicConfig } from '@/lib/config/public-config';
import { parseError } from '@/lib/errors/parse-error';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { useConsentScan, withScan, type ConsentScan } from './use-consent-client';
import { usePatientRecords } from './use-patient-records';
import { PublicConfigProvider } from './use-public-config';

// The hook's one dependency on wagmi: which client (if any) the configured chain has.
const wagmi = vi.hoisted(() => ({ client: undefined as unknown }));
vi.mock('wagmi', () => ({ usePublicClient: () => wagmi.client }));

const CONTRACT = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const PATIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const fakeClient = { request: vi.fn(), readContract: vi.fn(), getBlock: vi.fn() };

function config(consent: PublicConfig['consent']): PublicConfig {
  return { chainId: 31337, chainName: 'Local', rpcUrl: 'http://127.0.0.1:8545', explorerUrl: null, walletConnectProjectId: null, consent, isLocalChain: true };
}

function wrapper(value: PublicConfig, queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <PublicConfigProvider value={value}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </PublicConfigProvider>
    );
  };
}

beforeEach(() => {
  wagmi.client = fakeClient;
  vi.clearAllMocks();
});
afterEach(cleanup);

describe('useConsentScan', () => {
  it('gives the client, contract and deployment block when both are there', () => {
    const { result } = renderHook(() => useConsentScan(), { wrapper: wrapper(config({ address: CONTRACT, deployedBlock: '12' })) });
    expect(result.current.chainId).toBe(31337);
    expect(result.current.scan).toEqual({ client: fakeClient, contract: CONTRACT, fromBlock: 12n });
  });

  it('is not ready without a deployment on the chain', () => {
    const { result } = renderHook(() => useConsentScan(), { wrapper: wrapper(config(null)) });
    expect(result.current.scan).toBeNull();
  });

  it('is not ready without a client for the chain', () => {
    wagmi.client = undefined;
    const { result } = renderHook(() => useConsentScan(), { wrapper: wrapper(config({ address: CONTRACT, deployedBlock: '0' })) });
    expect(result.current.scan).toBeNull();
  });

  it('keeps the same scan across renders, so it can be a dependency', () => {
    const { result, rerender } = renderHook(() => useConsentScan(), { wrapper: wrapper(config({ address: CONTRACT, deployedBlock: '1' })) });
    const first = result.current.scan;
    rerender();
    expect(result.current.scan).toBe(first);
  });
});

describe('withScan', () => {
  it('reads with the scan when there is one', async () => {
    const scan = { client: fakeClient, contract: CONTRACT, fromBlock: 3n } as unknown as ConsentScan;
    await expect(withScan(scan, async (s) => s.fromBlock)()).resolves.toBe(3n);
  });

  it('without one, fails with a sentence the error parser shows, and never reads', async () => {
    const read = vi.fn();
    const error = await withScan(null, read)().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect(parseError(error)).toEqual({ kind: 'failed', code: 'consent.not-deployed', message: 'Chartkey is not deployed on this network.' });
    expect(read).not.toHaveBeenCalled();
  });
});

describe('a read hook while the consent contract is not ready', () => {
  it('waits instead of reading, and Try again (refetch) explains why rather than crashing', async () => {
    const { result } = renderHook(() => usePatientRecords(PATIENT), { wrapper: wrapper(config(null)) });
    expect(result.current.isPending).toBe(true);
    expect(result.current.fetchStatus).toBe('idle');
    await act(async () => {
      await result.current.refetch();
    });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(parseError(result.current.error).message).toBe('Chartkey is not deployed on this network.');
    expect(fakeClient.request).not.toHaveBeenCalled();
    expect(fakeClient.getBlock).not.toHaveBeenCalled();
  });
});
