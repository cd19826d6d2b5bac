import { CiphertextNotFoundError, InvalidCidError } from '@/lib/ipfs/errors';
import { errorResponse, storageErrorResponse } from '@/lib/ipfs/route-responses';
import { parseRangeHeader } from '@/lib/ipfs/range';
import { parseCid, readCiphertext, readPinClaim, unpinWithSecret } from '@/lib/ipfs/server';
import { UNPIN_SECRET_HEADER, isUnpinHex } from '@/lib/ipfs/unpin-claim';

/** Downloads of encrypted records by CID, streamed from the storage node, and their removal. */
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const ROUTE = 'api/ipfs/[cid]';

type Params = { params: Promise<{ cid: string }> };

/**
 * GET /api/ipfs/<cid>: the ciphertext bytes, streamed. 400 invalid CID, 404 not pinned (never
 * stored, or removed), 503 node unreachable, 502 node error. The content never changes for a CID,
 * so success is cacheable forever; it is ciphertext, so shared caches may keep it too.
 */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  const cid = await cidFrom(params);
  if (cid instanceof Response) return cid;

  // Only what is pinned is served. Unpinned blocks stay on the node's disk until its garbage
  // collection runs (Kubo runs none by default), and serving them would let an old locator, e.g.
  // a revoked clinician's from before a re-key, keep working after its owner removed the file.
  try {
    const pin = await readPinClaim(cid, { signal: request.signal });
    if (!pin.pinned) return storageErrorResponse(new CiphertextNotFoundError(), ROUTE);
  } catch (error) {
    return storageErrorResponse(error, ROUTE);
  }

  // A single `Range: bytes=a-b` lets the browser read a record's header and encrypted metadata
  // without downloading the whole file.
  const range = parseRangeHeader(request.headers.get('Range'));
  if (range === 'invalid') {
    return new Response(null, { status: 416, headers: { 'Content-Range': 'bytes */*' } });
  }
  const chunks = readCiphertext(cid, { signal: request.signal, range: range ?? undefined });
  // Wait for the first bytes (or the failure) before answering, so a missing record is a 404
  // rather than a 200 that breaks off.
  let first: IteratorResult<Uint8Array, void>;
  try {
    first = await chunks.next();
  } catch (error) {
    return storageErrorResponse(error, ROUTE);
  }

  let pending: IteratorResult<Uint8Array, void> | undefined = first;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = pending ?? (await chunks.next());
        pending = undefined;
        if (next.done === true) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        // Headers are already sent; failing the stream cuts the response short, which the
        // browser reports as a failed download rather than a silently truncated file.
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });

  const rangeHeaders: Record<string, string> = range
    ? { 'Content-Range': `bytes ${range.offset}-${range.length === undefined ? '' : range.offset + range.length - 1}/*` }
    : {};
  return new Response(body, {
    status: range ? 206 : 200,
    headers: {
      ...rangeHeaders,
      'Accept-Ranges': 'bytes',
      'Content-Type': 'application/octet-stream',
      // A CID's bytes never change, so the reader's browser may keep them; shared caches may not,
      // so that a removed record's ciphertext stops being served everywhere once it is unpinned.
      'Cache-Control': 'private, max-age=31536000, immutable',
      ETag: `"${cid}"`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}


/**
 * DELETE /api/ipfs/<cid> with `X-Chartkey-Unpin-Secret: <64 lowercase hex>`: unpins the file if
 * SHA-256 of the secret is the claim it was uploaded with (lib/crypto/unpin.ts; only the patient
 * can derive it). 204 unpinned or already not pinned, 400 invalid CID or secret, 403 wrong secret,
 * 409 stored without a claim, 503 node unreachable, 502 node error.
 *
 * The secret is a header, never part of the URL, which logs and proxies keep. Like the custom
 * header on POST, DELETE and this header make browsers send a CORS preflight, which this route
 * never grants, so no other site can make a visitor's browser send a removal here.
 */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const cid = await cidFrom(params);
  if (cid instanceof Response) return cid;
  const secret = request.headers.get(UNPIN_SECRET_HEADER);
  if (!isUnpinHex(secret)) {
    return errorResponse(400, 'unpin.bad-secret', 'The removal proof is missing or not valid: it must be 64 lowercase hexadecimal characters.');
  }
  try {
    await unpinWithSecret(cid, secret, { signal: request.signal });
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return storageErrorResponse(error, ROUTE);
  }
}

async function cidFrom(params: Params['params']): Promise<string | Response> {
  const { cid } = await params;
  try {
    return parseCid(cid);
  } catch (error) {
    return storageErrorResponse(error instanceof InvalidCidError ? error : new InvalidCidError({ cause: error }), ROUTE);
  }
}
