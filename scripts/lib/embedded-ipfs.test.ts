import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemoryBlockstore } from 'blockstore-core/memory';
import { importer } from 'ipfs-unixfs-importer';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import { create, type KuboRPCClient } from 'kubo-rpc-client';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedIpfs, type EmbeddedIpfs } from './embedded-ipfs';

const HELLO_WORLD = new TextEncoder().encode('hello world\n');
/** `echo "hello world" | ipfs add` on any Kubo node. */
const KUBO_HELLO_WORLD_CID_V0 = 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o';

/** Deterministic, incompressible-looking bytes (xorshift32), so tests are repeatable. */
function pseudoRandomBytes(length: number, seed = 0x9e3779b9): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i += 1) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

async function* inChunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += size) yield bytes.subarray(offset, offset + size);
}

/** `Array.fromAsync` arrived in Node 22; the project supports Node 20. */
async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

async function readAll(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(Buffer.concat(await collect(source)));
}

/**
 * The CID Kubo would give, computed without the node: ipfs-unixfs-importer's own Kubo profile
 * (IPIP-499 "unixfs-v0-2015": CIDv0, no raw leaves, 256 KiB chunks, 174 links per node).
 */
async function kuboProfileCid(bytes: Uint8Array, chunkSize?: number): Promise<string> {
  const entries = await collect(
    importer([{ content: bytes }], new MemoryBlockstore(), {
      profile: 'unixfs-v0-2015',
      ...(chunkSize !== undefined ? { chunker: fixedSize({ chunkSize }) } : {}),
    }),
  );
  const root = entries.at(-1);
  if (root === undefined) throw new Error('importer produced nothing');
  return root.cid.toString();
}

async function pinnedCids(client: KuboRPCClient): Promise<string[]> {
  return (await collect(client.pin.ls())).map((pin) => pin.cid.toString());
}

