import { createHash } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildRecordsArchive, type ArchiveManifest } from './archive';
import { buildConsentResources } from './consents';
import type { ExportableRecord } from './types';

const bytes = (text: string) => new TextEncoder().encode(text);
const createdAt = Date.UTC(2024, 3, 18, 9, 30);
const PATIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const CLINICIAN = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

function randomBytes(length: number): Uint8Array {
  // Deterministic, incompressible-looking content (an LCG), so the test is reproducible.
  const out = new Uint8Array(length);
  let state = 12345;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

const records: ExportableRecord[] = [
  { name: 'Blood test.pdf', mediaType: 'application/pdf', createdAt, plaintext: randomBytes(70_000) },
  { name: 'blood TEST.pdf', mediaType: 'application/pdf', createdAt, plaintext: bytes('%PDF-1.7 second') },
  { name: '../../etc/passwd', mediaType: 'text/plain', createdAt, plaintext: bytes('not a path') },
  { name: 'Clinic letter', mediaType: 'text/plain', createdAt, plaintext: bytes('Dear Ada,\n') },
  { name: 'Zoë’s scan.png', mediaType: 'image/png', createdAt, plaintext: randomBytes(1000) },
  { name: 'manifest.json', mediaType: 'application/json', createdAt: 0, plaintext: bytes('{"mine": true}') },
  { name: '', mediaType: 'application/octet-stream', createdAt, plaintext: new Uint8Array([0, 1, 2]) },
];

describe('buildRecordsArchive', () => {
  const exportedAt = new Date(Date.UTC(2024, 4, 2, 12));
  const archive = buildRecordsArchive(records, { exportedAt });
  const files = unzipSync(archive);
  const manifest = JSON.parse(strFromU8(files['manifest.json'] ?? new Uint8Array())) as ArchiveManifest;

  it('round-trips every record byte for byte under unique, safe names', () => {
    const recordPaths = Object.keys(files).filter((path) => path.startsWith('records/') && path !== 'records/');
    expect(recordPaths).toEqual([
      'records/Blood test.pdf',
      'records/blood TEST (2).pdf',
      'records/_.._etc_passwd.txt',
      'records/Clinic letter.txt',
      'records/Zoë’s scan.png',
      'records/manifest.json',
      'records/record',
    ]);
    expect(new Set(recordPaths.map((p) => p.toLowerCase())).size).toBe(records.length);
    recordPaths.forEach((path, i) => expect(files[path]).toEqual(records[i]?.plaintext));
  });

  it('writes a manifest with original names, types, dates, sizes and SHA-256 of each file', () => {
    expect(manifest.format).toBe('chartkey-export/1');
    expect(manifest.exportedAt).toBe('2024-05-02T12:00:00.000Z');
    expect(manifest.records).toHaveLength(records.length);
    manifest.records.forEach((entry, i) => {
      const record = records[i];
      expect(entry).toEqual({
        path: expect.stringMatching(/^records\//),
        originalName: record?.name,
        mediaType: record?.mediaType,
        createdAt: new Date(record?.createdAt ?? -1).toISOString(),
        size: record?.plaintext.length,
        sha256: createHash('sha256').update(record?.plaintext ?? new Uint8Array()).digest('hex'),
      });
      expect(files[entry.path]).toBeDefined();
    });
  });

  it('names each record as the Consent export references it, when its number is known', () => {
    const withIds = buildRecordsArchive([
      { name: 'ecg.txt', mediaType: 'text/plain', createdAt, plaintext: bytes('72 bpm'), recordId: 7n },
      { name: 'older.txt', mediaType: 'text/plain', createdAt, plaintext: bytes('no id') },
    ]);
    const listed = (JSON.parse(strFromU8(unzipSync(withIds)['manifest.json'] ?? new Uint8Array())) as ArchiveManifest).records;
    const consent = buildConsentResources([{ recordId: 7n, clinician: CLINICIAN, expiresAt: 2_000_000_000n, status: 'active' }], { patient: PATIENT });
    expect(listed[0]?.identifier).toEqual(consent.entry[0]?.resource.provision.data?.[0]?.reference.identifier);
    expect(listed[0]?.identifier).toEqual({ system: 'https://chartkey.app/record', value: 'chartkey-record-7' });
    expect(listed[1]).not.toHaveProperty('identifier');
  });

  it('stores already-compressed formats and deflates text', () => {
    const big = bytes('Potassium 4.1 mmol/L\n'.repeat(5000));
    const textOnly = buildRecordsArchive([{ name: 'labs.txt', mediaType: 'text/plain', createdAt, plaintext: big }]);
    expect(textOnly.length).toBeLessThan(big.length / 10);
    const pdf = buildRecordsArchive([{ name: 'a.pdf', mediaType: 'application/pdf', createdAt, plaintext: big }]);
    expect(pdf.length).toBeGreaterThan(big.length);
  });

  it('accepts record dates a ZIP cannot hold, and an empty list', () => {
    const odd = buildRecordsArchive([
      { name: 'old.txt', mediaType: 'text/plain', createdAt: 0, plaintext: bytes('1970') },
      { name: 'future.txt', mediaType: 'text/plain', createdAt: Date.UTC(2300, 0, 1), plaintext: bytes('2300') },
    ]);
    expect(strFromU8(unzipSync(odd)['records/future.txt'] ?? new Uint8Array())).toBe('2300');
    const empty = unzipSync(buildRecordsArchive([]));
    expect(Object.keys(empty)).toContain('manifest.json');
    expect(JSON.parse(strFromU8(empty['manifest.json'] ?? new Uint8Array()))).toMatchObject({ records: [] });
  });
});
