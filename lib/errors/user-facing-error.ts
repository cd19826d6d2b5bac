/**
 * Errors our own modules raise for conditions a user can understand and act on. The message is
 * a complete sentence safe to show as-is: it says what happened and what to do, and never
 * contains record contents, file names or keys.
 */
export class UserFacingError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UserFacingError';
  }
}
