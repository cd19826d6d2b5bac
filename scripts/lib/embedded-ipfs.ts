// Must stay the first import: Helia's dependencies need `Promise.withResolvers`, which Node 20 lacks.
import '../../lib/ipfs/promise-with-resolvers-polyfill';

import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Busboy, type BusboyHeaders } from '@fastify/busboy';
import type { UnixFS } from '@helia/unixfs';
import type { Helia } from 'helia';
import type { CID } from 'multiformats/cid';

/**
 * An IPFS node for development and tests: Helia with its blocks and pins on disk, fully offline
 * (no libp2p, no transports, no bootstrap), serving the subset of the Kubo RPC API the app uses
 * over plain `node:http`. Anything that talks to Kubo through `kubo-rpc-client` can talk to it,
 * so the app never knows whether it is using this node, a real Kubo node or a pinning service.
 *
 * Endpoints (all POST, as Kubo requires): add, cat, files/stat (of `/ipfs/<cid>` only), pin/add,
 * pin/ls, pin/rm, id, version.
 * Files are imported with Kubo's default settings, so the same bytes get the same CID here as
 * with `ipfs add` (CIDv0 by default; CIDv1 with raw leaves when `cid-version=1`). Pins carry
 * names as in Kubo ≥ 0.26 (`pin/add?name=`, `pin/ls?names=true`, `pin/ls?name=<filter>`).
 */

export type EmbeddedIpfsOptions = {
  /** TCP port for the RPC API; 0 picks a free port. Default 5001 (Kubo's). */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1: the API can add and remove data, never expose it. */
  host?: string;
  /** Directory for blocks, pins and the node key. Default `.chartkey/ipfs` in the working directory. */
  repoDir?: string;
  /** When true, logs nothing (not even failed requests). */
  quiet?: boolean;
};

export type EmbeddedIpfs = {
  /** Base URL to give kubo-rpc-client / `IPFS_API_URL`, e.g. `http://127.0.0.1:5001`. */
  apiUrl: string;
  /** The node's libp2p peer id, stable across restarts with the same repo. */
  peerId: string;
  /** Stops serving, then closes the node and its stores. Safe to call more than once. */
  stop: () => Promise<void>;
};

export const DEFAULT_REPO_DIR = path.join('.chartkey', 'ipfs');
export const DEFAULT_API_PORT = 5001;

/** Kubo's defaults for `ipfs add`: 256 KiB fixed-size chunks, balanced DAG, 174 links per node. */
const KUBO_DEFAULT_CHUNK_BYTES = 262_144;
/** Kubo refuses chunks above 1 MiB (bitswap's block size limit); so do we. */
const KUBO_MAX_CHUNK_BYTES = 1_048_576;
const KUBO_MAX_LINKS_PER_NODE = 174;

/**
 * Passed down to every block read: a block that is not on disk fails at once instead of waiting
 * for a network this node does not have. (Helia's pin option types omit it, but the pinning walk
 * hands its options to the blockstore, which honours it.)
 */
const OFFLINE = { offline: true, signal: undefined };

/** Name of the node's identity key in the keychain; Kubo and libp2p use the same name. */
const SELF_KEY_NAME = 'self';

/**
 * An error reported to the RPC client the way Kubo reports it: HTTP 500 with
 * `{ Message, Code, Type: "error" }`, which kubo-rpc-client turns into an Error with `Message`.
 * Codes follow go-ipfs-cmds: 0 = normal error, 1 = client (bad request) error.
 */
class KuboRpcError extends Error {
  constructor(
    message: string,
    readonly kuboCode: 0 | 1 = 0,
  ) {
    super(message);
    this.name = 'KuboRpcError';
  }
}

/**
 * Helia and its dependencies are ESM-only and export only the `import` condition. This repo's
 * package.json has no `"type": "module"`, so under `npx tsx` this file runs as CommonJS, where
 * static imports become `require()` and fail to resolve. Dynamic `import()` works in both module
 * systems (and under vitest), hence runtime imports here and type-only imports above.
 */
