import { concatBytes } from '@/lib/crypto/bytes';
import { ENVELOPE_CHECK_BYTES, minimumEnvelopeLength } from '@/lib/ipfs/envelope-check';
import { NotAnEnvelopeError, UploadTooLargeError } from '@/lib/ipfs/errors';
import { errorResponse, storageErrorResponse } from '@/lib/ipfs/route-responses';
import { pinCiphertext } from '@/lib/ipfs/server';
import { UNPIN_CLAIM_HEADER, isUnpinHex } from '@/lib/ipfs/unpin-claim';
import { MAX_ENVELOPE_BYTES } from '@/lib/limits';

/** Uploads of encrypted records: the body is a Chartkey envelope, pinned as-is on the storage node. */
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const ROUTE = 'api/ipfs';

/**
 * POST /api/ipfs with an `application/octet-stream` body of at most MAX_ENVELOPE_BYTES that is a
 * Chartkey envelope (docs/envelope-v1.md §3.1: its header, and at least the smallest envelope that
 * header allows), and `X-Chartkey-Unpin-Claim: <64 lowercase hex>`, so that whoever holds the
 * matching secret can remove the file (DELETE /api/ipfs/<cid>).
 *
 * 201 `{ cid }` once pinned, also for a retry of the same bytes with the same claim. 400 empty,
 * interrupted, or a missing or malformed claim or length; 409 the same bytes are stored under
 * another claim; 410 the same bytes were removed by their owner (removal is final); 413 too large;
 * 415 wrong content type, or not an envelope; 503 storage node unreachable, 502 storage node error.
 */
export async function POST(request: Request): Promise<Response> {
  // Requiring this type also means a plain cross-site HTML form cannot post here: browsers only
  // send it after a CORS preflight, which this route does not grant.
  const contentType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/octet-stream') {
    return errorResponse(415, 'upload.unsupported-type', 'Uploads must be sent as application/octet-stream.');
  }

  // Without a claim nobody could ever remove the file, so there is no such thing as an unclaimed upload.
  const unpinClaim = request.headers.get(UNPIN_CLAIM_HEADER);
  if (unpinClaim === null) {
    return errorResponse(400, 'upload.claim-missing', 'The upload has no removal claim, so it could never be removed. Please update the app and try again.');
  }
  if (!isUnpinHex(unpinClaim)) {
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

  // Buffer the envelope's header, then up to the smallest envelope it allows (at most a few KiB),
  // before contacting the node: anything else never reaches it.
  const reader = request.body.getReader();
  const refuse = async (response: Response) => {
    await reader.cancel().catch(() => undefined);
    return response;
  };
  const buffered: Uint8Array[] = [];
  let receivedBytes = 0;
  let neededBytes = ENVELOPE_CHECK_BYTES;
  let headerChecked = false;
  try {
    while (receivedBytes < neededBytes) {
      const { done, value } = await reader.read();
      if (done) return receivedBytes === 0 ? empty() : notAnEnvelope();
      if (value.byteLength === 0) continue;
      buffered.push(value);
      receivedBytes += value.byteLength;
      if (receivedBytes > MAX_ENVELOPE_BYTES) return await refuse(tooLarge());
      if (!headerChecked && receivedBytes >= ENVELOPE_CHECK_BYTES) {
        const minimum = minimumEnvelopeLength(concatBytes(...buffered).subarray(0, ENVELOPE_CHECK_BYTES));
        if (minimum === null) return await refuse(notAnEnvelope());
        neededBytes = minimum;
        headerChecked = true;
      }
    }
  } catch {
    return errorResponse(400, 'upload.interrupted', 'The upload was interrupted before it finished. Please try again.');
  }

  // Count while streaming too: Content-Length may be absent (chunked uploads) or untrue.
  let exceededLimit = false;
  async function* limitedBody(initial: Uint8Array): AsyncGenerator<Uint8Array> {
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
    const { cid } = await pinCiphertext(limitedBody(concatBytes(...buffered)), { signal: request.signal, unpinClaim });
    return Response.json({ cid }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    // kubo-rpc-client swallows errors from the body stream and aborts its request instead, so
    // the reason for stopping is remembered here rather than read from the error.
    if (exceededLimit) return tooLarge();
    return storageErrorResponse(error, ROUTE);
  }
}

function notAnEnvelope(): Response {
  return storageErrorResponse(new NotAnEnvelopeError(), ROUTE);
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
