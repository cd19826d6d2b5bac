import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { create } from 'kubo-rpc-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DELETE, GET } from '@/app/api/ipfs/[cid]/route';
import { POST } from '@/app/api/ipfs/route';
import { concatBytes } from '@/lib/crypto/bytes';
import { credentials, envelopeOf } from '@/lib/ipfs/fixtures/envelopes';
import { readPinClaim } from '@/lib/ipfs/server';
import { FileStorageLedger } from '@/lib/ipfs/storage-ledger';
import { startEmbeddedIpfs, type EmbeddedIpfs } from '@/scripts/lib/embedded-ipfs';

// A small limit keeps the over-limit cases fast; the route reads it from here.
const TEST_MAX_ENVELOPE_BYTES = 4_096;
vi.mock('@/lib/limits', () => ({ MAX_RECORD_BYTES: 1_024, MAX_ENVELOPE_BYTES: 4_096 }));

type ErrorBody = { error: { code: string; message: string } };

/** Every upload the app makes carries a removal claim; tests that need no particular one get a fresh one. */
function upload(body: BodyInit | null, headers: Record<string, string> = { 'Content-Type': 'application/octet-stream', 'X-Chartkey-Unpin-Claim': credentials().claim }): Request {
  return new Request('http://localhost/api/ipfs', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

function downloadRange(cid: string, range: string): Promise<Response> {
  return GET(new Request(`http://localhost/api/ipfs/${cid}`, { headers: { Range: range } }), { params: Promise.resolve({ cid }) });
}

function download(cid: string): Promise<Response> {
  return GET(new Request(`http://localhost/api/ipfs/${cid}`), { params: Promise.resolve({ cid }) });
}

function remove(cid: string, secret?: string): Promise<Response> {
  const headers: Record<string, string> = secret === undefined ? {} : { 'X-Chartkey-Unpin-Secret': secret };
  return DELETE(new Request(`http://localhost/api/ipfs/${cid}`, { method: 'DELETE', headers }), { params: Promise.resolve({ cid }) });
}

async function uploadClaimed(bytes: Uint8Array<ArrayBuffer>, claim: string): Promise<string> {
  const created = await POST(upload(bytes, { 'Content-Type': 'application/octet-stream', 'X-Chartkey-Unpin-Claim': claim }));
  expect(created.status).toBe(201);
  return ((await created.json()) as { cid: string }).cid;
}

/** A body without Content-Length, delivered in pieces of `chunkSize`, as a chunked upload arrives. */
function chunkedBody(bytes: Uint8Array, chunkSize: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.byteLength) controller.close();
      else controller.enqueue(bytes.slice(offset, (offset += chunkSize)));
    },
  });
}

