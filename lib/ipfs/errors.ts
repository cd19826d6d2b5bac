import { ErrorCodes, type ErrorCode } from '@/lib/errors/codes';
import { UserFacingError } from '@/lib/errors/user-facing-error';

/**
 * Typed errors for storing and fetching encrypted records. Shared by the browser client and the
 * server module, so this file must stay free of Node-only imports. Every message is a complete
 * sentence safe to show as-is: it never contains a CID, file name or any record content.
 * They extend `UserFacingError`, so `parseError` shows their sentence unchanged.
 */

/** Any storage failure; also the fallback when nothing more specific applies. */
export class StorageError extends UserFacingError {
  constructor(
    message = 'Something went wrong while storing or fetching the encrypted file. Please try again.',
    options?: { cause?: unknown; code?: ErrorCode },
  ) {
    super(options?.code ?? ErrorCodes.storage.failed, message, options);
    this.name = 'StorageError';
  }
}

/** Server side: the IPFS node behind the app does not answer (down, refused, unreachable). */
export class IpfsUnavailableError extends StorageError {
  constructor(options?: { cause?: unknown }) {
    super(
      'The storage node is not reachable right now, so encrypted files cannot be stored or fetched. Check that the IPFS node is running and that IPFS_API_URL points to it.',
      { ...options, code: ErrorCodes.storage.unavailable },
    );
    this.name = 'IpfsUnavailableError';
  }
}

/** The storage node does not have this content (or could not find it in time). */
export class CiphertextNotFoundError extends StorageError {
  constructor(options?: { cause?: unknown }) {
    super(
      'This encrypted file could not be found on the storage node. It may have been removed, or the app may be connected to a different storage node than the one that holds it.',
      { ...options, code: ErrorCodes.storage.notFound },
    );
    this.name = 'CiphertextNotFoundError';
  }
}

/** The text given as a storage reference is not a CID this app could have produced. */
export class InvalidCidError extends StorageError {
  constructor(options?: { cause?: unknown }) {
    super('That storage reference is not valid. Check that it was copied completely.', {
      ...options,
      code: ErrorCodes.storage.invalidCid,
    });
    this.name = 'InvalidCidError';
  }
}

/** Browser side: the app's storage route (or the node behind it) cannot be reached. */
export class StorageUnavailableError extends StorageError {
  constructor(options?: { cause?: unknown }) {
    super(
      'Encrypted storage is not reachable right now. Nothing was lost: your encrypted file is kept in this browser; try again when your connection or the storage service is back.',
      { ...options, code: ErrorCodes.storage.unavailable },
    );
    this.name = 'StorageUnavailableError';
  }
}

/** Browser side: the server refused the upload because it is larger than the allowed maximum. */
export class UploadTooLargeError extends StorageError {
  constructor(options?: { cause?: unknown }) {
    super(
      'This encrypted file is larger than the storage service accepts, so it was not uploaded. Your encrypted file is kept in this browser; choose a smaller file or split the record and try again.',
      { ...options, code: ErrorCodes.storage.tooLarge },
    );
    this.name = 'UploadTooLargeError';
  }
}

/**
 * A removal request whose secret does not match the claim the file was stored with: it is not
 * the owner's (or not for this file), so nothing was deleted.
 */
export class UnpinForbiddenError extends StorageError {
  constructor(options?: { cause?: unknown }) {
    super('The storage node could not confirm that this encrypted file is yours, so it was not deleted.', {
      ...options,
      code: ErrorCodes.unpin.forbidden,
    });
    this.name = 'UnpinForbiddenError';
  }
}

/** The file was stored without a removal claim (before removal existed), so nobody can prove ownership. */
export class UnpinUnclaimedError extends StorageError {
  constructor(options?: { cause?: unknown }) {
    super(
      'This file was stored before removal from storage was possible, so the storage node keeps its encrypted copy.',
      { ...options, code: ErrorCodes.unpin.unclaimed },
    );
    this.name = 'UnpinUnclaimedError';
  }
}

/**
 * The file was removed from storage by its owner, and removal is final: it is never served or
 * stored again, even by someone who kept a copy of the ciphertext.
 */
export class CiphertextRemovedError extends StorageError {
  constructor(options?: { cause?: unknown }) {
    super('This encrypted file was removed from storage by its owner, so it can no longer be fetched or stored again.', {
      ...options,
      code: 'storage.removed',
    });
    this.name = 'CiphertextRemovedError';
  }
}

/**
 * The same ciphertext is already stored under someone else's removal claim. Only its first
 * uploader can remove it, so a second upload with another claim is refused rather than merged.
 */
export class UploadClaimedError extends StorageError {
  constructor(options?: { cause?: unknown }) {
    super('This encrypted file is already stored by someone else, so it was not stored again under your name.', {
      ...options,
      code: 'upload.claimed-by-another',
    });
    this.name = 'UploadClaimedError';
  }
}

/** The upload is not a Chartkey envelope (plain text, HTML, a PDF…): the storage service keeps only encrypted records. */
export class NotAnEnvelopeError extends StorageError {
  constructor(options?: { cause?: unknown }) {
    super('The storage service only accepts records encrypted by Chartkey, and this upload is not one.', {
      ...options,
      code: 'upload.not-an-envelope',
    });
    this.name = 'NotAnEnvelopeError';
  }
}
