import { InvalidCidError } from '@/lib/ipfs/errors';
import { errorResponse, storageErrorResponse } from '@/lib/ipfs/route-responses';
import { parseRangeHeader } from '@/lib/ipfs/range';
import { lookUpCiphertext, parseCid, readCiphertext, unpinWithSecret } from '@/lib/ipfs/server';
import { UNPIN_SECRET_HEADER, isUnpinHex } from '@/lib/ipfs/unpin-claim';

/** Downloads of encrypted records by CID, streamed from the storage node, and their removal. */
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const ROUTE = 'api/ipfs/[cid]';

type Params = { params: Promise<{ cid: string }> };

/**
 * GET /api/ipfs/<cid>: the ciphertext bytes, streamed; with `Range: bytes=a-b` (or `a-`) only
 * those, as 206 with `Content-Range: bytes a-b/<size>` (b clamped to the last byte). 400 invalid
 * CID, 404 not pinned (never stored), 410 removed by its owner (final), 416 a range that starts past
 * the end or is malformed (its Content-Range gives the size), 503 node unreachable, 502 node
 * error. A CID's bytes never change, so the reader's browser may keep them (`private`).
 */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  const cid = await cidFrom(params);
  if (cid instanceof Response) return cid;

  // Only what is pinned and not removed is served. Unpinned blocks stay on the node's disk until
  // its garbage collection runs (Kubo runs none by default), and serving them would let an old
  // locator, e.g. a revoked clinician's from before a re-key, keep working after its owner removed
  // the file. The size comes with the lookup, so every range can be answered exactly.
  let size: number;
  try {
    ({ size } = await lookUpCiphertext(cid, { signal: request.signal }));
  } catch (error) {
    return storageErrorResponse(error, ROUTE);
  }

  // A single `Range: bytes=a-b` lets the browser read a record's header and encrypted metadata
  // without downloading the whole file.
  const requested = parseRangeHeader(request.headers.get('Range'));
  if (requested === 'invalid' || (requested !== null && requested.offset >= size)) {
    return new Response(null, {
      status: 416,
      headers: { 'Content-Range': `bytes */${size}`, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
    });
  }
  const range =
    requested === null
      ? undefined
      : { offset: requested.offset, length: Math.min(requested.offset + (requested.length ?? size), size) - requested.offset };
  const chunks = readCiphertext(cid, { signal: request.signal, range });
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

  const rangeHeaders: Record<string, string> =
    range === undefined ? {} : { 'Content-Range': `bytes ${range.offset}-${range.offset + range.length - 1}/${size}` };
  return new Response(body, {
    status: range === undefined ? 200 : 206,
    headers: {
      ...rangeHeaders,
      'Content-Length': String(range === undefined ? size : range.length),
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
 * can derive it), and remembers the CID as removed for good (never served or stored again). 204
 * unpinned or already not pinned, 400 invalid CID or secret, 403 wrong secret, 409 stored without
 * a claim, 503 node unreachable, 502 node error.
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
