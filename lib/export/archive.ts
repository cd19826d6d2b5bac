import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { strToU8, zipSync, type ZipOptions, type Zippable } from 'fflate';
import { RECORD_IDENTIFIER_SYSTEM, recordIdentifierValue } from './consents';
import { uniqueFileNames } from './file-names';
import type { ExportableRecord } from './types';

/** Records are stored under this folder, so no record name can collide with the manifest. */
export const ARCHIVE_RECORDS_FOLDER = 'records';
export const ARCHIVE_MANIFEST_NAME = 'manifest.json';
export const ARCHIVE_MANIFEST_FORMAT = 'chartkey-export/1';

export type ArchiveManifest = {
  readonly format: typeof ARCHIVE_MANIFEST_FORMAT;
  /** ISO 8601 instant the archive was built. */
  readonly exportedAt: string;
  readonly records: readonly {
    /** Path inside the archive, e.g. "records/Blood test.pdf". */
    readonly path: string;
    /** The name the record was uploaded with (before making it safe for a file system). */
    readonly originalName: string;
    readonly mediaType: string;
    /** ISO 8601 instant the record was added to Chartkey. */
    readonly createdAt: string;
    readonly size: number;
    /** Lets the patient (or a receiving system) check each file arrived intact. */
    readonly sha256: string;
    /** The record as the exported FHIR Consents reference it (provision.data), when known. */
    readonly identifier?: { readonly system: typeof RECORD_IDENTIFIER_SYSTEM; readonly value: string };
  }[];
};

/** ZIP timestamps (MS-DOS format) can only hold 1980–2099; fflate refuses anything outside. */
const ZIP_EARLIEST = new Date(1980, 0, 1, 0, 0, 2).getTime();
const ZIP_LATEST = new Date(2099, 11, 31, 23, 59, 58).getTime();

function zipTime(epochMs: number): number {
  if (!Number.isFinite(epochMs)) return ZIP_EARLIEST;
  return Math.min(Math.max(epochMs, ZIP_EARLIEST), ZIP_LATEST);
}

/** Formats that are already compressed: deflating them again costs time and saves nothing. */
const ALREADY_COMPRESSED = /^(image\/(jpeg|png|gif|webp|avif|heic|heif)|video\/|audio\/|application\/(pdf|zip|gzip|x-7z-compressed|x-rar-compressed))/i;

function isoInstant(epochMs: number): string {
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

/**
 * A ZIP of every decrypted record under `records/`, with a `manifest.json` listing each file's
 * original name, type, date, size and SHA-256. Names are made safe and unique.
 */
export function buildRecordsArchive(records: readonly ExportableRecord[], options: { readonly exportedAt?: Date } = {}): Uint8Array {
  const exportedAt = options.exportedAt ?? new Date();
  const names = uniqueFileNames(records);
  // Null prototype: a record named "__proto__" must be a file, not a prototype change.
  const folder = Object.create(null) as Zippable;
  const manifestRecords: ArchiveManifest['records'][number][] = [];

  records.forEach((record, index) => {
    const name = names[index] ?? `record-${index + 1}`;
    const fileOptions: ZipOptions = { mtime: zipTime(record.createdAt), level: ALREADY_COMPRESSED.test(record.mediaType) ? 0 : 6 };
    folder[name] = [record.plaintext, fileOptions];
    manifestRecords.push({
      path: `${ARCHIVE_RECORDS_FOLDER}/${name}`,
      originalName: record.name,
      mediaType: record.mediaType,
      createdAt: isoInstant(record.createdAt),
      size: record.plaintext.length,
      sha256: bytesToHex(sha256(record.plaintext)),
      ...(record.recordId !== undefined && { identifier: { system: RECORD_IDENTIFIER_SYSTEM, value: recordIdentifierValue(record.recordId) } }),
    });
  });

  const manifest: ArchiveManifest = { format: ARCHIVE_MANIFEST_FORMAT, exportedAt: exportedAt.toISOString(), records: manifestRecords };
  const mtime = zipTime(exportedAt.getTime());
  return zipSync({
    [ARCHIVE_MANIFEST_NAME]: [strToU8(`${JSON.stringify(manifest, null, 2)}\n`), { mtime, level: 6 }],
    [ARCHIVE_RECORDS_FOLDER]: [folder, { mtime }],
  });
}
