import { UploadTooLargeError } from '@/lib/ipfs/errors';
import { errorResponse, storageErrorResponse } from '@/lib/ipfs/route-responses';
import { pinCiphertext } from '@/lib/ipfs/server';
import { UNPIN_CLAIM_HEADER, isUnpinHex } from '@/lib/ipfs/unpin-claim';
import { MAX_ENVELOPE_BYTES } from '@/lib/limits';

/** Uploads of encrypted records: the body is ciphertext, pinned as-is on the storage node. */
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const ROUTE = 'api/ipfs';

/**
 * POST /api/ipfs with an `application/octet-stream` body of at most MAX_ENVELOPE_BYTES and, optionally,
 * `X-Chartkey-Unpin-Claim: <64 lowercase hex>` (the file can then be removed by whoever holds the
 * matching secret, see DELETE /api/ipfs/<cid>). 201 `{ cid }` once pinned; 400 empty or malformed
 * (body or claim), 413 too large, 415 wrong content type, 503 storage node unreachable, 502 storage
 * node error.
 */
export async function POST(request: Request): Promise<Response> {
  // Requiring this type also means a plain cross-site HTML form cannot post here: browsers only
  // send it after a CORS preflight, which this route does not grant.
  const contentType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/octet-stream') {
    return errorResponse(415, 'upload.unsupported-type', 'Uploads must be sent as application/octet-stream.');
  }

  const unpinClaim = request.headers.get(UNPIN_CLAIM_HEADER) ?? undefined;
  if (unpinClaim !== undefined && !isUnpinHex(unpinClaim)) {
    return errorResponse(400, 'upload.bad-claim', 'The upload’s removal claim is not valid: it must be 64 lowercase hexadecimal characters.');
  }

  const declaredLength = request.headers.get('content-length');
  if (declaredLength !== null) {
    const length = Number(declaredLength);
    if (!Number.isSafeInteger(length) || length < 0) return errorResponse(400, 'upload.bad-length', 'The upload’s Content-Length is not valid.');
    if (length > MAX_ENVELOPE_BYTES) return tooLarge();
    if (length === 0) return empty();
  }
  if (request.body === null) return empty();

  // Read up to the first bytes before contacting the node, so an empty body never gets pinned.
  const reader = request.body.getReader();
  let first: Uint8Array | undefined;
  try {
    while (first === undefined) {
      const { done, value } = await reader.read();
      if (done) return empty();
      if (value.byteLength > 0) first = value;
    }
  } catch {
    return errorResponse(400, 'upload.interrupted', 'The upload was interrupted before it finished. Please try again.');
  }

  // Count while streaming too: Content-Length may be absent (chunked uploads) or untrue.
  let receivedBytes = first.byteLength;
  let exceededLimit = false;
  async function* limitedBody(initial: Uint8Array): AsyncGenerator<Uint8Array> {
    if (receivedBytes > MAX_ENVELOPE_BYTES) {
      exceededLimit = true;
      throw new UploadTooLargeError();
    }
    yield initial;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      receivedBytes += value.byteLength;
      if (receivedBytes > MAX_ENVELOPE_BYTES) {
        exceededLimit = true;
        await reader.cancel().catch(() => undefined);
        throw new UploadTooLargeError();
      }
      yield value;
    }
  }

  try {
    const { cid } = await pinCiphertext(limitedBody(first), { signal: request.signal, unpinClaim });
    return Response.json({ cid }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    // kubo-rpc-client swallows errors from the body stream and aborts its request instead, so
    // the reason for stopping is remembered here rather than read from the error.
    if (exceededLimit) return tooLarge();
    return storageErrorResponse(error, ROUTE);
  }
}

function tooLarge(): Response {
  return errorResponse(
    413,
    new UploadTooLargeError().code,
    `The upload is larger than the ${Math.floor(MAX_ENVELOPE_BYTES / (1024 * 1024))} MiB the storage service accepts.`,
  );
}

function empty(): Response {
  return errorResponse(400, 'upload.empty', 'The upload was empty. Choose a file and try again.');
}
