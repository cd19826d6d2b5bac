import { ErrorCodes } from '@/lib/errors/codes';
import { UserFacingError } from '@/lib/errors/user-facing-error';

/**
 * Reading consent state from the chain failed (network down, RPC refused the query, or no consent
 * contract at the configured address). The message is safe to show; the RPC error is kept as `cause`.
 */
export class ConsentReadError extends UserFacingError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCodes.consent.readFailed, message, options);
    this.name = 'ConsentReadError';
  }
}
