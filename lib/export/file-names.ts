/**
 * File names inside the export ZIP. Record names come from whatever the patient uploaded, so
 * they are made safe to extract on Windows, macOS and Linux (no paths, no reserved names, no
 * invisible direction marks that disguise an extension) and unique ignoring case, because
 * macOS and Windows file systems would make "Scan.pdf" and "scan.pdf" overwrite each other.
 * Hand-written: the rules are few and specific to ZIP extraction; the sanitising packages on
 * npm target a single OS or URL slugs.
 */

import { BIDI_CONTROLS } from '@/lib/text/display-text';

const MAX_STEM_CHARS = 100;
const FALLBACK_STEM = 'record';

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/g;
/** Characters Windows forbids in names; "/" and "\\" would also create folders. */
const FORBIDDEN_CHARS = /[<>:"/\\|?*]/g;
const WINDOWS_RESERVED_STEM = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** A sensible extension for records saved without one (notes are named by their title). */
const EXTENSION_FOR_MEDIA_TYPE: Readonly<Record<string, string>> = {
  'text/plain': '.txt',
  'text/markdown': '.md',
  'text/csv': '.csv',
  'application/json': '.json',
  'application/fhir+json': '.json',
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
};

/** An extension is a final dot and 1–16 letters or digits ("x.tar.gz" → ".gz"; "v1.2 draft" has none). */
const EXTENSION = /^(.+?)(\.[\p{L}\p{N}]{1,16})$/u;

function splitExtension(name: string): { stem: string; extension: string } {
  const match = EXTENSION.exec(name);
  return match ? { stem: match[1] ?? name, extension: match[2] ?? '' } : { stem: name, extension: '' };
}

/** Truncates by code points so a name never ends in half a surrogate pair. */
function truncate(text: string, maxChars: number): string {
  const chars = Array.from(text);
  return chars.length <= maxChars ? text : chars.slice(0, maxChars).join('');
}

/** A single safe file name (no folders) for a record; never empty. */
export function sanitiseFileName(name: string, mediaType = ''): string {
  const cleaned = name
    .normalize('NFC')
    .replace(CONTROL_CHARS, '')
    .replace(BIDI_CONTROLS, '')
    .replace(FORBIDDEN_CHARS, '_')
    .replace(/\s+/g, ' ')
    // No hidden files or "..", and no trailing dots or spaces (Windows drops them silently).
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const split = splitExtension(cleaned);
  let stem = truncate(split.stem.trim(), MAX_STEM_CHARS).trim() || FALLBACK_STEM;
  if (WINDOWS_RESERVED_STEM.test(stem)) stem = `${stem}_`;
  const baseType = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  const extension = split.extension || (EXTENSION_FOR_MEDIA_TYPE[baseType] ?? '');
  return `${stem}${extension}`;
}

/**
 * Safe names for each record, in order, unique ignoring case: later duplicates become
 * "name (2).ext", "name (3).ext"…
 */
export function uniqueFileNames(records: readonly { readonly name: string; readonly mediaType: string }[]): string[] {
  const used = new Set<string>();
  return records.map(({ name, mediaType }) => {
    const safe = sanitiseFileName(name, mediaType);
    const { stem, extension } = splitExtension(safe);
    let candidate = safe;
    for (let copy = 2; used.has(candidate.toLowerCase()); copy++) candidate = `${stem} (${copy})${extension}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

export type ExportFileKind = 'records' | 'fhir' | 'consents';

const EXPORT_FILE_EXTENSIONS: Readonly<Record<ExportFileKind, string>> = { records: 'zip', fhir: 'json', consents: 'json' };

/** "chartkey-records-2024-05-02.zip": the date is the patient's local calendar day. */
export function exportFileName(kind: ExportFileKind, date: Date): string {
  const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()].map((part, i) => String(part).padStart(i === 0 ? 4 : 2, '0')).join('-');
  return `chartkey-${kind}-${day}.${EXPORT_FILE_EXTENSIONS[kind]}`;
}
