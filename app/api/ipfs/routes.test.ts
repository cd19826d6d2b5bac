import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import nacl from 'tweetnacl';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DELETE, GET } from '@/app/api/ipfs/[cid]/route';
import { POST } from '@/app/api/ipfs/route';
import { deriveUnpinCredentials, type UnpinCredentials } from '@/lib/crypto';
import { readPinClaim } from '@/lib/ipfs/server';
import { startEmbeddedIpfs, type EmbeddedIpfs } from '@/scripts/lib/embedded-ipfs';

// A small limit keeps the over-limit cases fast; the route reads it from here.
const TEST_MAX_ENVELOPE_BYTES = 4_096;
vi.mock('@/lib/limits', () => ({ MAX_RECORD_BYTES: 1_024, MAX_ENVELOPE_BYTES: 4_096 }));

type ErrorBody = { error: { code: string; message: string } };

function upload(body: BodyInit | null, headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' }): Request {
  return new Request('http://localhost/api/ipfs', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

function download(cid: string): Promise<Response> {
  return GET(new Request(`http://localhost/api/ipfs/${cid}`), { params: Promise.resolve({ cid }) });
}

function remove(cid: string, secret?: string): Promise<Response> {
  const headers: Record<string, string> = secret === undefined ? {} : { 'X-Chartkey-Unpin-Secret': secret };
  return DELETE(new Request(`http://localhost/api/ipfs/${cid}`, { method: 'DELETE', headers }), { params: Promise.resolve({ cid }) });
}

function credentials(): UnpinCredentials {
  return deriveUnpinCredentials(nacl.box.keyPair().secretKey, nacl.randomBytes(32));
}

async function uploadClaimed(bytes: Uint8Array<ArrayBuffer>, claim: string): Promise<string> {
  const created = await POST(upload(bytes, { 'Content-Type': 'application/octet-stream', 'X-Chartkey-Unpin-Claim': claim }));
  expect(created.status).toBe(201);
  return ((await created.json()) as { cid: string }).cid;
}

/** A body without Content-Length, delivered in pieces, as a chunked upload arrives. */
function chunkedBody(chunkCount: number, chunkSize: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent === chunkCount) controller.close();
      else controller.enqueue(new Uint8Array(chunkSize).fill(sent++));
    },
  });
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
  let node: EmbeddedIpfs;

  beforeAll(async () => {
    repoDir = await mkdtemp(path.join(tmpdir(), 'chartkey-ipfs-route-test-'));
    node = await startEmbeddedIpfs({ port: 0, repoDir, quiet: true });
  });

  afterAll(async () => {
    await node?.stop();
    if (repoDir !== undefined) await rm(repoDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    vi.stubEnv('IPFS_API_URL', node.apiUrl);
    // 5xx responses log a code; keep test output clean (and assert on it where it matters).
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('uploads ciphertext (201 { cid }) and downloads the same bytes, cacheable forever', async () => {
    const ciphertext = new Uint8Array(3_000).map((_, i) => (i * 7) & 0xff);
    const created = await POST(upload(ciphertext));
    expect(created.status).toBe(201);
    const { cid } = (await created.json()) as { cid: string };
    expect(cid).toBe(CID.createV1(raw.code, await sha256.digest(ciphertext)).toString());

    const fetched = await download(cid);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('Content-Type')).toBe('application/octet-stream');
    // Never "public": a shared cache would go on serving a file after its patient removed it.
    expect(fetched.headers.get('Cache-Control')).toBe('private, max-age=31536000, immutable');
    expect(new Uint8Array(await fetched.arrayBuffer())).toEqual(ciphertext);
  });

  it('accepts a chunked upload without Content-Length within the limit', async () => {
    const created = await POST(upload(chunkedBody(3, 1_000)));
    expect(created.status).toBe(201);
    const { cid } = (await created.json()) as { cid: string };
    expect((await (await download(cid)).arrayBuffer()).byteLength).toBe(3_000);
  });

  it('serves a byte range (206) so metadata can be read without the body', async () => {
    const bytes = new Uint8Array(3_000).map((_, i) => i % 251);
    const { cid } = (await (await POST(upload(bytes))).json()) as { cid: string };
    const response = await GET(new Request(`http://localhost/api/ipfs/${cid}`, { headers: { Range: 'bytes=10-109' } }), {
      params: Promise.resolve({ cid }),
    });
    expect(response.status).toBe(206);
    expect(response.headers.get('Content-Range')).toBe('bytes 10-109/*');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes.slice(10, 110));
    const invalid = await GET(new Request(`http://localhost/api/ipfs/${cid}`, { headers: { Range: 'bytes=9-1' } }), {
      params: Promise.resolve({ cid }),
    });
    expect(invalid.status).toBe(416);
  });

  it('refuses a declared Content-Length over the limit with 413 before reading', async () => {
    const response = await POST(
      upload(new Uint8Array(10), { 'Content-Type': 'application/octet-stream', 'Content-Length': String(TEST_MAX_ENVELOPE_BYTES + 1) }),
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.code).toBe('storage.too-large');
  });

  it('counts a streamed body and refuses it with 413 once it passes the limit', async () => {
    const response = await POST(upload(chunkedBody(10, 1_000)));
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.code).toBe('storage.too-large');
  });

  it('refuses an empty body (400) and a non-octet-stream body (415)', async () => {
    const empty = await POST(upload(new Uint8Array(0)));
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as ErrorBody).error.code).toBe('upload.empty');
    expect((await POST(upload(chunkedBody(0, 0)))).status).toBe(400);

    const form = await POST(upload('a=b', { 'Content-Type': 'application/x-www-form-urlencoded' }));
    expect(form.status).toBe(415);
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

  it('pins an upload under its removal claim, and refuses a malformed claim with 400', async () => {
    const { claim } = credentials();
    const cid = await uploadClaimed(new Uint8Array(500).fill(3), claim);
    expect(await readPinClaim(cid)).toEqual({ pinned: true, claim });

    for (const bad of [claim.toUpperCase(), claim.slice(2), `${claim}00`, 'yes']) {
      const refused = await POST(upload(new Uint8Array(10), { 'Content-Type': 'application/octet-stream', 'X-Chartkey-Unpin-Claim': bad }));
      expect(refused.status, bad).toBe(400);
      expect(((await refused.json()) as ErrorBody).error.code).toBe('upload.bad-claim');
    }
  });

  it('DELETE with the right secret unpins (204); the file is then no longer served, and a second DELETE is 204 too', async () => {
    const owner = credentials();
    const cid = await uploadClaimed(new Uint8Array(2_000).fill(4), owner.claim);
    expect((await download(cid)).status).toBe(200);

    const removed = await remove(cid, owner.secret);
    expect(removed.status).toBe(204);
    expect(removed.headers.get('Cache-Control')).toBe('no-store');
    expect(await readPinClaim(cid)).toEqual({ pinned: false });
    // The blocks are still on the node's disk until garbage collection; the route does not serve them.
    const gone = await download(cid);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as ErrorBody).error.code).toBe('storage.not-found');

    expect((await remove(cid, owner.secret)).status).toBe(204);
  });

  it('DELETE of something never stored is 204: there is nothing left to remove', async () => {
    const unknown = CID.createV1(raw.code, await sha256.digest(new TextEncoder().encode('never stored'))).toString();
    expect((await remove(unknown, credentials().secret)).status).toBe(204);
  });

  it('DELETE with a wrong secret is 403 and keeps the file', async () => {
    const owner = credentials();
    const cid = await uploadClaimed(new Uint8Array(2_000).fill(5), owner.claim);
    const refused = await remove(cid, credentials().secret);
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error).toEqual({ code: 'unpin.forbidden', message: expect.stringMatching(/could not confirm/) });
    expect(body.error.message).not.toContain(cid);
    // Knowing the claim (the pin's public name) is no help.
    expect((await remove(cid, owner.claim)).status).toBe(403);
    expect((await download(cid)).status).toBe(200);
  });

  it('DELETE of a file stored without a claim is 409 and keeps it', async () => {
    const created = await POST(upload(new Uint8Array(2_000).fill(6)));
    const { cid } = (await created.json()) as { cid: string };
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

    const cid = await uploadClaimed(new Uint8Array(700).fill(7), owner.claim);
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

    const uploadResponse = await POST(upload(new Uint8Array([1, 2, 3])));
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