async function loadIpfsModules() {
  const [helia, unixfs, blockstoreFs, datastoreFs, chunker, layout, base58, cid, dagPb] = await Promise.all([
    import('helia'),
    import('@helia/unixfs'),
    import('blockstore-fs'),
    import('datastore-fs'),
    import('ipfs-unixfs-importer/chunker'),
    import('ipfs-unixfs-importer/layout'),
    import('multiformats/bases/base58'),
    import('multiformats/cid'),
    import('@ipld/dag-pb'),
  ]);
  return {
    createHeliaLight: helia.createHeliaLight,
    unixfs: unixfs.unixfs,
    FsBlockstore: blockstoreFs.FsBlockstore,
    FsDatastore: datastoreFs.FsDatastore,
    fixedSize: chunker.fixedSize,
    balanced: layout.balanced,
    base58btc: base58.base58btc,
    CID: cid.CID,
    dagPb: { code: dagPb.code, decode: dagPb.decode },
  };
}

type IpfsModules = Awaited<ReturnType<typeof loadIpfsModules>>;

export async function startEmbeddedIpfs(opts: EmbeddedIpfsOptions = {}): Promise<EmbeddedIpfs> {
  const modules = await loadIpfsModules();
  const { createHeliaLight, unixfs, FsBlockstore, FsDatastore } = modules;
  const port = opts.port ?? DEFAULT_API_PORT;
  const host = opts.host ?? '127.0.0.1';
  const repoDir = path.resolve(opts.repoDir ?? DEFAULT_REPO_DIR);
  const quiet = opts.quiet ?? false;

  const blockstore = new FsBlockstore(path.join(repoDir, 'blocks'));
  const datastore = new FsDatastore(path.join(repoDir, 'datastore'));
  await blockstore.open();
  await datastore.open();

  let helia: Helia;
  try {
    // The light variant has no libp2p, routers or block brokers: nothing dials out, and a block
    // that is not on disk is simply missing.
    helia = createHeliaLight({ blockstore, datastore });
    await helia.start();
  } catch (error) {
    await Promise.allSettled([blockstore.close(), datastore.close()]);
    throw error;
  }

  const fs = unixfs(helia);
  let server: Server | undefined;
  try {
    const selfKey = await loadOrCreateSelfKey(helia);
    // A libp2p peer id string (`12D3KooW…` for Ed25519) is the base58btc multihash of the public key.
    const peerId = modules.base58btc.baseEncode(selfKey.publicKey.toMultihash().bytes);
    const publicKey = Buffer.from(selfKey.publicKey.toProtobuf()).toString('base64');
    const node: NodeContext = { modules, helia, fs, peerId, publicKey };

    server = createServer((req, res) => {
      void handleRequest(node, req, res).catch((error: unknown) => {
        if (!quiet) console.error(`[embedded-ipfs] ${requestEndpoint(req)} failed: ${errorName(error)}`);
        sendKuboError(res, error);
      });
    });
    // Node closes idle keep-alive connections after 5 s; Kubo (Go's net/http) keeps them. A client
    // whose event loop was busy for longer then reuses a socket the node just closed, and its next
    // request fails with ECONNRESET. Clients close idle sockets well before this themselves.
    server.keepAliveTimeout = 120_000;
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(port, host, () => {
        listening.off('error', reject);
        resolve();
      });
    });

    const address = listening.address() as AddressInfo;
    const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const apiUrl = `http://${urlHost}:${address.port}`;

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        await closeServer(listening);
        await helia.stop();
        await Promise.allSettled([blockstore.close(), datastore.close()]);
      })();
      return stopping;
    };
    return { apiUrl, peerId, stop };
  } catch (error) {
    if (server?.listening === true) await closeServer(server);
    await helia.stop().catch(() => undefined);
    await Promise.allSettled([blockstore.close(), datastore.close()]);
    throw error;
  }
}

type NodeContext = {
  readonly modules: IpfsModules;
  readonly helia: Helia;
  readonly fs: UnixFS;
  readonly peerId: string;
  readonly publicKey: string;
};

type PrivateKey = Awaited<ReturnType<Helia['keychain']['exportKey']>>;

/** The node identity: generated on first start, then read back from the repo's keychain. */
async function loadOrCreateSelfKey(helia: Helia): Promise<PrivateKey> {
  try {
    return await helia.keychain.exportKey(SELF_KEY_NAME);
  } catch (error) {
    if (errorName(error) !== 'NotFoundError') throw error;
    return helia.keychain.generateKey(SELF_KEY_NAME, { type: 'Ed25519' });
  }
}


