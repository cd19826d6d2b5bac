/**
 * Server-side storage of encrypted records on IPFS, through the Kubo RPC API.
 *
 * Server only (`server-only` makes importing it from a client component a build error): it reads
 * server environment variables and pulls in kubo-rpc-client. The browser talks to `/api/ipfs`,
 * whose route handlers call this module.
 *
 * The node is whatever `IPFS_API_URL` points to: the embedded node from `scripts/ipfs-node.ts`,
 * a Kubo node, or a Kubo-compatible pinning service. Only ciphertext ever passes through here,
 * and nothing here logs.
 */
import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { create, type KuboRPCClient } from 'kubo-rpc-client';
import { CID } from 'multiformats/cid';
import { ErrorCodes } from '@/lib/errors/codes';
import { ipfsApiAuthorization, ipfsApiUrl } from './config';
import {
  CiphertextNotFoundError,
  CiphertextRemovedError,
  InvalidCidError,
  IpfsUnavailableError,
  StorageError,
  UnpinForbiddenError,
  UnpinUnclaimedError,
  UploadClaimedError,
} from './errors';
import { storageLedger } from './storage-ledger';
import { claimFromPinName, isUnpinHex, pinNameForClaim } from './unpin-claim';

export {
  CiphertextNotFoundError,
  CiphertextRemovedError,
  InvalidCidError,
  IpfsUnavailableError,
  StorageError,
  UnpinForbiddenError,
  UnpinUnclaimedError,
  UploadClaimedError,
} from './errors';

/**
 * Import settings sent with every add, so the CID depends only on the bytes and not on the
 * node's configuration (Kubo's `Import.*` settings can change its defaults).
 *
 * CIDv1 with raw leaves: the current IPFS default for new content, base32 (case-insensitive, safe
 * in URLs and subdomains), and leaves are the plain bytes. The chunk size and hash are Kubo's
 * defaults, so `ipfs add --cid-version=1` of the same bytes on any Kubo node gives the same CID.
 */
export const CIPHERTEXT_ADD_OPTIONS = {
  // Pinned in a second call (see pinCiphertext): `add` cannot name a pin through kubo-rpc-client.
  pin: false,
  cidVersion: 1,
  rawLeaves: true,
  chunker: 'size-262144',
  hashAlg: 'sha2-256',
} as const;

/** How long a read may wait for the next bytes before giving up (missing content never arrives). */
export const DEFAULT_READ_IDLE_TIMEOUT_MS = 15_000;
/** How long looking up a pin may take before the node counts as not answering. */
export const PIN_LOOKUP_TIMEOUT_MS = 15_000;

const DAG_PB_CODEC = 0x70;
const RAW_CODEC = 0x55;
const SHA2_256_CODE = 0x12;
/** Far longer than any CID we produce (~60 characters); refuses junk before parsing it. */
const MAX_CID_TEXT_LENGTH = 128;

export type PinnedCiphertext = {
  /** CIDv1 (base32) of the stored ciphertext. */
  readonly cid: string;
  /** Number of ciphertext bytes stored (not the slightly larger size of the IPFS DAG). */
  readonly size: number;
};

/**
 * Validates a CID from untrusted input and returns its canonical string form. Accepts only what
 * this app stores: UnixFS content (dag-pb or raw) hashed with sha2-256. Refusing other hashes
 * also refuses "identity" CIDs, which carry arbitrary content inside the CID itself.
 */
export function parseCid(text: string): string {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_CID_TEXT_LENGTH) throw new InvalidCidError();
  let cid: CID;
  try {
    cid = CID.parse(text);
  } catch (error) {
    throw new InvalidCidError({ cause: error });
  }
  if ((cid.code !== DAG_PB_CODEC && cid.code !== RAW_CODEC) || cid.multihash.code !== SHA2_256_CODE) {
    throw new InvalidCidError();
  }
  return cid.toString();
}

/**
 * Adds ciphertext to the node and pins it under the name of `unpinClaim` (see
 * lib/ipfs/unpin-claim.ts), so that only the holder of the matching secret can unpin it later.
 * Streams an async iterable through without holding it in memory. Errors from `data` itself
 * propagate unchanged only when thrown before the first chunk; after that kubo-rpc-client
 * swallows them and aborts the request, so callers that limit the stream must remember why they
 * stopped it (the upload route does).
 *
 * Fails with CiphertextRemovedError when these bytes were removed by their owner before (removal
 * is final), and with UploadClaimedError when they are already pinned under another claim. The
 * same bytes with the same claim succeed again: that is a retry of the same upload.
 */
