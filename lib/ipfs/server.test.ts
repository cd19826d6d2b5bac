import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { create } from 'kubo-rpc-client';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { identity } from 'multiformats/hashes/identity';
import { sha256 } from 'multiformats/hashes/sha2';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import nacl from 'tweetnacl';
import { deriveUnpinCredentials, type UnpinCredentials } from '@/lib/crypto';
import { startEmbeddedIpfs, type EmbeddedIpfs } from '@/scripts/lib/embedded-ipfs';
import {
  CiphertextNotFoundError,
  CiphertextRemovedError,
  InvalidCidError,
  IpfsUnavailableError,
  StorageError,
  UnpinForbiddenError,
  UnpinUnclaimedError,
  UploadClaimedError,
  ciphertextSize,
  lookUpCiphertext,
  parseCid,
  pinCiphertext,
  readCiphertext,
  readPinClaim,
  unpinCiphertext,
  unpinWithSecret,
} from './server';

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

async function readAll(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(Buffer.concat(await collect(source)));
}

function bytesOfLength(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}

async function* inChunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += size) yield bytes.subarray(offset, offset + size);
}

/** A port nothing listens on: bind to a free one, then release it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A fresh patient key and record key, as the browser derives them. */
function credentials(): UnpinCredentials {
  return deriveUnpinCredentials(nacl.box.keyPair().secretKey, nacl.randomBytes(32));
}

/** Every pin the app makes carries a claim; tests that need no particular one get a fresh one. */
const anyClaim = () => ({ unpinClaim: credentials().claim });

async function rawCid(text: string): Promise<string> {
  return CID.createV1(raw.code, await sha256.digest(new TextEncoder().encode(text))).toString();
}

