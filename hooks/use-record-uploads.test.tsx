// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import nacl from 'tweetnacl';
import { hexToBytes, type Hex } from 'viem';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encryptRecord, openLocator, sealLocator, type KeyPair, type RecordMetadata } from '@/lib/crypto';
import type * as DraftStoreModule from '@/lib/drafts/draft-store';
import type { StoredDraft } from '@/lib/drafts/draft-store';
import { StorageUnavailableError } from '@/lib/ipfs/errors';
import { UPLOAD_MESSAGES } from '@/lib/records/upload-pipeline';
import { useRecordUploads } from './use-record-uploads';

/**
 * The reducer wiring of the uploads hook, with every effect faked at its boundary: the crypto
 * worker (real encryption, on the main thread), storage, the wallet and the draft store.
 */
const fakes = vi.hoisted(() => ({
  drafts: new Map<string, unknown>(),
  encryptRecord: vi.fn(),
  uploadCiphertext: vi.fn(),
  run: vi.fn(),
  // Stable, as wagmi's is: the hook's effects depend on it.
  config: { chainId: 31337, consent: null },
  client: { getBlockNumber: async () => 42n },
}));

vi.mock('wagmi', () => ({ usePublicClient: () => fakes.client }));
vi.mock('@/hooks/use-public-config', () => ({ usePublicConfig: () => fakes.config }));
vi.mock('./use-patient-records', () => ({ usePatientRecords: () => ({ data: undefined }) }));
vi.mock('./use-consent-write', () => ({ useConsentWrite: () => ({ run: fakes.run, state: { status: 'idle' }, isBusy: false }) }));
vi.mock('./crypto-worker', () => ({ cryptoWorker: () => ({ encryptRecord: fakes.encryptRecord }) }));
vi.mock('@/lib/ipfs/client', () => ({ uploadCiphertext: fakes.uploadCiphertext, unpinCiphertext: vi.fn() }));
vi.mock('@/lib/drafts/draft-store', async (importOriginal) => {
  const actual = await importOriginal<typeof DraftStoreModule>();
  const store = fakes.drafts as Map<string, StoredDraft>;
  return {
    ...actual,
    indexedDbBackend: () => ({
      get: async (key: string) => store.get(key),
      set: async (key: string, value: StoredDraft) => void store.set(key, value),
      del: async (key: string) => void store.delete(key),
      values: async () => [...store.values()],
    }),
  };
});

const PATIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const HASH: Hex = `0x${'cd'.repeat(32)}`;
const keyPair: KeyPair = (() => {
  const pair = nacl.box.keyPair();
  return { publicKey: pair.publicKey, secretKey: pair.secretKey };
})();

function render() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
  return renderHook(() => useRecordUploads(PATIENT, keyPair), { wrapper });
}

const pdf = () => new File(['%PDF-1.7 a scan'], 'scan.pdf', { type: 'application/pdf' });

