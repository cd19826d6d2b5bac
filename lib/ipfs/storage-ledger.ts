/**
 * The storage service's own memory, beside the IPFS node: what the node cannot be trusted to
 * remember. Today that is tombstones, the CIDs whose owners removed them: the node forgets a file
 * once it is unpinned, and anyone who kept a copy of the ciphertext (a clinician whose access
 * ended) could otherwise upload it again and have it served again.
 *
 * Server only (node:fs). `StorageLedger` is the interface the routes use; this file-backed ledger
 * suits one app server. A PostgreSQL implementation is meant to follow, behind the same interface,
 * once the service has accounts: it will also hold which account uploaded which CID, quotas and
 * rate limits, and let several app servers share tombstones (and the per-CID lock in
 * lib/ipfs/server.ts becomes a row lock or compare-and-set there).
 */
import 'server-only';
import { closeSync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';

export interface StorageLedger {
  /** Whether `cid` (canonical CID text) was removed by its owner. */
  isRemoved(cid: string): Promise<boolean>;
  /**
   * Remembers that `cid` was removed. Resolves only once the tombstone is durable (on disk,
   * fsynced), so callers record it before unpinning: a crash in between leaves a tombstoned file
   * still pinned (never served; the owner's retry unpins it), never an unpinned file without one.
   */
  recordRemoval(cid: string): Promise<void>;
}

/** Where the ledger lives unless `STORAGE_LEDGER_DIR` says otherwise (relative to the working directory). */
export const DEFAULT_STORAGE_LEDGER_DIR = path.join('.chartkey', 'storage-ledger');
const TOMBSTONES_FILE = 'tombstones.log';

type Env = Readonly<Record<string, string | undefined>>;

export function storageLedgerDir(env: Env = process.env): string {
  const configured = env.STORAGE_LEDGER_DIR?.trim();
  return path.resolve(configured === undefined || configured === '' ? DEFAULT_STORAGE_LEDGER_DIR : configured);
}

/**
 * Tombstones in an append-only text file, one CID per line. Each tombstone is appended as
 * "\n<cid>\n" and fsynced before `recordRemoval` resolves: a write torn by a crash can only leave
 * a partial line between two line breaks, which reading skips, and never glues onto the next one.
 * Other processes appending to the same file (a second server on one disk) are picked up: each
 * lookup reads whatever the file grew by since the last.
 */
export class FileStorageLedger implements StorageLedger {
  private readonly file: string;
  private readonly removed = new Set<string>();
  private readBytes = 0;
  /** Bytes of a line not yet ended by "\n" at the last read (another writer mid-append). */
  private partial = '';
  private reading: Promise<void> | undefined;
  private fileReady = false;

  constructor(readonly dir: string) {
    this.file = path.join(dir, TOMBSTONES_FILE);
  }

  async isRemoved(cid: string): Promise<boolean> {
    if (this.removed.has(cid)) return true;
    await this.catchUp();
    return this.removed.has(cid);
  }

  async recordRemoval(cid: string): Promise<void> {
    if (!/^[0-9A-Za-z]+$/.test(cid)) throw new TypeError('A tombstone must be canonical CID text.');
    this.ensureFile();
    const handle = await open(this.file, 'a');
    try {
      await handle.appendFile(`\n${cid}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    this.removed.add(cid);
  }

  /** Creates the directory and file once, fsyncing the directory so the new file's entry survives a crash. */
  private ensureFile(): void {
    if (this.fileReady) return;
    mkdirSync(this.dir, { recursive: true });
    const fd = openSync(this.file, 'a');
    closeSync(fd);
    const dirFd = openSync(this.dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
    this.fileReady = true;
  }

  private catchUp(): Promise<void> {
    // One read at a time: concurrent lookups wait for the same read instead of racing on readBytes.
    this.reading ??= this.readNewLines().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async readNewLines(): Promise<void> {
    let size: number;
    try {
      size = (await stat(this.file)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    if (size <= this.readBytes) return;
    const handle = await open(this.file, 'r');
    try {
      const buffer = Buffer.alloc(size - this.readBytes);
      const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, this.readBytes);
      this.readBytes += bytesRead;
      const lines = (this.partial + buffer.subarray(0, bytesRead).toString('latin1')).split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) if (/^[0-9A-Za-z]+$/.test(line)) this.removed.add(line);
    } finally {
      await handle.close();
    }
  }
}

const ledgers = new Map<string, FileStorageLedger>();

/** The ledger for the configured directory; one per directory, so lookups share its cache. */
export function storageLedger(env: Env = process.env): StorageLedger {
  const dir = storageLedgerDir(env);
  let ledger = ledgers.get(dir);
  if (ledger === undefined) {
    ledger = new FileStorageLedger(dir);
    ledgers.set(dir, ledger);
  }
  return ledger;
}
