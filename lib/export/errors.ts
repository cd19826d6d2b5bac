import type { AreaCode } from '@/lib/errors/codes';
import { UserFacingError } from '@/lib/errors/user-facing-error';

export type ExportErrorCode = AreaCode<'export'>;

/** A patient's export could not be built; the message says what to do and never names a record. */
export class ExportError extends UserFacingError {
  constructor(code: ExportErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'ExportError';
  }
}