beforeEach(() => {
  fakes.drafts.clear();
  fakes.encryptRecord.mockImplementation(async (file: File, metadata: RecordMetadata) => encryptRecord(new Uint8Array(await file.arrayBuffer()), metadata));
  fakes.uploadCiphertext.mockResolvedValue({ cid: 'bafyscan' });
  fakes.run.mockImplementation(async ({ onSubmitted }: { onSubmitted?: (hash: Hex) => void }) => {
    onSubmitted?.(HASH);
    return { ok: true, hash: HASH };
  });
});

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('useRecordUploads', () => {
  it('takes a file from encryption to the records, registering the CID sealed to the patient, and lets its draft go', async () => {
    const { result } = render();
    let refused: string | null = 'not called';
    act(() => {
      refused = result.current.addFile(pdf());
    });
    expect(refused).toBeNull();
    await waitFor(() => expect(result.current.uploads[0]?.stage).toBe('done'));
    expect(result.current.uploads[0]).toMatchObject({ fileName: 'scan.pdf', error: null });

    expect(fakes.encryptRecord).toHaveBeenCalledTimes(1);
    expect(fakes.encryptRecord.mock.calls[0]?.[1]).toMatchObject({ name: 'scan.pdf', mediaType: 'application/pdf', kind: 'document' });
    expect(fakes.uploadCiphertext).toHaveBeenCalledTimes(1);
    expect(fakes.run).toHaveBeenCalledTimes(1);
    const request = fakes.run.mock.calls[0]?.[0] as { functionName: string; args: [Hex] };
    expect(request.functionName).toBe('addRecord');
    expect(openLocator(hexToBytes(request.args[0]), keyPair)).toMatchObject({ cid: 'bafyscan' });
    await waitFor(() => expect(fakes.drafts.size).toBe(0));
  });

  it('refuses a file that cannot be a record before any work starts', () => {
    const { result } = render();
    let refused: string | null = null;
    act(() => {
      refused = result.current.addFile(new File([], 'empty.pdf', { type: 'application/pdf' }));
    });
    expect(refused).toEqual(expect.any(String));
    expect(result.current.uploads).toEqual([]);
    expect(fakes.encryptRecord).not.toHaveBeenCalled();
  });

  it('keeps a failed upload at the step it stopped, as a draft, and a retry resumes there without encrypting again', async () => {
    fakes.uploadCiphertext.mockRejectedValueOnce(new StorageUnavailableError());
    const { result } = render();
    act(() => {
      result.current.addFile(pdf());
    });
    await waitFor(() => expect(result.current.uploads[0]?.error).toEqual(new StorageUnavailableError().message));
    expect(result.current.uploads[0]?.stage).toBe('storing');
    // Encrypted and kept in this browser, not yet stored.
    expect([...fakes.drafts.values()]).toEqual([expect.objectContaining({ cid: null, owner: PATIENT.toLowerCase() })]);

    const id = result.current.uploads[0]?.id ?? '';
    act(() => result.current.retry(id));
    await waitFor(() => expect(result.current.uploads[0]?.stage).toBe('done'));
    expect(fakes.encryptRecord).toHaveBeenCalledTimes(1);
    expect(fakes.uploadCiphertext).toHaveBeenCalledTimes(2);
  });

  it('says the file is stored but not added when the wallet does not add it', async () => {
    fakes.run.mockResolvedValueOnce({ ok: false });
    const { result } = render();
    act(() => {
      result.current.addFile(pdf());
    });
    await waitFor(() => expect(result.current.uploads[0]?.error).toBe(UPLOAD_MESSAGES.notRegistered));
    expect(result.current.uploads[0]?.stage).toBe('signing');
    expect([...fakes.drafts.values()]).toEqual([expect.objectContaining({ cid: 'bafyscan', pinnedAtBlock: 42n })]);
  });

  it('brings back a stored draft from an earlier visit, and a retry only registers it', async () => {
    const { envelope, contentKey } = await encryptRecord(new TextEncoder().encode('lab results'), {
      name: 'labs.txt',
      mediaType: 'text/plain',
      size: 11,
      createdAt: 1,
      kind: 'note',
    });
    const draft: StoredDraft = {
      id: 'earlier',
      owner: PATIENT.toLowerCase(),
      chainId: 31337,
      createdAt: 1,
      envelope,
      sealedKey: sealLocator({ cid: 'chartkey-draft:earlier', contentKey }, keyPair.publicKey),
      cid: 'bafylabs',
    };
    fakes.drafts.set(draft.id, draft);
    const { result } = render();
    await waitFor(() => expect(result.current.uploads).toHaveLength(1));
    expect(result.current.uploads[0]).toMatchObject({ id: 'earlier', fileName: 'labs.txt', stage: 'signing', error: UPLOAD_MESSAGES.unfinishedFromEarlierVisit });

    act(() => result.current.retry('earlier'));
    await waitFor(() => expect(result.current.uploads[0]?.stage).toBe('done'));
    expect(fakes.encryptRecord).not.toHaveBeenCalled();
    expect(fakes.uploadCiphertext).not.toHaveBeenCalled();
    const request = fakes.run.mock.calls[0]?.[0] as { args: [Hex] };
    expect(openLocator(hexToBytes(request.args[0]), keyPair)).toEqual({ cid: 'bafylabs', contentKey });
  });

  it('discards an upload that was never stored without touching storage', async () => {
    fakes.encryptRecord.mockRejectedValueOnce(new StorageUnavailableError());
    const { result } = render();
    act(() => {
      result.current.addFile(pdf());
    });
    await waitFor(() => expect(result.current.uploads[0]?.error).not.toBeNull());
    const id = result.current.uploads[0]?.id ?? '';
    let outcome: unknown;
    await act(async () => {
      outcome = await result.current.discard(id);
    });
    expect(outcome).toEqual({ tone: 'success', message: 'Discarded “scan.pdf”.' });
    expect(result.current.uploads).toEqual([]);
  });
});
