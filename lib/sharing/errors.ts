import { UserFacingError } from '@/lib/errors/user-facing-error';

export type SharingErrorCode =
  | 'sharing.clinician-key-missing'
  | 'sharing.nothing-selected'
  | 'sharing.record-gone';

/** A sharing plan could not be built; the message is a sentence safe to show as-is (no names, no CIDs). */
export class SharingError extends UserFacingError {
  constructor(
    override readonly code: SharingErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'SharingError';
  }
}