async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    // kubo-rpc-client keeps connections alive; close idle ones so `close` can finish.
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2_000).unref();
  });
}

type Handler = (node: NodeContext, req: IncomingMessage, res: ServerResponse, query: URLSearchParams) => Promise<void>;

const HANDLERS: Readonly<Record<string, Handler>> = {
  '/api/v0/add': handleAdd,
  '/api/v0/cat': handleCat,
  '/api/v0/files/stat': handleFilesStat,
  '/api/v0/pin/add': handlePinAdd,
  '/api/v0/pin/ls': handlePinLs,
  '/api/v0/pin/rm': handlePinRm,
  '/api/v0/id': handleId,
  '/api/v0/version': handleVersion,
};

async function handleRequest(node: NodeContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://embedded-ipfs');
  const handler = HANDLERS[url.pathname];
  if (handler === undefined) {
    req.resume();
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 page not found');
    return;
  }
  // Like Kubo: the RPC API is for programs, not web pages. A browser always sends Origin on a
  // cross-origin POST, so refusing it stops any web page from adding or removing data through
  // a node listening on the user's localhost.
  if (req.headers.origin !== undefined) {
    req.resume();
    res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('403 - Forbidden');
    return;
  }
  if (req.method !== 'POST') {
    req.resume();
    res.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8' }).end('405 - Method Not Allowed');
    return;
  }
  await handler(node, req, res, url.searchParams);
}

// ---------------------------------------------------------------------------------------------
// add

type ImportSettings = {
  readonly pin: boolean;
  readonly cidVersion: 0 | 1;
  readonly rawLeaves: boolean;
  readonly chunkBytes: number;
};

/** Reads `ipfs add` options the way Kubo does, refusing those this node cannot honour. */
function parseAddSettings(query: URLSearchParams): ImportSettings {
  const cidVersionText = query.get('cid-version') ?? '0';
  if (cidVersionText !== '0' && cidVersionText !== '1') {
    throw new KuboRpcError(`unknown CID version ${cidVersionText}`, 1);
  }
  const cidVersion = cidVersionText === '1' ? 1 : 0;
  const hash = query.get('hash') ?? 'sha2-256';
  if (hash !== 'sha2-256') throw new KuboRpcError(`unsupported hash function ${hash}; this node only supports sha2-256`, 1);
  for (const unsupported of ['wrap-with-directory', 'trickle', 'only-hash', 'nocopy', 'inline']) {
    if (parseBooleanOption(query, unsupported, false)) {
      throw new KuboRpcError(`option ${unsupported} is not supported by the embedded node`, 1);
    }
  }
  return {
    pin: parseBooleanOption(query, 'pin', true),
    cidVersion,
    // Kubo switches to raw leaves by default when asked for CIDv1.
    rawLeaves: parseBooleanOption(query, 'raw-leaves', cidVersion === 1),
    chunkBytes: parseChunker(query.get('chunker')),
  };
}

function parseChunker(chunker: string | null): number {
  if (chunker === null || chunker === '' || chunker === 'default') return KUBO_DEFAULT_CHUNK_BYTES;
  const match = /^size-(\d+)$/.exec(chunker);
  const size = match?.[1] === undefined ? Number.NaN : Number(match[1]);
  if (!Number.isSafeInteger(size) || size < 1 || size > KUBO_MAX_CHUNK_BYTES) {
    throw new KuboRpcError(`unsupported chunker ${chunker}; use size-<bytes> up to ${KUBO_MAX_CHUNK_BYTES}`, 1);
  }
  return size;
}