describe('lib/ipfs/server against the embedded node', () => {
  let repoDir: string;
  let node: EmbeddedIpfs;

  beforeAll(async () => {
    repoDir = await mkdtemp(path.join(tmpdir(), 'chartkey-ipfs-server-test-'));
    node = await startEmbeddedIpfs({ port: 0, repoDir: path.join(repoDir, 'ipfs'), quiet: true });
  });

  afterAll(async () => {
    await node?.stop();
    if (repoDir !== undefined) await rm(repoDir, { recursive: true, force: true });
  });

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const useNode = () => {
    vi.stubEnv('IPFS_API_URL', node.apiUrl);
    vi.stubEnv('STORAGE_LEDGER_DIR', path.join(repoDir, 'ledger'));
  };

  it('pins ciphertext and reads it back', async () => {
    useNode();
    const ciphertext = bytesOfLength(1_000, 1);
    const pinned = await pinCiphertext(ciphertext, anyClaim());
    expect(pinned.size).toBe(1_000);
    // CIDv1 with raw leaves: a one-chunk file is a single raw block, addressed by its sha2-256.
    expect(pinned.cid).toBe(CID.createV1(raw.code, await sha256.digest(ciphertext)).toString());
    expect(await readAll(readCiphertext(pinned.cid))).toEqual(ciphertext);

    const kubo = create({ url: node.apiUrl });
    expect((await collect(kubo.pin.ls({ paths: [pinned.cid] }))).map((pin) => pin.type)).toEqual(['recursive']);
  });

  it('streams a multi-chunk upload and gets the same CID as the same bytes in one piece', async () => {
    useNode();
    const ciphertext = bytesOfLength(600_000, 2);
    const { claim } = credentials();
    const streamed = await pinCiphertext(inChunks(ciphertext, 65_536), { unpinClaim: claim });
    const whole = await pinCiphertext(ciphertext, { unpinClaim: claim });
    expect(streamed).toEqual(whole);
    expect(streamed.size).toBe(600_000);
    expect(streamed.cid).toMatch(/^bafybei/); // dag-pb root over raw leaves
    expect(await readAll(readCiphertext(streamed.cid))).toEqual(ciphertext);
  });

  it('unpins, and unpinning twice is fine', async () => {
    useNode();
    const { cid } = await pinCiphertext(bytesOfLength(2_000, 3), anyClaim());
    await unpinCiphertext(cid);
    const kubo = create({ url: node.apiUrl });
    expect((await collect(kubo.pin.ls())).map((pin) => pin.cid.toString())).not.toContain(cid);
    await expect(unpinCiphertext(cid)).resolves.toBeUndefined();
  });

  it('pins under the removal claim’s name', async () => {
    useNode();
    const { claim } = credentials();
    const claimed = await pinCiphertext(bytesOfLength(1_500, 5), { unpinClaim: claim });
    expect(await readPinClaim(claimed.cid)).toEqual({ pinned: true, claim });
    const kubo = create({ url: node.apiUrl });
    expect((await collect(kubo.pin.ls({ paths: [claimed.cid], names: true }))).map((pin) => pin.name)).toEqual([`chartkey-unpin:${claim}`]);

    // Pins made before claims existed (here: directly on the node) read as unclaimed.
    const unclaimed = await kubo.add(bytesOfLength(1_500, 6), { cidVersion: 1, rawLeaves: true, pin: true });
    expect(await readPinClaim(unclaimed.cid.toString())).toEqual({ pinned: true, claim: null });
    expect(await readPinClaim(await rawCid('never stored either'))).toEqual({ pinned: false });
  });

  it('keeps the first claim when the same ciphertext is uploaded again with another claim, refusing it', async () => {
    useNode();
    const owner = credentials();
    const bytes = bytesOfLength(2_500, 7);
    const { cid } = await pinCiphertext(bytes, { unpinClaim: owner.claim });
    await expect(pinCiphertext(bytes, { unpinClaim: credentials().claim })).rejects.toBeInstanceOf(UploadClaimedError);
    await expect(pinCiphertext(inChunks(bytes, 1_000), { unpinClaim: credentials().claim })).rejects.toBeInstanceOf(UploadClaimedError);
    expect(await readPinClaim(cid)).toEqual({ pinned: true, claim: owner.claim });
    // A retry of the owner's own upload is fine too.
    await pinCiphertext(bytes, { unpinClaim: owner.claim });
    expect(await readPinClaim(cid)).toEqual({ pinned: true, claim: owner.claim });
  });

  it('unpins only with the secret behind the claim, and says why not otherwise', async () => {
    useNode();
    const owner = credentials();
    const { cid } = await pinCiphertext(bytesOfLength(3_000, 8), { unpinClaim: owner.claim });

    await expect(unpinWithSecret(cid, credentials().secret)).rejects.toBeInstanceOf(UnpinForbiddenError);
    // The claim itself is public (it is the pin's name), and is not the secret.
    await expect(unpinWithSecret(cid, owner.claim)).rejects.toBeInstanceOf(UnpinForbiddenError);
    await expect(unpinWithSecret(cid, owner.secret.toUpperCase())).rejects.toBeInstanceOf(UnpinForbiddenError);
    expect((await readPinClaim(cid)).pinned).toBe(true);

    await expect(unpinWithSecret(cid, owner.secret)).resolves.toBe('unpinned');
    expect(await readPinClaim(cid)).toEqual({ pinned: false });
    await expect(unpinWithSecret(cid, owner.secret)).resolves.toBe('not-pinned');

    const legacy = (await create({ url: node.apiUrl }).add(bytesOfLength(3_000, 9), { cidVersion: 1, rawLeaves: true, pin: true })).cid.toString();
    await expect(unpinWithSecret(legacy, owner.secret)).rejects.toBeInstanceOf(UnpinUnclaimedError);
    expect((await readPinClaim(legacy)).pinned).toBe(true);
    await expect(unpinWithSecret('not-a-cid', owner.secret)).rejects.toBeInstanceOf(InvalidCidError);
  });

  it('remembers a removal: the file is never looked up or pinned again, with any claim', async () => {
    useNode();
    const owner = credentials();
    const bytes = bytesOfLength(4_000, 10);
    const { cid } = await pinCiphertext(bytes, { unpinClaim: owner.claim });
    expect(await lookUpCiphertext(cid)).toEqual({ size: 4_000 });
    await expect(unpinWithSecret(cid, owner.secret)).resolves.toBe('unpinned');
    await expect(lookUpCiphertext(cid)).rejects.toBeInstanceOf(CiphertextRemovedError);
    await expect(pinCiphertext(bytes, { unpinClaim: owner.claim })).rejects.toBeInstanceOf(CiphertextRemovedError);
    await expect(pinCiphertext(inChunks(bytes, 999), anyClaim())).rejects.toBeInstanceOf(CiphertextRemovedError);
    expect(await readPinClaim(cid)).toEqual({ pinned: false });
    // A wrong secret tombstones nothing.
    const kept = await pinCiphertext(bytesOfLength(4_000, 11), anyClaim());
    await expect(unpinWithSecret(kept.cid, owner.secret)).rejects.toBeInstanceOf(UnpinForbiddenError);
    expect(await lookUpCiphertext(kept.cid)).toEqual({ size: 4_000 });
    await expect(lookUpCiphertext(await rawCid('never stored at all'))).rejects.toBeInstanceOf(CiphertextNotFoundError);
  });

  it('tells the exact size of a one-block and a many-block file from its root alone', async () => {
    useNode();
    for (const length of [1, 262_144, 262_145, 600_000]) {
      const { cid } = await pinCiphertext(bytesOfLength(length, 12), anyClaim());
      expect(await ciphertextSize(cid), String(length)).toBe(length);
    }
    await expect(ciphertextSize(await rawCid('no such file'))).rejects.toBeInstanceOf(CiphertextNotFoundError);
  });

  it('reports content the node does not have as CiphertextNotFoundError, quickly', async () => {
    useNode();
    const started = Date.now();
    await expect(readAll(readCiphertext(await rawCid('never stored')))).rejects.toBeInstanceOf(CiphertextNotFoundError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports an unreachable node as IpfsUnavailableError with a plain message', async () => {
    vi.stubEnv('IPFS_API_URL', `http://127.0.0.1:${await closedPort()}`);
    const upload = pinCiphertext(bytesOfLength(10, 4), anyClaim());
    await expect(upload).rejects.toBeInstanceOf(IpfsUnavailableError);
    await expect(upload).rejects.toThrow(/storage node is not reachable/);
    await expect(readAll(readCiphertext(await rawCid('x')))).rejects.toBeInstanceOf(IpfsUnavailableError);
    await expect(unpinCiphertext(await rawCid('x'))).rejects.toBeInstanceOf(IpfsUnavailableError);
    await expect(readPinClaim(await rawCid('x'))).rejects.toBeInstanceOf(IpfsUnavailableError);
    await expect(ciphertextSize(await rawCid('x'))).rejects.toBeInstanceOf(IpfsUnavailableError);
    await expect(unpinWithSecret(await rawCid('x'), credentials().secret)).rejects.toBeInstanceOf(IpfsUnavailableError);
  });
});

describe('readCiphertext against a node that never answers (a networked Kubo still searching)', () => {
  let silent: Server;
  let silentUrl: string;

  beforeAll(async () => {
    silent = createServer(() => {
      // accept the request and never respond, like Kubo looking for content nobody provides
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    vi.unstubAllEnvs();
  });

  it('gives up after the idle timeout with CiphertextNotFoundError', async () => {
    vi.stubEnv('IPFS_API_URL', silentUrl);
    const started = Date.now();
    await expect(readAll(readCiphertext(await rawCid('slow'), { idleTimeoutMs: 300 }))).rejects.toBeInstanceOf(CiphertextNotFoundError);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('gives up looking up a pin after the timeout with IpfsUnavailableError', async () => {
    vi.stubEnv('IPFS_API_URL', silentUrl);
    const started = Date.now();
    await expect(readPinClaim(await rawCid('slow'), { timeoutMs: 300 })).rejects.toBeInstanceOf(IpfsUnavailableError);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('lets a caller’s own abort through unchanged', async () => {
    vi.stubEnv('IPFS_API_URL', silentUrl);
    const controller = new AbortController();
    const reading = readAll(readCiphertext(await rawCid('slow'), { signal: controller.signal }));
    setTimeout(() => controller.abort(), 100);
    const error: unknown = await reading.catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(StorageError);
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('parseCid', () => {
  it('accepts CIDv0 and CIDv1 content CIDs and returns their canonical form', async () => {
    expect(parseCid('QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o')).toBe('QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o');
    const v1 = await rawCid('hello');
    expect(parseCid(v1)).toBe(v1);
  });

  it('rejects anything else with InvalidCidError', async () => {
    const identityCid = CID.createV1(raw.code, identity.digest(new TextEncoder().encode('inline content'))).toString();
    for (const input of ['', 'hello', 'Qm123', '../../etc/passwd', `${await rawCid('a')}/x`, 'b'.repeat(200), identityCid]) {
      expect(() => parseCid(input), input).toThrow(InvalidCidError);
    }
  });
});
