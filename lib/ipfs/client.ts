/**
 * Browser side of encrypted-record storage: talks only to this app's `/api/ipfs` routes (never
 * to an IPFS node directly) with `fetch` (uploads that report progress use XMLHttpRequest). Only
 * ciphertext passes through here.
 */
import { ErrorCodes } from '@/lib/errors/codes';
import { concatBytes } from '@/lib/crypto/bytes';
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
} from './errors';
import { UNPIN_CLAIM_HEADER, UNPIN_SECRET_HEADER, isUnpinHex } from './unpin-claim';
import { postWithUploadProgress, type UploadProgress } from './upload-with-progress';

export {
  CiphertextNotFoundError,
  CiphertextRemovedError,
  NotAnEnvelopeError,
  StorageError,
  StorageUnavailableError,
  UnpinForbiddenError,
  UnpinUnclaimedError,
  UploadClaimedError,
  UploadTooLargeError,
} from './errors';

export const IPFS_ROUTE = '/api/ipfs';
export type { UploadProgress } from './upload-with-progress';

/** Progress of a download; `totalBytes` is null when the server did not announce a length. */
export type DownloadProgress = (loadedBytes: number, totalBytes: number | null) => void;

/**
 * Uploads an envelope through the app's storage route; resolves with its CID. `unpinClaim`
 * (lib/crypto `deriveUnpinClaim`) is required: the route stores nothing that could never be
 * removed, and the file can later be removed with `unpinCiphertext`.
 */
export async function uploadCiphertext(
  bytes: Uint8Array,
  opts: { signal?: AbortSignal; unpinClaim: string; onProgress?: UploadProgress },
): Promise<{ cid: string }> {
  // Refuse locally what the server would refuse anyway, without sending megabytes first.
  if (bytes.byteLength > MAX_ENVELOPE_BYTES) throw new UploadTooLargeError();
  if (!isUnpinHex(opts.unpinClaim)) throw new TypeError('unpinClaim must be 64 lowercase hex characters');

  const headers = { 'Content-Type': 'application/octet-stream', [UNPIN_CLAIM_HEADER]: opts.unpinClaim };
  const requestBody = asRequestBody(bytes);
  const response =
    opts.onProgress !== undefined && typeof XMLHttpRequest !== 'undefined'
      ? await postWithUploadProgress(IPFS_ROUTE, { headers, body: requestBody, signal: opts.signal }, opts.onProgress)
      : await fetchOrThrow(IPFS_ROUTE, { method: 'POST', headers, body: requestBody, signal: opts.signal });
  if (!response.ok) throw await errorFromResponse(response);

  const body: unknown = await response.json().catch(() => null);
  const cid = typeof body === 'object' && body !== null ? (body as { cid?: unknown }).cid : undefined;
  if (typeof cid !== 'string' || cid === '') throw new StorageError(undefined, { code: ErrorCodes.storage.badResponse });
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
          code: ErrorCodes.storage.tooLarge,
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
  return concatBytes(...chunks);
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

/**
 * Asks the storage node to unpin the file stored under `cid`, proving ownership with the secret
 * behind the claim it was uploaded with (sent in a header, never in the URL). Resolves when the
 * file is unpinned or was not pinned any more. Fails with UnpinForbiddenError (not this file's
 * secret), UnpinUnclaimedError (stored before removal existed) or a StorageError whose sentence
 * says the file was not deleted.
 */
export async function unpinCiphertext(cid: string, secret: string, opts: { signal?: AbortSignal } = {}): Promise<void> {
  if (!isUnpinHex(secret)) throw new TypeError('secret must be 64 lowercase hex characters');
  let response: Response;
  try {
    response = await fetch(`${IPFS_ROUTE}/${encodeURIComponent(cid)}`, {
      method: 'DELETE',
      headers: { [UNPIN_SECRET_HEADER]: secret },
      signal: opts.signal,
    });
  } catch (error) {
    if (opts.signal?.aborted === true) throw error;
    throw unpinUnreachable(error);
  }
  if (response.ok) return;
  const cause = { status: response.status, code: await serverErrorCode(response) };
  switch (response.status) {
    case 403:
      throw new UnpinForbiddenError({ cause });
    case 409:
      throw new UnpinUnclaimedError({ cause });
    case 502:
    case 503:
    case 504:
      throw unpinUnreachable(cause);
    default:
      throw new StorageError('The storage node did not delete the encrypted file.', { cause, code: ErrorCodes.unpin.failed });
  }
}

// Not StorageUnavailableError: its sentence is about uploads being kept in this browser.
function unpinUnreachable(cause: unknown): StorageError {
  return new StorageError('The storage node could not be reached, so the encrypted file was not deleted from it.', {
    cause,
    code: ErrorCodes.storage.unavailable,
  });
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
    case 409:
      return code === 'upload.claimed-by-another' ? new UploadClaimedError({ cause }) : new StorageError(undefined, { cause });
    case 410:
      return new CiphertextRemovedError({ cause });
    case 415:
      return code === 'upload.not-an-envelope' ? new NotAnEnvelopeError({ cause }) : new StorageError(undefined, { cause });
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