/** Boolean options as Go's strconv.ParseBool reads them; a bare `?flag` means true. */
function parseBooleanOption(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const value = query.get(name);
  if (value === null) return fallback;
  if (['', '1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
  throw new KuboRpcError(`invalid value for option ${name}: ${value}`, 1);
}

async function handleAdd(node: NodeContext, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
  const settings = parseAddSettings(query);
  const importerOptions = {
    cidVersion: settings.cidVersion,
    rawLeaves: settings.rawLeaves,
    chunker: node.modules.fixedSize({ chunkSize: settings.chunkBytes }),
    layout: node.modules.balanced({ maxChildrenPerNode: KUBO_MAX_LINKS_PER_NODE }),
    reduceSingleLeafToSelf: true,
    wrapWithDirectory: false,
  };

  // Results are small; they are written once every file is stored so that a failure can still be
  // reported as a proper Kubo error instead of a cut-off 200 response.
  const added: string[] = [];
  const fileCount = await forEachUploadedFile(req, async (content, fileName) => {
    let root: { cid: CID; size: bigint } | undefined;
    for await (const entry of node.fs.addAll([{ content }], importerOptions)) root = entry;
    if (root === undefined) throw new KuboRpcError('nothing was imported');
    if (settings.pin) await pinRecursively(node, root.cid, '');
    const hash = root.cid.toString();
    added.push(JSON.stringify({ Name: fileName === '' ? hash : fileName, Hash: hash, Size: root.size.toString() }));
  });
  if (fileCount === 0) throw new KuboRpcError("argument \"path\" is required", 1);

  res.writeHead(200, { 'Content-Type': 'application/json', 'X-Chunked-Output': '1' });
  res.end(added.map((line) => `${line}\n`).join(''));
}

/**
 * Streams each file part of a multipart upload (as kubo-rpc-client sends it) to `onFile`, one at
 * a time and without buffering it. Uses busboy rather than `Request.formData()`, which would hold
 * the whole upload in memory. Resolves with the number of files once all are processed.
 */
function forEachUploadedFile(
  req: IncomingMessage,
  onFile: (content: AsyncIterable<Uint8Array>, fileName: string) => Promise<void>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const contentType = req.headers['content-type'];
    if (contentType === undefined || !contentType.toLowerCase().startsWith('multipart/form-data')) {
      req.resume();
      reject(new KuboRpcError('expected a multipart/form-data request body with the file to add', 1));
      return;
    }
    const parser = Busboy({ headers: req.headers as BusboyHeaders, preservePath: true });
    let failed = false;
    let fileCount = 0;
    let work = Promise.resolve();
    const openStreams = new Set<NodeJS.ReadableStream & { destroy: (error?: Error) => void }>();
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume(); // drain the rest of the upload so the error response can be delivered
      reject(error);
    };

    parser.on('file', (_fieldName, stream, fileName, _encoding, mimeType) => {
      if (failed) {
        stream.resume();
        return;
      }
      if (mimeType === 'application/x-directory') {
        stream.resume();
        fail(new KuboRpcError('adding directories is not supported by the embedded node', 1));
        return;
      }
      fileCount += 1;
      openStreams.add(stream);
      stream.once('end', () => openStreams.delete(stream));
      work = work.then(() => onFile(stream, safeDecodeFileName(fileName))).catch((error: unknown) => {
        stream.resume();
        fail(error);
      });
    });
    parser.on('error', (error: unknown) => fail(new KuboRpcError(`malformed multipart body: ${errorMessage(error)}`, 1)));
    parser.on('finish', () => {
      void work.then(() => {
        if (!failed) resolve(fileCount);
      });
    });
    req.on('error', fail);
    // A client that disconnects mid-upload would otherwise leave the importer waiting forever.
    req.once('close', () => {
      if (req.complete) return;
      const aborted = new KuboRpcError('the upload was aborted before it finished', 1);
      for (const stream of openStreams) stream.destroy(aborted);
      fail(aborted);
    });
    req.pipe(parser);
  });
}

function safeDecodeFileName(fileName: string | undefined): string {
  if (fileName === undefined) return '';
  try {
    return decodeURIComponent(fileName);
  } catch {
    return fileName;
  }
}

// ---------------------------------------------------------------------------------------------
// cat

