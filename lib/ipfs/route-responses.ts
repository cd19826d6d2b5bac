/**
 * HTTP responses for the `/api/ipfs` route handlers: every failure becomes
 * `{ error: { code, message } }` with a status the browser client maps back to a typed error.
 */
import 'server-only';
import { ErrorCodes, type ErrorCode } from '@/lib/errors/codes';
import { IpfsConfigError } from './config';
import {
  CiphertextNotFoundError,
  CiphertextRemovedError,
  InvalidCidError,
  IpfsUnavailableError,
  NotAnEnvelopeError,
  StorageError,
  UnpinForbiddenError,
  UnpinUnclaimedError,
  UploadClaimedError,
  UploadTooLargeError,
} from './errors';

export type ErrorBody = { readonly error: { readonly code: ErrorCode; readonly message: string } };

export function errorResponse(status: number, code: ErrorCode, message: string): Response {
  const body: ErrorBody = { error: { code, message } };
  // Errors are never cached: the same CID may be found a moment later.
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** Maps any failure from `lib/ipfs/server` to a response, logging only a code for server faults. */
export function storageErrorResponse(error: unknown, route: string): Response {
  const { status, code, message } = describe(error);
  // Only the code: never the CID, the content or the underlying message (it may contain either).
  // A configuration error's message names the variable to fix and nothing else, so it is logged.
  if (error instanceof IpfsConfigError) console.error(`[${route}] ${code}: ${error.message}`);
  else if (status >= 500) console.error(`[${route}] ${code}`);
  return errorResponse(status, code, message);
}

function describe(error: unknown): { status: number; code: ErrorCode; message: string } {
  if (error instanceof InvalidCidError) return { status: 400, code: error.code, message: error.message };
  if (error instanceof CiphertextNotFoundError) return { status: 404, code: error.code, message: error.message };
  // Gone for good, not merely missing: the owner removed it, and clients should stop asking.
  if (error instanceof CiphertextRemovedError) return { status: 410, code: error.code, message: error.message };
  if (error instanceof UploadClaimedError) return { status: 409, code: error.code, message: error.message };
  if (error instanceof NotAnEnvelopeError) return { status: 415, code: error.code, message: error.message };
  if (error instanceof UploadTooLargeError) return { status: 413, code: error.code, message: error.message };
  if (error instanceof IpfsUnavailableError) return { status: 503, code: error.code, message: error.message };
  if (error instanceof UnpinForbiddenError) return { status: 403, code: error.code, message: error.message };
  if (error instanceof UnpinUnclaimedError) return { status: 409, code: error.code, message: error.message };
  // The node answered, but with an error: a bad gateway from the browser's point of view.
  if (error instanceof StorageError) return { status: 502, code: error.code, message: error.message };
  if (error instanceof IpfsConfigError) {
    return {
      status: 500,
      code: error.code,
      message: 'Encrypted storage is not set up correctly on this server. Please tell the site’s operator.',
    };
  }
  return { status: 500, code: ErrorCodes.server.internal, message: 'Something went wrong on the server. Please try again.' };
}
