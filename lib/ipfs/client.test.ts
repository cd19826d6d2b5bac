import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseError } from '@/lib/errors/parse-error';
import { MAX_ENVELOPE_BYTES } from '@/lib/limits';
import {
  CiphertextNotFoundError,
  CiphertextRemovedError,
  NotAnEnvelopeError,
  StorageError,
  StorageUnavailableError,
  UnpinForbiddenError,
  UnpinUnclaimedError,
  UploadClaimedError,
  UploadTooLargeError,
  downloadCiphertext,
  unpinCiphertext,
  uploadCiphertext,
} from './client';

const CID_TEXT = 'bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4';
const CLAIM = '73180b754ce54594cb6b18c4eb4dcea3bdab4a557c70bcafdab22dd15ef3b5fd';

function stubFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const fetchMock = vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => Promise.resolve(respond(String(input), init)));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function errorBody(status: number, code: string): Response {
  return Response.json({ error: { code, message: 'server sentence' } }, { status });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('uploadCiphertext', () => {
  it('posts the bytes as octet-stream to the app route and returns the CID', async () => {
    const fetchMock = stubFetch(() => Response.json({ cid: CID_TEXT }, { status: 201 }));
    const bytes = new Uint8Array([1, 2, 3]);
    await expect(uploadCiphertext(bytes, { unpinClaim: CLAIM })).resolves.toEqual({ cid: CID_TEXT });

    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/ipfs');
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/octet-stream');
    expect(init?.body).toEqual(bytes);
  });

  it.each([
    [413, UploadTooLargeError],
    [503, StorageUnavailableError],
    [502, StorageUnavailableError],
    [500, StorageError],
    [400, StorageError],
  ])('maps HTTP %i to %o', async (status, ErrorClass) => {
    stubFetch(() => errorBody(status, 'whatever'));
    const error: unknown = await uploadCiphertext(new Uint8Array([1]), { unpinClaim: CLAIM }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(StorageError);
  });

  it.each([
    [409, 'upload.claimed-by-another', UploadClaimedError],
    [410, 'storage.removed', CiphertextRemovedError],
    [415, 'upload.not-an-envelope', NotAnEnvelopeError],
    [415, 'upload.unsupported-type', StorageError],
  ])('maps HTTP %i %s to its own sentence', async (status, code, ErrorClass) => {
    stubFetch(() => errorBody(status, code));
    const error: unknown = await uploadCiphertext(new Uint8Array([1]), { unpinClaim: CLAIM }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as StorageError).code).toBe(ErrorClass === StorageError ? 'storage.failed' : code);
  });

  it('treats a network failure as storage being unavailable, and says the file is kept', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const error: unknown = await uploadCiphertext(new Uint8Array([1]), { unpinClaim: CLAIM }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect((error as Error).message).toMatch(/kept in this browser/);
    // parseError shows our sentence as-is.
    expect(parseError(error)).toEqual({ kind: 'failed', code: 'storage.unavailable', message: (error as Error).message });
  });

  it('refuses an oversized upload without sending it', async () => {
    const fetchMock = stubFetch(() => Response.json({ cid: CID_TEXT }, { status: 201 }));
    await expect(uploadCiphertext(new Uint8Array(MAX_ENVELOPE_BYTES + 1), { unpinClaim: CLAIM })).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('rejects a success response without a CID', async () => {
    stubFetch(() => Response.json({}, { status: 201 }));
    await expect(uploadCiphertext(new Uint8Array([1]), { unpinClaim: CLAIM })).rejects.toBeInstanceOf(StorageError);
  });

  it('lets the caller’s abort through untouched', async () => {
    const controller = new AbortController();
    controller.abort();
    stubFetch((_url, init) => {
      init.signal?.throwIfAborted();
      return Response.json({ cid: CID_TEXT }, { status: 201 });
    });
    const error: unknown = await uploadCiphertext(new Uint8Array([1]), { signal: controller.signal, unpinClaim: CLAIM }).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(StorageError);
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('downloadCiphertext', () => {
  function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
    return new ReadableStream({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
  }

  it('gets the bytes from the app route, reporting progress', async () => {
    const fetchMock = stubFetch(() => new Response(streamOf([new Uint8Array([1, 2]), new Uint8Array([3])]), { headers: { 'Content-Length': '3' } }));
    const progress: [number, number | null][] = [];
    const bytes = await downloadCiphertext(CID_TEXT, { onProgress: (loaded, total) => progress.push([loaded, total]) });
    expect(bytes).toEqual(new Uint8Array([1, 2, 3]));
    expect(fetchMock.mock.calls[0]?.[0]).toBe(`/api/ipfs/${CID_TEXT}`);
    expect(progress).toEqual([
      [2, 3],
      [3, 3],
    ]);
  });

  it('reports an unknown total when the server does not announce a length', async () => {
    stubFetch(() => new Response(streamOf([new Uint8Array([9])])));
    const progress: (number | null)[] = [];
    await downloadCiphertext(CID_TEXT, { onProgress: (_loaded, total) => progress.push(total) });
    expect(progress).toEqual([null]);
  });

  it.each([
    [404, CiphertextNotFoundError],
    [503, StorageUnavailableError],
    [400, StorageError],
  ])('maps HTTP %i to %o', async (status, ErrorClass) => {
    stubFetch(() => errorBody(status, 'whatever'));
    await expect(downloadCiphertext(CID_TEXT)).rejects.toBeInstanceOf(ErrorClass);
  });

  it('treats a download cut off half-way as storage being unavailable', async () => {
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([1]));
        controller.error(new TypeError('terminated'));
      },
    });
    stubFetch(() => new Response(broken));
    await expect(downloadCiphertext(CID_TEXT)).rejects.toBeInstanceOf(StorageUnavailableError);
  });

  it('never puts the CID in a message', async () => {
    stubFetch(() => errorBody(404, 'storage.not-found'));
    const error: unknown = await downloadCiphertext(CID_TEXT).catch((caught: unknown) => caught);
    expect((error as Error).message).not.toContain(CID_TEXT);
  });
});

describe('removal claims and unpinCiphertext', () => {
  const SECRET = 'e5c7544e07bf7dbc2c1d126ee67e3566c60b7302645a730a5bf7b89f5f16927d';

  it('sends the claim in a header with every upload, and refuses a malformed one without sending', async () => {
    const fetchMock = stubFetch(() => Response.json({ cid: CID_TEXT }, { status: 201 }));
    await uploadCiphertext(new Uint8Array([1]), { unpinClaim: CLAIM });
    expect(new Headers(fetchMock.mock.calls[0]?.[1]?.headers).get('X-Chartkey-Unpin-Claim')).toBe(CLAIM);
    await expect(uploadCiphertext(new Uint8Array([1]), { unpinClaim: CLAIM.toUpperCase() })).rejects.toThrow(TypeError);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('sends DELETE with the secret in a header, never in the URL, and resolves on 204', async () => {
    const fetchMock = stubFetch(() => new Response(null, { status: 204 }));
    await expect(unpinCiphertext(CID_TEXT, SECRET)).resolves.toBeUndefined();
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe(`/api/ipfs/${CID_TEXT}`);
    expect(url).not.toContain(SECRET);
    expect(init?.method).toBe('DELETE');
    expect(new Headers(init?.headers).get('X-Chartkey-Unpin-Secret')).toBe(SECRET);
    await expect(unpinCiphertext(CID_TEXT, 'not hex')).rejects.toThrow(TypeError);
  });

  it.each([
    [403, UnpinForbiddenError, /could not confirm that this encrypted file is yours/],
    [409, UnpinUnclaimedError, /stored before removal from storage was possible/],
    [503, StorageError, /could not be reached, so the encrypted file was not deleted/],
    [502, StorageError, /could not be reached/],
    [400, StorageError, /did not delete the encrypted file/],
    [500, StorageError, /did not delete the encrypted file/],
  ])('maps HTTP %i to %o with a sentence about the file', async (status, ErrorClass, sentence) => {
    stubFetch(() => errorBody(status, 'whatever'));
    const error: unknown = await unpinCiphertext(CID_TEXT, SECRET).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(parseError(error).message).toMatch(sentence);
  });

  it('says the file was not deleted when the network fails, and lets an abort through', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const error: unknown = await unpinCiphertext(CID_TEXT, SECRET).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).not.toBeInstanceOf(StorageUnavailableError);
    expect((error as Error).message).toMatch(/not deleted/);

    const controller = new AbortController();
    controller.abort();
    stubFetch(() => Promise.reject(new DOMException('aborted', 'AbortError')));
    const aborted: unknown = await unpinCiphertext(CID_TEXT, SECRET, { signal: controller.signal }).catch((caught: unknown) => caught);
    expect((aborted as Error).name).toBe('AbortError');
  });
});