async function handleCat(node: NodeContext, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
  req.resume();
  const { cid, subPath } = parseIpfsPath(node, requireArg(query));
  const offset = parseOptionalCount(query, 'offset');
  const length = parseOptionalCount(query, 'length');

  const abort = new AbortController();
  // The UnixFS exporter adds one abort listener per block it reads; that is not a leak.
  setMaxListeners(Number.POSITIVE_INFINITY, abort.signal);
  res.once('close', () => abort.abort());
  const chunks = node.fs.cat(cid, {
    offline: true,
    signal: abort.signal,
    ...(subPath !== undefined ? { path: subPath } : {}),
    ...(offset !== undefined ? { offset } : {}),
    ...(length !== undefined ? { length } : {}),
  })[Symbol.asyncIterator]();

  // Read the first chunk before answering: a missing root block must become a Kubo error
  // response, not a 200 with an empty body.
  let first: IteratorResult<Uint8Array>;
  try {
    first = await chunks.next();
  } catch (error) {
    if (isMissingBlockError(error)) throw new KuboRpcError(`block was not found locally (offline): ipld: could not find ${cid.toString()}`);
    throw error;
  }

  res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Stream-Output': '1' });
  async function* rest(): AsyncGenerator<Uint8Array> {
    if (first.done === true) return;
    yield first.value;
    for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) yield next.value;
  }
  // A block missing half-way through can no longer change the status; the connection is cut so
  // the client sees a failed read rather than a silently truncated file.
  await pipeline(Readable.from(rest()), res).catch((error: unknown) => {
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  });
}

// ---------------------------------------------------------------------------------------------
// files/stat

/**
 * `files stat /ipfs/<cid>` as Kubo answers it, from the root block alone: `Size` is the file's
 * byte length (UnixFS metadata, or the block's own length for a raw leaf), `CumulativeSize` the
 * root block plus the sizes its links declare, `Blocks` the number of links. The node has no
 * mutable file system, so other paths are refused.
 */
async function handleFilesStat(node: NodeContext, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
  req.resume();
  const arg = requireArg(query);
  if (!arg.startsWith('/ipfs/')) throw new KuboRpcError('only /ipfs/<cid> paths can be stated: the embedded node has no mutable file system', 1);
  const { cid, subPath } = parseIpfsPath(node, arg);
  if (subPath !== undefined) throw new KuboRpcError('stating a path inside a directory is not supported by the embedded node', 1);
  for (const option of ['with-local', 'hash', 'size', 'format']) {
    if (query.has(option) && option !== 'format' && parseBooleanOption(query, option, false)) {
      throw new KuboRpcError(`option ${option} is not supported by the embedded node`, 1);
    }
  }
  let stats: { readonly size: bigint; readonly type: string };
  let rootBlock: Uint8Array;
  try {
    stats = await node.fs.stat(cid, { offline: true });
    // The blockstore hands a block over in pieces.
    const pieces: Uint8Array[] = [];
    for await (const piece of node.helia.blockstore.get(cid, OFFLINE)) pieces.push(piece);
    rootBlock = Buffer.concat(pieces);
  } catch (error) {
    if (isMissingBlockError(error)) throw new KuboRpcError(`block was not found locally (offline): ipld: could not find ${cid.toString()}`);
    throw error;
  }
  let cumulativeSize = rootBlock.byteLength;
  let blocks = 0;
  if (cid.code === node.modules.dagPb.code) {
    const decoded = node.modules.dagPb.decode(rootBlock);
    blocks = decoded.Links.length;
    for (const link of decoded.Links) cumulativeSize += link.Tsize ?? 0;
  }
  sendJson(res, {
    Hash: cid.toString(),
    Size: Number(stats.size),
    CumulativeSize: cumulativeSize,
    Blocks: blocks,
    Type: stats.type === 'directory' ? 'directory' : 'file',
  });
}

function requireArg(query: URLSearchParams): string {
  const arg = query.get('arg');
  if (arg === null || arg === '') throw new KuboRpcError('argument "ipfs-path" is required', 1);
  return arg;
}

/** Accepts `CID`, `/ipfs/CID` and `/ipfs/CID/sub/path`, as Kubo does. */
function parseIpfsPath(node: NodeContext, arg: string): { cid: CID; subPath: string | undefined } {
  const withoutPrefix = arg.startsWith('/ipfs/') ? arg.slice('/ipfs/'.length) : arg;
  const [cidText = '', ...rest] = withoutPrefix.split('/');
  let cid: CID;
  try {
    cid = node.modules.CID.parse(cidText);
  } catch {
    throw new KuboRpcError(`invalid path "${arg}": invalid cid`, 1);
  }
  const subPath = rest.filter((segment) => segment !== '').join('/');
  return { cid, subPath: subPath === '' ? undefined : subPath };
}

