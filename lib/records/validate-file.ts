import { MAX_RECORD_BYTES } from '@/lib/limits';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import type { RecordKind } from '@/lib/crypto';

const MIB = 1024 * 1024;

/** Refuses a file before any work is done, with a sentence that says what to do instead. */
export function validateRecordFile(file: { readonly size: number }): void {
  if (file.size === 0) {
    throw new UserFacingError('upload.empty', 'This file is empty, so there is nothing to save. Choose another file.');
  }
  if (file.size > MAX_RECORD_BYTES) {
    const limit = Math.round(MAX_RECORD_BYTES / MIB);
    const actual = (file.size / MIB).toFixed(1);
    throw new UserFacingError(
      'upload.too-large',
      `This file is ${actual} MB; Chartkey accepts files up to ${limit} MB. Split it or export a smaller version, then try again.`,
    );
  }
}

/** A coarse kind for display and filtering, kept inside the encrypted metadata only. */
export function recordKindFor(mediaType: string, name: string): RecordKind {
  const lowerName = name.toLowerCase();
  if (mediaType === 'application/fhir+json' || lowerName.endsWith('.fhir.json')) return 'fhir';
  if (mediaType.startsWith('image/')) return 'image';
  if (mediaType === 'application/pdf' || mediaType.startsWith('text/') || mediaType === 'application/json') return 'document';
  return 'other';
}