export async function pinCiphertext(
  data: Uint8Array | AsyncIterable<Uint8Array>,
  opts: { signal?: AbortSignal; unpinClaim: string },
): Promise<PinnedCiphertext> {
  const name = pinNameForClaim(opts.unpinClaim);
  let size = 0;
  const content =
    data instanceof Uint8Array
      ? ((size = data.byteLength), data)
      : (async function* countBytes() {
          for await (const chunk of data) {
            size += chunk.byteLength;
            yield chunk;
          }
        })();
  try {
    // Add unpinned, then pin: kubo-rpc-client's `add` has no pin-name option, but `pin.add` does
    // (Kubo ≥ 0.26). Blocks are unprotected in between, so a garbage collection run at that exact
    // moment would make the pin fail; the upload then fails and the browser retries it. (The CID
    // is known only once the bytes are added, so a refused upload below leaves unpinned blocks
    // for the node's garbage collection.)
    const added = await kuboClient().add(content, { ...CIPHERTEXT_ADD_OPTIONS, signal: opts.signal });
    const cid = added.cid.toString();
    // Reading the pin and pinning are one step under the CID's lock: two uploads of the same bytes
    // at once would otherwise both find it unpinned and the later pin would replace the earlier's
    // name. Never re-pin what is already pinned either: Kubo would replace the pin's name, so anyone
    // holding the same ciphertext (a clinician who downloaded it) could take over its owner's claim.
    await withCidLock(cid, async () => {
      if (await storageLedger().isRemoved(cid)) throw new CiphertextRemovedError();
      const existing = await readPinClaim(cid, { signal: opts.signal });
      if (existing.pinned) {
        if (existing.claim !== opts.unpinClaim) throw new UploadClaimedError();
        return;
      }
      await kuboClient().pin.add(cid, { recursive: true, signal: opts.signal, name });
    });
    return { cid, size };
  } catch (error) {
    throw toStorageError(error, opts.signal);
  }
}

/**
 * What the download route needs before it sends anything: the file is not removed (410), is
 * pinned (only pinned files are served, see the route) and has this many bytes.
 */