describe('embedded IPFS node (Helia behind the Kubo RPC API)', () => {
  let repoDir: string;
  let node: EmbeddedIpfs;
  let client: KuboRPCClient;

  beforeAll(async () => {
    repoDir = await mkdtemp(path.join(tmpdir(), 'chartkey-ipfs-test-'));
    node = await startEmbeddedIpfs({ port: 0, repoDir, quiet: true });
    client = create({ url: node.apiUrl });
  });

  afterAll(async () => {
    await node?.stop();
    if (repoDir !== undefined) await rm(repoDir, { recursive: true, force: true });
  });

  it('adds and cats back through kubo-rpc-client, with the CID and size Kubo reports', async () => {
    const added = await client.add(HELLO_WORLD);
    expect(added.cid.toString()).toBe(KUBO_HELLO_WORLD_CID_V0);
    expect(added.size).toBe(20); // Kubo's cumulative DAG size for this file
    expect(await readAll(client.cat(added.cid))).toEqual(HELLO_WORLD);
  });

  it('gives the raw-leaf CIDv1 that `ipfs add --cid-version=1` gives', async () => {
    const added = await client.add(HELLO_WORLD, { cidVersion: 1 });
    const expected = CID.createV1(raw.code, await sha256.digest(HELLO_WORLD));
    expect(added.cid.toString()).toBe(expected.toString());
    expect(added.cid.toString()).toBe('bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4');
  });

  it('chunks multi-chunk files like Kubo, streamed in arbitrary pieces', async () => {
    const bytes = pseudoRandomBytes(700_000); // three 256 KiB chunks
    const added = await client.add(inChunks(bytes, 10_007));
    expect(added.cid.toString()).toBe(await kuboProfileCid(bytes));
    expect(await readAll(client.cat(added.cid))).toEqual(bytes);
  });

  it('builds Kubo’s balanced tree beyond 174 chunks per node', async () => {
    // 1 KiB chunks make 200 leaves, so the DAG needs a second level, exactly as with 256 KiB
    // chunks above ~44 MiB (which our largest uploads reach).
    const bytes = pseudoRandomBytes(200 * 1024 + 17, 42);
    const added = await client.add(bytes, { chunker: 'size-1024' });
    expect(added.cid.toString()).toBe(await kuboProfileCid(bytes, 1024));
    expect(await readAll(client.cat(added.cid, { offset: 1000, length: 5000 }))).toEqual(bytes.subarray(1000, 6000));
  });

  it('pins on add by default, lists, removes and re-adds pins', async () => {
    const bytes = pseudoRandomBytes(1_000, 7);
    const { cid } = await client.add(bytes);
    expect(await pinnedCids(client)).toContain(cid.toString());
    expect((await collect(client.pin.ls({ paths: [cid] }))).map((pin) => pin.type)).toEqual(['recursive']);

    expect((await client.pin.rm(cid)).toString()).toBe(cid.toString());
    expect(await pinnedCids(client)).not.toContain(cid.toString());
    await expect(client.pin.rm(cid)).rejects.toThrow(/not pinned/);
    await expect(collect(client.pin.ls({ paths: [cid] }))).rejects.toThrow(/is not pinned/);

    expect((await client.pin.add(cid)).toString()).toBe(cid.toString());
    expect(await pinnedCids(client)).toContain(cid.toString());
  });

  it('names pins like Kubo: set on pin add, listed with names=true, filtered by name', async () => {
    const { cid } = await client.add(pseudoRandomBytes(800, 21), { pin: false });
    expect((await client.pin.add(cid, { name: 'chartkey-unpin:abc' })).toString()).toBe(cid.toString());

    const [named] = await collect(client.pin.ls({ paths: [cid], names: true }));
    expect(named).toMatchObject({ type: 'recursive', name: 'chartkey-unpin:abc' });
    // Without names=true Kubo does not load them, and its streamed objects omit an empty name.
    expect((await collect(client.pin.ls({ paths: [cid] })))[0]?.name).toBeUndefined();
    expect((await collect(client.pin.ls({ name: 'unpin:ab' }))).map((pin) => pin.cid.toString())).toEqual([cid.toString()]);
    expect(await collect(client.pin.ls({ name: 'no-such-name' }))).toEqual([]);

    // The non-streamed form carries `Name` in `Keys`, as Kubo's does.
    const response = await fetch(`${node.apiUrl}/api/v0/pin/ls?arg=${cid.toString()}&names=true`, { method: 'POST' });
    expect(await response.json()).toEqual({ Keys: { [cid.toString()]: { Type: 'recursive', Name: 'chartkey-unpin:abc' } } });
  });

  it('re-pinning a pinned CID replaces its name, and adding the same bytes again clears it, as Kubo does', async () => {
    const bytes = pseudoRandomBytes(900, 22);
    const { cid } = await client.add(bytes, { pin: false });
    await client.pin.add(cid, { name: 'first' });
    await client.pin.add(cid, { name: 'second' });
    expect((await collect(client.pin.ls({ paths: [cid], names: true }))).map((pin) => pin.name)).toEqual(['second']);

    // Kubo re-creates the recursive pin with the add's (empty) pin name.
    await client.add(bytes);
    expect((await collect(client.pin.ls({ paths: [cid], names: true }))).map((pin) => pin.name)).toEqual([undefined]);
    expect(await pinnedCids(client)).toContain(cid.toString());
  });

  it('refuses over-long pin names and says when a CID is not pinned the asked way', async () => {
    const { cid } = await client.add(pseudoRandomBytes(300, 23), { pin: false });
    await expect(client.pin.add(cid, { name: 'x'.repeat(256) })).rejects.toThrow(/too long/);
    await expect(collect(client.pin.ls({ paths: [cid], type: 'recursive', names: true }))).rejects.toThrow(/is not pinned/);
    await client.pin.add(cid);
    await expect(collect(client.pin.ls({ paths: [cid], type: 'direct' }))).rejects.toThrow(/is not pinned/);
    expect((await collect(client.pin.ls({ paths: [cid], type: 'recursive' }))).map((pin) => pin.type)).toEqual(['recursive']);
  });

  it('does not pin when asked not to', async () => {
    const { cid } = await client.add(pseudoRandomBytes(500, 11), { pin: false });
    expect(await pinnedCids(client)).not.toContain(cid.toString());
    expect(await readAll(client.cat(cid))).toHaveLength(500);
  });

  it('reports a real, stable peer id and a version', async () => {
    const identity = await client.id();
    expect(identity.id.toString()).toBe(node.peerId);
    expect(node.peerId).toMatch(/^12D3KooW/); // Ed25519 libp2p peer id
    expect((await client.version()).version).toMatch(/^helia-\d+\.\d+\.\d+/);
  });

  it('answers files/stat on /ipfs/<cid> as Kubo does: file size, cumulative DAG size and links, from the root', async () => {
    // `ipfs files stat /ipfs/QmT78z…` on Kubo: Size 12, CumulativeSize 20, Blocks 0, Type file.
    const hello = await client.files.stat(`/ipfs/${KUBO_HELLO_WORLD_CID_V0}`);
    expect(hello).toMatchObject({ size: 12, cumulativeSize: 20, blocks: 0, type: 'file' });
    expect(hello.cid.toString()).toBe(KUBO_HELLO_WORLD_CID_V0);
    const rawLeaf = await client.add(HELLO_WORLD, { cidVersion: 1, pin: false });
    expect(await client.files.stat(`/ipfs/${rawLeaf.cid.toString()}`)).toMatchObject({ size: 12, cumulativeSize: 12, blocks: 0, type: 'file' });

    const bytes = pseudoRandomBytes(700_000, 7);
    const added = await client.add(bytes, { cidVersion: 1, pin: false });
    // `add` reports the cumulative DAG size, which stat must agree with.
    expect(await client.files.stat(`/ipfs/${added.cid.toString()}`)).toMatchObject({ size: 700_000, cumulativeSize: added.size, blocks: 3, type: 'file' });

    const missing = CID.createV1(raw.code, await sha256.digest(new TextEncoder().encode('never stated')));
    await expect(client.files.stat(`/ipfs/${missing.toString()}`)).rejects.toThrow(/not found/);
    await expect(client.files.stat('/some/mfs/path')).rejects.toThrow(/only \/ipfs\/<cid> paths/);
  });

  it('fails fast, Kubo-style, when content is not on the node', async () => {
    const missing = CID.createV1(raw.code, await sha256.digest(new TextEncoder().encode('never added')));
    const started = Date.now();
    await expect(readAll(client.cat(missing))).rejects.toThrow(/not found/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports bad requests as Kubo errors', async () => {
    await expect(readAll(client.cat('not-a-cid'))).rejects.toThrow(/invalid/);
    await expect(client.add(HELLO_WORLD, { hashAlg: 'blake2b-256' })).rejects.toThrow(/sha2-256/);
  });

  it('refuses requests from web pages, like Kubo', async () => {
    const response = await fetch(`${node.apiUrl}/api/v0/id`, { method: 'POST', headers: { Origin: 'https://example.com' } });
    expect(response.status).toBe(403);
    expect((await fetch(`${node.apiUrl}/api/v0/id`)).status).toBe(405);
  });

  it('survives a client that disconnects half-way through an upload', async () => {
    const { hostname, port } = new URL(node.apiUrl);
    const socket = connect(Number(port), hostname);
    await once(socket, 'connect');
    const boundary = 'chartkey-test-boundary';
    socket.write(
      `POST /api/v0/add?pin=true HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
        `Content-Length: 10000000\r\n\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=""\r\n` +
        `Content-Type: application/octet-stream\r\n\r\n`,
    );
    socket.write(pseudoRandomBytes(300_000, 5));
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));

    const added = await client.add(HELLO_WORLD);
    expect(added.cid.toString()).toBe(KUBO_HELLO_WORLD_CID_V0);
  });

  it('keeps blocks, pins and identity across a restart with the same repo', async () => {
    const bytes = pseudoRandomBytes(300_000, 99);
    const { cid } = await client.add(bytes);
    const named = (await client.add(pseudoRandomBytes(100, 98), { pin: false })).cid;
    await client.pin.add(named, { name: 'kept-across-restarts' });
    const peerId = node.peerId;
    await node.stop();

    node = await startEmbeddedIpfs({ port: 0, repoDir, quiet: true });
    client = create({ url: node.apiUrl });
    expect(node.peerId).toBe(peerId);
    expect(await readAll(client.cat(cid))).toEqual(bytes);
    expect(await pinnedCids(client)).toContain(cid.toString());
    expect(await pinnedCids(client)).toContain(KUBO_HELLO_WORLD_CID_V0);
    expect((await collect(client.pin.ls({ paths: [named], names: true }))).map((pin) => pin.name)).toEqual(['kept-across-restarts']);
  });
});