function parseOptionalCount(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  const count = Number(value);
  if (!Number.isSafeInteger(count) || count < 0) throw new KuboRpcError(`invalid value for option ${name}: ${value}`, 1);
  return count;
}

// ---------------------------------------------------------------------------------------------
// pins

/**
 * Helia stores pins under CIDv1; Kubo answers with the CID the pin was made with. The version is
 * remembered in the pin's metadata so `pin ls` lists `Qm…` pins as `Qm…`.
 */
const PIN_CID_VERSION_KEY = 'kubo-cid-version';
/** The pin's Kubo name, in Helia's pin metadata; absent for an unnamed pin. */
const PIN_NAME_KEY = 'name';
/** Kubo refuses longer pin names; so do we. */
const MAX_PIN_NAME_BYTES = 255;

type PinMetadata = Record<string, string | number | boolean>;

/**
 * Pins the whole DAG under `name` ('' for none). Pinning what is already pinned recursively is
 * not an error, and, as in Kubo (boxo's dspinner re-creates the recursive pin), the pin then takes
 * the new name, or loses its name when none is given. lib/ipfs/server relies on never re-pinning
 * a pinned CID for exactly that reason.
 */
async function pinRecursively(node: NodeContext, cid: CID, name: string): Promise<void> {
  const metadata: PinMetadata = { [PIN_CID_VERSION_KEY]: cid.version, ...(name !== '' ? { [PIN_NAME_KEY]: name } : {}) };
  try {
    for await (const _ of node.helia.pins.add(cid, { ...OFFLINE, metadata })) {
      // walking the DAG is what pins it; the yielded CIDs are not needed
    }
  } catch (error) {
    if (errorName(error) === 'AlreadyPinnedError') {
      await renamePin(node, cid, name);
      return;
    }
    if (isMissingBlockError(error)) throw new KuboRpcError(`pin: block was not found locally (offline): ipld: could not find ${cid.toString()}`);
    throw error;
  }
}

async function renamePin(node: NodeContext, cid: CID, name: string): Promise<void> {
  const { metadata } = await node.helia.pins.get(cid);
  const { [PIN_NAME_KEY]: _previous, ...rest } = metadata;
  await node.helia.pins.setMetadata(cid, name !== '' ? { ...rest, [PIN_NAME_KEY]: name } : rest);
}

function pinName(metadata: PinMetadata): string {
  const name = metadata[PIN_NAME_KEY];
  return typeof name === 'string' ? name : '';
}

async function handlePinAdd(node: NodeContext, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
  req.resume();
  const { cid, subPath } = parseIpfsPath(node, requireArg(query));
  if (subPath !== undefined) throw new KuboRpcError('pinning a path inside a directory is not supported by the embedded node', 1);
  if (!parseBooleanOption(query, 'recursive', true)) throw new KuboRpcError('direct pins are not supported by the embedded node', 1);
  const name = query.get('name') ?? '';
  if (Buffer.byteLength(name, 'utf8') > MAX_PIN_NAME_BYTES) throw new KuboRpcError(`pin name is too long: at most ${MAX_PIN_NAME_BYTES} bytes`, 1);
  await pinRecursively(node, cid, name);
  sendJson(res, { Pins: [cid.toString()] });
}

async function handlePinRm(node: NodeContext, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
  req.resume();
  const { cid } = parseIpfsPath(node, requireArg(query));
  try {
    for await (const _ of node.helia.pins.rm(cid, OFFLINE)) {
      // walking the DAG is what unpins it
    }
  } catch (error) {
    if (errorName(error) === 'NotFoundError') throw new KuboRpcError('not pinned or pinned indirectly');
    throw error;
  }
  sendJson(res, { Pins: [cid.toString()] });
}

type ListedPin = { Cid: string; Type: 'recursive' | 'direct'; Name: string };