export async function lookUpCiphertext(cid: string, opts: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<{ readonly size: number }> {
  const canonical = parseCid(cid);
  try {
    if (await storageLedger().isRemoved(canonical)) throw new CiphertextRemovedError();
  } catch (error) {
    throw toStorageError(error, opts.signal);
  }
  const pin = await readPinClaim(canonical, opts);
  if (!pin.pinned) throw new CiphertextNotFoundError();
  return { size: await ciphertextSize(canonical, opts) };
}

/**
 * The size in bytes of the file under `cid`, from the root block alone (Kubo's `files/stat` on
 * `/ipfs/<cid>`; the embedded node answers it too), so a byte range can be checked against it.
 */
export async function ciphertextSize(cid: string, opts: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<number> {
  const canonical = parseCid(cid);
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? PIN_LOOKUP_TIMEOUT_MS);
  const signal = opts.signal === undefined ? timeout : AbortSignal.any([opts.signal, timeout]);
  try {
    const stat = await kuboClient().files.stat(`/ipfs/${canonical}`, { signal });
    if (stat.type !== 'file' || !Number.isSafeInteger(stat.size) || stat.size < 0) {
      throw new StorageError(undefined, { code: 'storage.not-a-file' });
    }
    return stat.size;
  } catch (error) {
    if (timeout.aborted && opts.signal?.aborted !== true) throw new IpfsUnavailableError({ cause: error });
    throw toStorageError(error, opts.signal, { notFoundIsPossible: true });
  }
}

/** Whether the node pins `cid` (recursively, as every upload is), and with which removal claim. */
export type PinClaim = { readonly pinned: false } | { readonly pinned: true; readonly claim: string | null };

/**
 * Reads the pin of `cid` and the removal claim in its name (null when unnamed or named by
 * something else). Only recursive pins are asked about: that is a direct index lookup in Kubo,
 * while "any" would walk every pinned DAG looking for an indirect pin.
 */
export async function readPinClaim(cid: string, opts: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<PinClaim> {
  const canonical = parseCid(cid);
  // A local index lookup: a node that takes longer than this is not answering at all.
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? PIN_LOOKUP_TIMEOUT_MS);
  const signal = opts.signal === undefined ? timeout : AbortSignal.any([opts.signal, timeout]);
  try {
    for await (const pin of kuboClient().pin.ls({ paths: [canonical], type: 'recursive', names: true, signal })) {
      return { pinned: true, claim: claimFromPinName(pin.name) };
    }
    return { pinned: false };
  } catch (error) {
    if (isKuboError(error) && NOT_PINNED_MESSAGE.test(error.message)) return { pinned: false };
    if (timeout.aborted && opts.signal?.aborted !== true) throw new IpfsUnavailableError({ cause: error });
    throw toStorageError(error, opts.signal);
  }
}

/**
 * Unpins `cid` if `secret` proves ownership: its SHA-256 must equal the claim the file was pinned
 * with. Resolves 'not-pinned' when there is nothing to unpin (already removed: removal is
 * idempotent). Throws UnpinForbiddenError for a wrong secret and UnpinUnclaimedError for a file
 * pinned without a claim, which nobody can prove they own. A file it unpins is tombstoned first
 * (lib/ipfs/storage-ledger.ts): never served or stored again.
 */
export async function unpinWithSecret(cid: string, secret: string, opts: { signal?: AbortSignal } = {}): Promise<'unpinned' | 'not-pinned'> {
  const canonical = parseCid(cid);
  if (!isUnpinHex(secret)) throw new UnpinForbiddenError();
  return withCidLock(canonical, async () => {
    const pin = await readPinClaim(canonical, opts);
    if (!pin.pinned) return 'not-pinned';
    if (pin.claim === null) throw new UnpinUnclaimedError();
    if (!secretMatchesClaim(secret, pin.claim)) throw new UnpinForbiddenError();
    // Tombstone first, durably: a crash before the unpin leaves a file that is never served and
    // that the owner's retry unpins; the other order could leave it unpinned and free to upload again.
    try {
      await storageLedger().recordRemoval(canonical);
    } catch (error) {
      throw toStorageError(error, opts.signal);
    }
    await unpinCiphertext(canonical, opts);
    return 'unpinned';
  });
}

/** SHA-256(secret) = claim, compared in constant time so response timing reveals nothing of the claim. */
function secretMatchesClaim(secret: string, claim: string): boolean {
  const digest = createHash('sha256').update(Buffer.from(secret, 'hex')).digest();
  const expected = Buffer.from(claim, 'hex');
  return digest.length === expected.length && timingSafeEqual(digest, expected);
}

/**
 * Streams the ciphertext stored under `cid`. Fails with `CiphertextNotFoundError` when the node
 * does not have it: a node that answers "not found" fails at once; a networked Kubo node that
 * keeps searching fails after `idleTimeoutMs` without data. The same limit applies between
 * chunks, so a transfer that stalls half-way ends with a `StorageError` instead of hanging.
 */
/** A byte range of a stored file; `length` absent means "to the end". */
export type ByteRange = { readonly offset: number; readonly length?: number };

export async function* readCiphertext(
  cid: string,
  opts: { signal?: AbortSignal; idleTimeoutMs?: number; range?: ByteRange } = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const canonical = parseCid(cid);
  const idleTimeoutMs = opts.idleTimeoutMs ?? DEFAULT_READ_IDLE_TIMEOUT_MS;
  const idle = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const restartIdleTimer = () => {
    clearTimeout(timer);
    timer = setTimeout(() => idle.abort(), idleTimeoutMs);
  };
  const signal = opts.signal === undefined ? idle.signal : AbortSignal.any([idle.signal, opts.signal]);

  let receivedBytes = false;
  restartIdleTimer();
  try {
    const range = opts.range ? { offset: opts.range.offset, length: opts.range.length } : {};
    for await (const chunk of kuboClient().cat(canonical, { signal, ...range })) {
      receivedBytes = true;
      restartIdleTimer();
      yield chunk;
    }
  } catch (error) {
    if (idle.signal.aborted && opts.signal?.aborted !== true) {
      if (!receivedBytes) throw new CiphertextNotFoundError({ cause: error });
      throw new StorageError('The storage node stopped sending this encrypted file part-way. Please try again.', {
        cause: error,
        code: ErrorCodes.storage.interrupted,
      });
    }
    throw toStorageError(error, opts.signal, { notFoundIsPossible: true });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Unpins the ciphertext so the node may garbage-collect it. Idempotent: content that is not
 * pinned counts as unpinned. (The blocks stay on disk until the node's garbage collection runs;
 * they are ciphertext, and the key that opens them is revoked separately.)
 */
export async function unpinCiphertext(cid: string, opts: { signal?: AbortSignal } = {}): Promise<void> {
  const canonical = parseCid(cid);
  try {
    await kuboClient().pin.rm(canonical, { recursive: true, signal: opts.signal });
  } catch (error) {
    if (isKuboError(error) && /not pinned/i.test(error.message)) return;
    throw toStorageError(error, opts.signal);
  }
}

// ---------------------------------------------------------------------------------------------

/** Tails of the per-CID queues; an entry lives only while work for that CID is queued. */
const cidLocks = new Map<string, Promise<void>>();

/**
 * Runs `task` once every earlier task for the same CID has finished, in this process. One app
 * server is one process; several would need the lock in the shared ledger (see storage-ledger.ts).
 */
async function withCidLock<T>(cid: string, task: () => Promise<T>): Promise<T> {
  const previous = cidLocks.get(cid) ?? Promise.resolve();
  const run = previous.then(task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  cidLocks.set(cid, tail);
  try {
    return await run;
  } finally {
    if (cidLocks.get(cid) === tail) cidLocks.delete(cid);
  }
}

const clients = new Map<string, KuboRPCClient>();

/** One client per configuration, so keep-alive connections are reused across requests. */
function kuboClient(): KuboRPCClient {
  const url = ipfsApiUrl();
  const authorization = ipfsApiAuthorization();
  const key = `${url} ${authorization ?? ''}`;
  let client = clients.get(key);
  if (client === undefined) {
    client = create({ url, ...(authorization !== undefined ? { headers: { authorization } } : {}) });
    clients.set(key, client);
  }
  return client;
}

/** Network-level failures meaning "nobody answered", as reported by Node's fetch (undici). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** Gateway statuses a proxy in front of the node returns when the node itself is down. */
const UNREACHABLE_STATUSES = new Set([502, 503, 504]);

/**
 * What Kubo and the embedded node say when content is missing: "block was not found locally
 * (offline)", "ipld: could not find …", "merkledag: not found", "no link named …".
 */
const NOT_FOUND_MESSAGE = /not found|could not find|no link named/i;

/** Kubo's `pin ls <cid>` answer for a CID without a pin of the asked type: "path '…' is not pinned". */
const NOT_PINNED_MESSAGE = /is not pinned/i;

type KuboHttpError = Error & { response?: { status?: number } };

function isKuboError(error: unknown): error is KuboHttpError {
  return error instanceof Error && (error.name === 'HTTPError' || error.name === 'TimeoutError');
}

function isUnreachable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
    // Node's fetch reports every connection failure as TypeError("fetch failed") with the cause.
    if (current instanceof TypeError && current.message === 'fetch failed') return true;
    current = current.cause;
  }
  return false;
}

function toStorageError(error: unknown, callerSignal: AbortSignal | undefined, opts: { notFoundIsPossible?: boolean } = {}): unknown {
  // The caller cancelled: let their own abort reason through untouched.
  if (callerSignal?.aborted === true) return error;
  if (error instanceof StorageError) return error;
  if (isKuboError(error)) {
    const status = error.response?.status;
    if (status !== undefined && UNREACHABLE_STATUSES.has(status)) return new IpfsUnavailableError({ cause: error });
    if (opts.notFoundIsPossible === true && (error.name === 'TimeoutError' || NOT_FOUND_MESSAGE.test(error.message))) {
      return new CiphertextNotFoundError({ cause: error });
    }
    return new StorageError(undefined, { cause: error });
  }
  if (isUnreachable(error)) return new IpfsUnavailableError({ cause: error });
  return new StorageError(undefined, { cause: error });
}
