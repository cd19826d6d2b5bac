import type { ErrorCode } from './codes';

/**
 * The one base class for errors Chartkey raises on purpose. The `code` comes from `ErrorCodes`;
 * the message is a complete sentence we wrote, safe to show as-is: it says what happened and what
 * to do, and never contains record contents, file names, keys or CIDs. `parseError` shows the
 * message of these errors only: anything else (a library's, the browser's) gets a fallback sentence.
 *
 * Server configuration errors are the one kind whose message is written for the operator (it names
 * the variable to fix); they never leave the server.
 */
export class UserFacingError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UserFacingError';
  }
}