async function handlePinLs(node: NodeContext, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
  req.resume();
  const type = query.get('type') ?? 'all';
  if (!['all', 'recursive', 'direct', 'indirect'].includes(type)) {
    throw new KuboRpcError(`invalid type '${type}', must be one of {direct, indirect, recursive, all}`, 1);
  }
  const stream = parseBooleanOption(query, 'stream', false);
  // As in Kubo: a name filter (substring, case-sensitive) implies names; names are otherwise left out.
  const nameFilter = query.get('name');
  if (nameFilter === '') throw new KuboRpcError('name filter cannot be empty', 1);
  const names = nameFilter !== null || parseBooleanOption(query, 'names', false);
  const listed = (cid: CID, pin: { depth: number; metadata: PinMetadata }): ListedPin => ({
    Cid: cid.toString(),
    Type: pin.depth === 0 ? 'direct' : 'recursive',
    Name: names ? pinName(pin.metadata) : '',
  });

  const pins: ListedPin[] = [];
  const wanted = query.getAll('arg');
  if (wanted.length > 0) {
    for (const arg of wanted) {
      const { cid } = parseIpfsPath(node, arg);
      let pin: Awaited<ReturnType<Helia['pins']['get']>> | undefined;
      try {
        pin = await node.helia.pins.get(cid);
      } catch (error) {
        if (errorName(error) !== 'NotFoundError') throw error;
      }
      const entry = pin === undefined ? undefined : listed(cid, pin);
      // Kubo answers a CID that is not pinned the asked way (Helia has no indirect index) with this error.
      if (entry === undefined || (type !== 'all' && entry.Type !== type)) throw new KuboRpcError(`path '${arg}' is not pinned`);
      pins.push(entry);
    }
  } else {
    for await (const pin of node.helia.pins.ls()) {
      const cid = pin.metadata[PIN_CID_VERSION_KEY] === 0 ? pin.cid.toV0() : pin.cid;
      pins.push(listed(cid, pin));
    }
  }
  // Helia does not track indirect pins separately, so `type=indirect` lists nothing.
  const matching = pins.filter((pin) => (type === 'all' || pin.Type === type) && (nameFilter === null || pin.Name.includes(nameFilter)));

  if (stream) {
    res.writeHead(200, { 'Content-Type': 'application/json', 'X-Chunked-Output': '1' });
    // Kubo's streamed objects omit an empty name (`json:",omitempty"`); its `Keys` map always has one.
    res.end(matching.map(({ Name, ...pin }) => `${JSON.stringify(Name === '' ? pin : { ...pin, Name })}\n`).join(''));
    return;
  }
  sendJson(res, { Keys: Object.fromEntries(matching.map((pin) => [pin.Cid, { Type: pin.Type, Name: pin.Name }])) });
}

// ---------------------------------------------------------------------------------------------
// id, version

async function handleId(node: NodeContext, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
  req.resume();
  const arg = query.get('arg');
  if (arg !== null && arg !== '' && arg !== node.peerId) {
    throw new KuboRpcError('looking up other peers is not supported: the embedded node is offline');
  }
  sendJson(res, {
    ID: node.peerId,
    PublicKey: node.publicKey,
    Addresses: [],
    AgentVersion: `chartkey-embedded-ipfs/helia-${node.helia.info.version}`,
    Protocols: [],
  });
}

async function handleVersion(node: NodeContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  req.resume();
  // Not a Kubo version: callers that branch on Kubo versions should not mistake this node for one.
  sendJson(res, {
    Version: `helia-${node.helia.info.version}`,
    Commit: '',
    Repo: '',
    System: `${process.arch}/${process.platform}`,
    Golang: '',
  });
}

// ---------------------------------------------------------------------------------------------
// responses and errors

function sendJson(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
}

function sendKuboError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const kuboError = error instanceof KuboRpcError ? error : new KuboRpcError(errorMessage(error));
  res
    .writeHead(500, { 'Content-Type': 'application/json' })
    .end(`${JSON.stringify({ Message: kuboError.message, Code: kuboError.kuboCode, Type: 'error' })}\n`);
}

function isMissingBlockError(error: unknown): boolean {
  const name = errorName(error);
  return name === 'BlockNotFoundWhileOfflineError' || name === 'NotFoundError';
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The endpoint without its query string, which may carry CIDs. */
function requestEndpoint(req: IncomingMessage): string {
  return (req.url ?? '').split('?')[0] ?? '';
}
