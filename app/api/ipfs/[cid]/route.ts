import { InvalidCidError } from '@/lib/ipfs/errors';
import { storageErrorResponse } from '@/lib/ipfs/route-responses';
import { parseRangeHeader } from '@/lib/ipfs/range';
import { parseCid, readCiphertext } from '@/lib/ipfs/server';

/** Downloads of encrypted records by CID, streamed from the storage node. */
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const ROUTE = 'api/ipfs/[cid]';

/**
 * GET /api/ipfs/<cid>: the ciphertext bytes, streamed. 400 invalid CID, 404 not on the node,
 * 503 node unreachable, 502 node error. The content never changes for a CID, so success is
 * cacheable forever; it is ciphertext, so shared caches may keep it too.
 */
export async function GET(request: Request, { params }: { params: Promise<{ cid: string }> }): Promise<Response> {
  const { cid: rawCid } = await params;
  let cid: string;
  try {
    cid = parseCid(rawCid);
  } catch (error) {
    return storageErrorResponse(error instanceof InvalidCidError ? error : new InvalidCidError({ cause: error }), ROUTE);
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
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: `"${cid}"`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

