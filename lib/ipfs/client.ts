/**
 * Browser side of encrypted-record storage: talks only to this app's `/api/ipfs` routes (never
 * to an IPFS node directly) with plain `fetch`. Only ciphertext passes through here.
 */
import { MAX_ENVELOPE_BYTES } from '@/lib/limits';
import { CiphertextNotFoundError, StorageError, StorageUnavailableError, UploadTooLargeError } from './errors';

export { CiphertextNotFoundError, StorageError, StorageUnavailableError, UploadTooLargeError } from './errors';

export const IPFS_ROUTE = '/api/ipfs';

/** Progress of a download; `totalBytes` is null when the server did not announce a length. */
export type DownloadProgress = (loadedBytes: number, totalBytes: number | null) => void;

/** Uploads ciphertext through the app's storage route; resolves with its CID. */
export async function uploadCiphertext(bytes: Uint8Array, opts: { signal?: AbortSignal } = {}): Promise<{ cid: string }> {
  // Refuse locally what the server would refuse anyway, without sending megabytes first.
  if (bytes.byteLength > MAX_ENVELOPE_BYTES) throw new UploadTooLargeError();

  const response = await fetchOrThrow(IPFS_ROUTE, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: asRequestBody(bytes),
    signal: opts.signal,
  });
  if (!response.ok) throw await errorFromResponse(response);

  const body: unknown = await response.json().catch(() => null);
  const cid = typeof body === 'object' && body !== null ? (body as { cid?: unknown }).cid : undefined;
  if (typeof cid !== 'string' || cid === '') throw new StorageError(undefined, { code: 'storage.bad-response' });
  return { cid };
}

/** Downloads the ciphertext stored under `cid` through the app's storage route. */
export async function downloadCiphertext(
  cid: string,
  opts: { signal?: AbortSignal; onProgress?: DownloadProgress } = {},
): Promise<Uint8Array> {
  const response = await fetchOrThrow(`${IPFS_ROUTE}/${encodeURIComponent(cid)}`, { method: 'GET', signal: opts.signal });
  if (!response.ok) throw await errorFromResponse(response);

  const announced = Number(response.headers.get('Content-Length'));
  const totalBytes = Number.isSafeInteger(announced) && announced >= 0 && response.headers.has('Content-Length') ? announced : null;
  if (response.body === null) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    opts.onProgress?.(bytes.byteLength, totalBytes);
    return bytes;
  }

  const chunks: Uint8Array[] = [];
  let loadedBytes = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      loadedBytes += value.byteLength;
      // No envelope is larger than this; more means something is wrong, so stop reading.
      if (loadedBytes > MAX_ENVELOPE_BYTES) {
        await reader.cancel();
        throw new StorageError('The downloaded file is larger than any encrypted record can be, so it was discarded.', {
          code: 'storage.too-large',
        });
      }
      chunks.push(value);
      opts.onProgress?.(loadedBytes, totalBytes);
    }
  } catch (error) {
    if (error instanceof StorageError || opts.signal?.aborted === true) throw error;
    throw new StorageUnavailableError({ cause: error });
  } finally {
    reader.releaseLock();
  }
  return concatenate(chunks, loadedBytes);
}

/**
 * Downloads only the first `length` bytes of the ciphertext (less if the file is shorter): enough
 * to read a record's encrypted metadata without fetching its body.
 */
export async function downloadCiphertextPrefix(cid: string, length: number, opts: { signal?: AbortSignal } = {}): Promise<Uint8Array> {
  const response = await fetchOrThrow(`${IPFS_ROUTE}/${encodeURIComponent(cid)}`, {
    method: 'GET',
    headers: { Range: `bytes=0-${length - 1}` },
    signal: opts.signal,
  });
  if (!response.ok) throw await errorFromResponse(response);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // A server that ignores Range answers 200 with everything; keep only what was asked for.
  return bytes.byteLength > length ? bytes.slice(0, length) : bytes;
}

/** `fetch` that turns network failures into StorageUnavailableError and leaves aborts alone. */
async function fetchOrThrow(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (init.signal?.aborted === true) throw error;
    throw new StorageUnavailableError({ cause: error });
  }
}

/** Maps the route's status to a typed error; the server's `code` is kept for diagnostics. */
export async function errorFromResponse(response: Response): Promise<StorageError> {
  const code = await serverErrorCode(response);
  const cause = { status: response.status, code };
  switch (response.status) {
    case 413:
      return new UploadTooLargeError({ cause });
    case 404:
      return new CiphertextNotFoundError({ cause });
    case 502:
    case 503:
    case 504:
      return new StorageUnavailableError({ cause });
    default:
      return new StorageError(undefined, { cause });
  }
}

async function serverErrorCode(response: Response): Promise<string | null> {
  try {
    const body: unknown = await response.json();
    const error = typeof body === 'object' && body !== null ? (body as { error?: { code?: unknown } }).error : undefined;
    return typeof error?.code === 'string' ? error.code : null;
  } catch {
    return null;
  }
}

/**
 * `BodyInit` only takes views over a plain ArrayBuffer, while `Uint8Array` may also view a
 * SharedArrayBuffer. Only that rare case pays for a copy.
 */
function asRequestBody(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

function concatenate(chunks: readonly Uint8Array[], totalBytes: number): Uint8Array {
  const bytes = new Uint8Array(totalBytes);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
