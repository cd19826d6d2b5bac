import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_STORAGE_LEDGER_DIR, FileStorageLedger, storageLedger, storageLedgerDir } from './storage-ledger';

const CID_A = 'bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4';
const CID_B = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';

describe('FileStorageLedger', () => {
  let dir: string;
  beforeEach(async () => {
    dir = path.join(await mkdtemp(path.join(tmpdir(), 'chartkey-ledger-test-')), 'nested', 'ledger');
  });
  afterEach(async () => {
    await rm(path.dirname(path.dirname(dir)), { recursive: true, force: true });
  });

  it('knows nothing before the first removal, without creating anything', async () => {
    expect(await new FileStorageLedger(dir).isRemoved(CID_A)).toBe(false);
  });

  it('remembers removals on disk, for a restarted server too', async () => {
    const ledger = new FileStorageLedger(dir);
    await ledger.recordRemoval(CID_A);
    await ledger.recordRemoval(CID_A);
    expect(await ledger.isRemoved(CID_A)).toBe(true);
    expect(await ledger.isRemoved(CID_B)).toBe(false);
    expect(await new FileStorageLedger(dir).isRemoved(CID_A)).toBe(true);
    expect(await readFile(path.join(dir, 'tombstones.log'), 'utf8')).toBe(`\n${CID_A}\n\n${CID_A}\n`);
  });

  it('picks up tombstones another process appends, and a torn write never swallows the next tombstone', async () => {
    const reader = new FileStorageLedger(dir);
    const writer = new FileStorageLedger(dir);
    await writer.recordRemoval(CID_A);
    expect(await reader.isRemoved(CID_A)).toBe(true);
    // A crash half-way through an append leaves part of a line; the next tombstone still counts.
    await appendFile(path.join(dir, 'tombstones.log'), `\n${CID_B.slice(0, 20)}`);
    expect(await reader.isRemoved(CID_B)).toBe(false);
    await writer.recordRemoval(CID_B);
    expect(await reader.isRemoved(CID_B)).toBe(true);
    expect(await new FileStorageLedger(dir).isRemoved(CID_B)).toBe(true);
    expect(await new FileStorageLedger(dir).isRemoved(CID_B.slice(0, 20))).toBe(true); // harmless: no real CID is that short
  });

  it('refuses anything but CID text as a tombstone', async () => {
    await expect(new FileStorageLedger(dir).recordRemoval(`${CID_A}\n${CID_B}`)).rejects.toThrow(TypeError);
  });
});

describe('storageLedgerDir / storageLedger', () => {
  it('reads STORAGE_LEDGER_DIR, defaulting under .chartkey/', () => {
    expect(storageLedgerDir({})).toBe(path.resolve(DEFAULT_STORAGE_LEDGER_DIR));
    expect(storageLedgerDir({ STORAGE_LEDGER_DIR: ' ' })).toBe(path.resolve('.chartkey', 'storage-ledger'));
    expect(storageLedgerDir({ STORAGE_LEDGER_DIR: '/var/lib/chartkey/ledger' })).toBe('/var/lib/chartkey/ledger');
  });

  it('shares one ledger per directory', () => {
    expect(storageLedger({ STORAGE_LEDGER_DIR: '/tmp/a' })).toBe(storageLedger({ STORAGE_LEDGER_DIR: '/tmp/a' }));
    expect(storageLedger({ STORAGE_LEDGER_DIR: '/tmp/a' })).not.toBe(storageLedger({ STORAGE_LEDGER_DIR: '/tmp/b' }));
  });
});