function octetStream(claim: string): Record<string, string> {
  return { 'Content-Type': 'application/octet-stream', 'X-Chartkey-Unpin-Claim': claim };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('/api/ipfs routes against the embedded node', () => {
  let repoDir: string;
  let ledgerDir: string;
  let node: EmbeddedIpfs;

  beforeAll(async () => {
    repoDir = await mkdtemp(path.join(tmpdir(), 'chartkey-ipfs-route-test-'));
    ledgerDir = path.join(repoDir, 'ledger');
    node = await startEmbeddedIpfs({ port: 0, repoDir: path.join(repoDir, 'ipfs'), quiet: true });
  });

  afterAll(async () => {
    await node?.stop();
    if (repoDir !== undefined) await rm(repoDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    vi.stubEnv('IPFS_API_URL', node.apiUrl);
    vi.stubEnv('STORAGE_LEDGER_DIR', ledgerDir);
    // 5xx responses log a code; keep test output clean (and assert on it where it matters).
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('uploads ciphertext (201 { cid }) and downloads the same bytes, cacheable forever', async () => {
    const ciphertext = await envelopeOf(1_000);
    const created = await POST(upload(ciphertext));
    expect(created.status).toBe(201);
    const { cid } = (await created.json()) as { cid: string };
    expect(cid).toBe(CID.createV1(raw.code, await sha256.digest(ciphertext)).toString());

    const fetched = await download(cid);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('Content-Type')).toBe('application/octet-stream');
    // Never "public": a shared cache would go on serving a file after its patient removed it.
    expect(fetched.headers.get('Cache-Control')).toBe('private, max-age=31536000, immutable');
    expect(fetched.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(fetched.headers.get('Content-Length')).toBe(String(ciphertext.byteLength));
    expect(new Uint8Array(await fetched.arrayBuffer())).toEqual(ciphertext);
  });

  it('accepts a chunked upload without Content-Length within the limit, its header split across pieces', async () => {
    const envelope = await envelopeOf(1_000);
    const created = await POST(upload(chunkedBody(envelope, 10)));
    expect(created.status).toBe(201);
    const { cid } = (await created.json()) as { cid: string };
    expect((await (await download(cid)).arrayBuffer()).byteLength).toBe(envelope.byteLength);
  });

  it('serves a byte range (206) so metadata can be read without the body, with an exact Content-Range', async () => {
    const bytes = await envelopeOf(1_000);
    const size = bytes.byteLength;
    const { cid } = (await (await POST(upload(bytes))).json()) as { cid: string };
    const response = await downloadRange(cid, 'bytes=10-109');
    expect(response.status).toBe(206);
    expect(response.headers.get('Content-Range')).toBe(`bytes 10-109/${size}`);
    expect(response.headers.get('Content-Length')).toBe('100');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes.slice(10, 110));

    // Open-ended, and past the end: clamped to the last byte, never "/*".
    const tail = await downloadRange(cid, 'bytes=1000-');
    expect(tail.status).toBe(206);
    expect(tail.headers.get('Content-Range')).toBe(`bytes 1000-${size - 1}/${size}`);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(bytes.slice(1000));
    const clamped = await downloadRange(cid, `bytes=0-${size + 5_000}`);
    expect(clamped.status).toBe(206);
    expect(clamped.headers.get('Content-Range')).toBe(`bytes 0-${size - 1}/${size}`);
    expect(new Uint8Array(await clamped.arrayBuffer())).toEqual(bytes);
    const lastByte = await downloadRange(cid, `bytes=${size - 1}-${size - 1}`);
    expect(lastByte.headers.get('Content-Range')).toBe(`bytes ${size - 1}-${size - 1}/${size}`);
    expect(new Uint8Array(await lastByte.arrayBuffer())).toEqual(bytes.slice(size - 1));

    for (const range of ['bytes=9-1', `bytes=${size}-`, `bytes=${size + 10}-${size + 20}`]) {
      const refused = await downloadRange(cid, range);
      expect(refused.status, range).toBe(416);
      expect(refused.headers.get('Content-Range'), range).toBe(`bytes */${size}`);
    }
  });

  it('refuses a declared Content-Length over the limit with 413 before reading', async () => {
    const response = await POST(
      upload(new Uint8Array(10), { ...octetStream(credentials().claim), 'Content-Length': String(TEST_MAX_ENVELOPE_BYTES + 1) }),
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.code).toBe('storage.too-large');
  });

  it('counts a streamed body and refuses it with 413 once it passes the limit', async () => {
    // A valid envelope header, then more bytes than the limit allows.
    const oversized = concatBytes(await envelopeOf(1_000), new Uint8Array(TEST_MAX_ENVELOPE_BYTES));
    const response = await POST(upload(chunkedBody(oversized, 1_000)));
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.code).toBe('storage.too-large');
  });

  it('refuses an empty body (400) and a non-octet-stream body (415)', async () => {
    const empty = await POST(upload(new Uint8Array(0)));
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as ErrorBody).error.code).toBe('upload.empty');
    expect((await POST(upload(chunkedBody(new Uint8Array(0), 1)))).status).toBe(400);

    const form = await POST(upload('a=b', { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Chartkey-Unpin-Claim': credentials().claim }));
    expect(form.status).toBe(415);
  });

  it('refuses anything but a Chartkey envelope (415) before any byte reaches the node', async () => {
    const envelope = await envelopeOf(100);
    const withByte = (offset: number, value: number) => envelope.map((byte, i) => (i === offset ? value : byte));
    const withMetadataLength = (length: number) => envelope.map((byte, i) => (i === 23 ? length >> 8 : i === 24 ? length & 0xff : byte));
    const text = (content: string) => new TextEncoder().encode(content);
    const refused: Record<string, Uint8Array<ArrayBuffer>> = {
      'plain text': text('Ferritin 18 ng/mL. '.repeat(100)),
      html: text(`<!doctype html><html><body><script>alert(1)</script>${'<p>hi</p>'.repeat(100)}</body></html>`),
      pdf: text(`%PDF-1.7\n${'0'.repeat(2_000)}`),
      'wrong magic': withByte(0, 0x44),
      'version 2': withByte(4, 2),
      'an unknown flag bit': withByte(5, 0x02),
      'a 128 KiB chunk size': withByte(6, 17),
      'metadata length 16 (j = 0)': withMetadataLength(16),
      'metadata length 16 + 256·17': withMetadataLength(16 + 256 * 17),
      'metadata length 17 + 256': withMetadataLength(17 + 256),
      'only the header': envelope.slice(0, 57),
      'shorter than one body chunk': envelope.slice(0, 57 + 272 + 271),
      'ten bytes': envelope.slice(0, 10),
    };
    // The node is unreachable: a refusal that had contacted it would be a 503.
    vi.stubEnv('IPFS_API_URL', `http://127.0.0.1:${await closedPort()}`);
    for (const [what, bytes] of Object.entries(refused)) {
      const response = await POST(upload(bytes));
      expect(response.status, what).toBe(415);
      const body = (await response.json()) as ErrorBody;
      expect(body.error, what).toEqual({ code: 'upload.not-an-envelope', message: expect.stringMatching(/only accepts records encrypted by Chartkey/) });
      // Split into pieces too, as a chunked upload arrives.
      expect((await POST(upload(chunkedBody(bytes, 7)))).status, `${what} (chunked)`).toBe(415);
    }
    // The smallest envelope its header allows is accepted (here: reaches the node, which is down).
    expect((await POST(upload(envelope.slice(0, 57 + 272 + 272)))).status).toBe(503);
  });

  it('answers 400 for an invalid CID and 404 for content the node does not have', async () => {
    const invalid = await download('not-a-cid');
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as ErrorBody).error).toEqual({ code: 'storage.invalid-cid', message: expect.any(String) });

    const unknown = CID.createV1(raw.code, await sha256.digest(new TextEncoder().encode('never uploaded'))).toString();
    const missing = await download(unknown);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('Cache-Control')).toBe('no-store');
    const body = (await missing.json()) as ErrorBody;
    expect(body.error.code).toBe('storage.not-found');
    expect(body.error.message).not.toContain(unknown);
  });

  it('pins an upload under its removal claim, and refuses a missing or malformed claim with 400', async () => {
    const { claim } = credentials();
    const envelope = await envelopeOf(300);
    const cid = await uploadClaimed(envelope, claim);
    expect(await readPinClaim(cid)).toEqual({ pinned: true, claim });

    for (const bad of [claim.toUpperCase(), claim.slice(2), `${claim}00`, 'yes', '']) {
      const refused = await POST(upload(await envelopeOf(10), octetStream(bad)));
      expect(refused.status, bad).toBe(400);
      expect(((await refused.json()) as ErrorBody).error.code).toBe('upload.bad-claim');
    }
    const unclaimed = await envelopeOf(10);
    const missing = await POST(upload(unclaimed, { 'Content-Type': 'application/octet-stream' }));
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as ErrorBody).error).toEqual({ code: 'upload.claim-missing', message: expect.stringMatching(/no removal claim/) });
    expect(await readPinClaim(CID.createV1(raw.code, await sha256.digest(unclaimed)).toString())).toEqual({ pinned: false });
  });

  it('answers a retry with the same claim 201, and the same bytes under another claim 409, keeping the first claim', async () => {
    const owner = credentials();
    const envelope = await envelopeOf(400);
    const cid = await uploadClaimed(envelope, owner.claim);
    expect(await uploadClaimed(envelope, owner.claim)).toBe(cid);
    const other = await POST(upload(envelope, octetStream(credentials().claim)));
    expect(other.status).toBe(409);
    expect(((await other.json()) as ErrorBody).error).toEqual({ code: 'upload.claimed-by-another', message: expect.stringMatching(/already stored by someone else/) });
    expect(await readPinClaim(cid)).toEqual({ pinned: true, claim: owner.claim });
  });

  it('never lets two simultaneous uploads of the same bytes both win: one 201, one 409, the winner’s claim kept (50 rounds)', async () => {
    for (let round = 0; round < 50; round += 1) {
      const envelope = await envelopeOf(round);
      const [first, second] = [credentials(), credentials()];
      const responses = await Promise.all([POST(upload(envelope, octetStream(first.claim))), POST(upload(envelope, octetStream(second.claim)))]);
      const statuses = responses.map((response) => response.status);
      expect([...statuses].sort(), `round ${round}`).toEqual([201, 409]);
      const winner = statuses[0] === 201 ? first : second;
      const cid = CID.createV1(raw.code, await sha256.digest(envelope)).toString();
      expect(await readPinClaim(cid), `round ${round}`).toEqual({ pinned: true, claim: winner.claim });
    }
  });

  it('DELETE with the right secret unpins (204); the file is then gone for good (410), and a second DELETE is 204 too', async () => {
    const owner = credentials();
    const envelope = await envelopeOf(700);
    const cid = await uploadClaimed(envelope, owner.claim);
    expect((await download(cid)).status).toBe(200);

    const removed = await remove(cid, owner.secret);
    expect(removed.status).toBe(204);
    expect(removed.headers.get('Cache-Control')).toBe('no-store');
    expect(await readPinClaim(cid)).toEqual({ pinned: false });
    // The blocks are still on the node's disk until garbage collection; the route does not serve them.
    const gone = await download(cid);
    expect(gone.status).toBe(410);
    expect(gone.headers.get('Cache-Control')).toBe('no-store');
    const body = (await gone.json()) as ErrorBody;
    expect(body.error).toEqual({ code: 'storage.removed', message: expect.stringMatching(/removed from storage by its owner/) });
    expect(body.error.message).not.toContain(cid);
    expect((await downloadRange(cid, 'bytes=0-99')).status).toBe(410);

    expect((await remove(cid, owner.secret)).status).toBe(204);
  });

  it('never stores removed bytes again, whoever uploads them and with whatever claim (410), and remembers across restarts', async () => {
    const owner = credentials();
    const envelope = await envelopeOf(800);
    const cid = await uploadClaimed(envelope, owner.claim);
    expect((await remove(cid, owner.secret)).status).toBe(204);

    for (const claim of [owner.claim, credentials().claim]) {
      const again = await POST(upload(envelope, octetStream(claim)));
      expect(again.status).toBe(410);
      expect(((await again.json()) as ErrorBody).error.code).toBe('storage.removed');
      expect(await readPinClaim(cid)).toEqual({ pinned: false });
    }
    // A fresh ledger over the same directory (a restarted server) still knows.
    expect(await new FileStorageLedger(ledgerDir).isRemoved(cid)).toBe(true);
    expect(await new FileStorageLedger(ledgerDir).isRemoved(CID.createV1(raw.code, await sha256.digest(await envelopeOf(1))).toString())).toBe(false);
  });

  it('DELETE of something never stored is 204: there is nothing left to remove', async () => {
    const unknown = CID.createV1(raw.code, await sha256.digest(new TextEncoder().encode('never stored'))).toString();
    expect((await remove(unknown, credentials().secret)).status).toBe(204);
  });

  it('DELETE with a wrong secret is 403 and keeps the file', async () => {
    const owner = credentials();
    const cid = await uploadClaimed(await envelopeOf(600), owner.claim);
    const refused = await remove(cid, credentials().secret);
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error).toEqual({ code: 'unpin.forbidden', message: expect.stringMatching(/could not confirm/) });
    expect(body.error.message).not.toContain(cid);
    // Knowing the claim (the pin's public name) is no help.
    expect((await remove(cid, owner.claim)).status).toBe(403);
    expect((await download(cid)).status).toBe(200);
  });

  it('DELETE of a file stored without a claim (before claims existed) is 409 and keeps it', async () => {
    // The route no longer stores such files; pin one directly, as an old build of the route did.
    const added = await create({ url: node.apiUrl }).add(await envelopeOf(500), { cidVersion: 1, rawLeaves: true, pin: true });
    const cid = added.cid.toString();
    const refused = await remove(cid, credentials().secret);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as ErrorBody).error).toEqual({ code: 'unpin.unclaimed', message: expect.stringMatching(/stored before removal from storage was possible/) });
    expect((await download(cid)).status).toBe(200);
  });

  it('DELETE answers 400 for a malformed CID or a missing or malformed secret, before touching storage', async () => {
    const owner = credentials();
    const invalid = await remove('not-a-cid', owner.secret);
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as ErrorBody).error.code).toBe('storage.invalid-cid');

    const cid = await uploadClaimed(await envelopeOf(200), owner.claim);
    for (const secret of [undefined, '', owner.secret.toUpperCase(), owner.secret.slice(1), `0x${owner.secret}`]) {
      const refused = await remove(cid, secret);
      expect(refused.status, String(secret)).toBe(400);
      expect(((await refused.json()) as ErrorBody).error.code).toBe('unpin.bad-secret');
    }
    expect((await readPinClaim(cid)).pinned).toBe(true);
  });

  it('answers 503 when the storage node is down, logging only an error code', async () => {
    vi.stubEnv('IPFS_API_URL', `http://127.0.0.1:${await closedPort()}`);
    const errorLog = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    const uploadResponse = await POST(upload(await envelopeOf(3)));
    expect(uploadResponse.status).toBe(503);
    expect(((await uploadResponse.json()) as ErrorBody).error.code).toBe('storage.unavailable');

    const cid = CID.createV1(raw.code, await sha256.digest(new Uint8Array([1, 2, 3]))).toString();
    const downloadResponse = await download(cid);
    expect(downloadResponse.status).toBe(503);

    const removeResponse = await remove(cid, credentials().secret);
    expect(removeResponse.status).toBe(503);
    expect(((await removeResponse.json()) as ErrorBody).error.code).toBe('storage.unavailable');

    expect(errorLog.mock.calls.map((call) => call.join(' '))).toEqual([
      '[api/ipfs] storage.unavailable',
      '[api/ipfs/[cid]] storage.unavailable',
      '[api/ipfs/[cid]] storage.unavailable',
    ]);
  });
});
