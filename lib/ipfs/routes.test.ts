import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/api/ipfs/[cid]/route';
import { POST } from '@/app/api/ipfs/route';
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
    expect(fetched.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
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

  it('answers 503 when the storage node is down, logging only an error code', async () => {
    vi.stubEnv('IPFS_API_URL', `http://127.0.0.1:${await closedPort()}`);
    const errorLog = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    const uploadResponse = await POST(upload(new Uint8Array([1, 2, 3])));
    expect(uploadResponse.status).toBe(503);
    expect(((await uploadResponse.json()) as ErrorBody).error.code).toBe('storage.unavailable');

    const cid = CID.createV1(raw.code, await sha256.digest(new Uint8Array([1, 2, 3]))).toString();
    const downloadResponse = await download(cid);
    expect(downloadResponse.status).toBe(503);

    expect(errorLog.mock.calls.map((call) => call.join(' '))).toEqual(['[api/ipfs] storage.unavailable', '[api/ipfs/[cid]] storage.unavailable']);
  });
});
