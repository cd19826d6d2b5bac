import { ErrorCodes, type AreaCode } from '@/lib/errors/codes';
import { UserFacingError } from '@/lib/errors/user-facing-error';

/**
 * Every failure in `lib/crypto` is a `CryptoError` with a stable machine-readable `code`
 * (`ErrorCodes.crypto`, also used by the worker protocol) and a `message` written for patients and
 * clinicians, not developers. Messages never include record contents, file names, keys or CIDs.
 */
export type CryptoErrorCode = AreaCode<'crypto'>;

const CODE = ErrorCodes.crypto;

export class CryptoError extends UserFacingError {
  override name = 'CryptoError';
  declare readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/**
 * The key does not open this record or locator. Without key commitment a wrong key and a
 * damaged header are indistinguishable, so the message mentions both possibilities.
 */
export class WrongKeyError extends CryptoError {
  override name = 'WrongKeyError';
  constructor(options?: { cause?: unknown }) {
    super(
      CODE.wrongKey,
      "This record can't be opened with your key. It may not have been shared with you, or it may have been damaged.",
      options,
    );
  }
}

export class TamperedError extends CryptoError {
  override name = 'TamperedError';
  constructor(options?: { cause?: unknown }) {
    super(
      CODE.tampered,
      "This record was changed or damaged after it was encrypted, so it can't be opened safely.",
      options,
    );
  }
}

export class TruncatedError extends CryptoError {
  override name = 'TruncatedError';
  constructor(options?: { cause?: unknown }) {
    super(
      CODE.truncated,
      "Part of this record is missing, so it can't be opened safely. Please try downloading it again.",
      options,
    );
  }
}

export class UnsupportedVersionError extends CryptoError {
  override name = 'UnsupportedVersionError';
  constructor(options?: { cause?: unknown }) {
    super(
      CODE.unsupportedVersion,
      "This record was saved in a format this version of Chartkey doesn't understand. Please update the app and try again.",
      options,
    );
  }
}

export class NonDeterministicSignerError extends CryptoError {
  override name = 'NonDeterministicSignerError';
  constructor(options?: { cause?: unknown }) {
    super(
      CODE.nonDeterministicSigner,
      "Your wallet gave a different signature each time, so Chartkey can't rebuild the same encryption key from it. Please use a wallet account that signs messages the same way every time (smart-contract wallets usually don't).",
      options,
    );
  }
}

export class RegisteredKeyMismatchError extends CryptoError {
  override name = 'RegisteredKeyMismatchError';
  constructor(options?: { cause?: unknown }) {
    super(
      CODE.registeredKeyMismatch,
      "The key your wallet produced doesn't match the one registered for your account. Please make sure you're using the same wallet and account you registered with.",
      options,
    );
  }
}

export class InvalidSignatureError extends CryptoError {
  override name = 'InvalidSignatureError';
  constructor(options?: { cause?: unknown }) {
    super(CODE.invalidSignature, "Your wallet returned a signature Chartkey can't read. Please try signing again.", options);
  }
}

/** A programming or input mistake (wrong key length, metadata too long, size mismatch…). */
export class InvalidInputError extends CryptoError {
  override name = 'InvalidInputError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(CODE.invalidInput, message, options);
  }
}

/** Something unexpected broke (a bug or the browser killed the worker); retrying may help. */
/**
 * A sealed locator (a share) that is malformed: too short or too long, or holding something other
 * than a CID. Written by a broken or hostile sender, so the reader gets one sentence and nothing is
 * fetched.
 */
export class InvalidShareError extends CryptoError {
  override name = 'InvalidShareError';
  constructor(options?: { cause?: unknown }) {
    super(CODE.invalidShare, 'This share is invalid or damaged, so it can’t be opened. Ask the person who shared it to share it again.', options);
  }
}

export class InternalCryptoError extends CryptoError {
  override name = 'InternalCryptoError';
  constructor(options?: { cause?: unknown }) {
    super(CODE.internal, 'Something went wrong while encrypting or decrypting. Please try again.', options);
  }
}

/** Rebuilds the right subclass from a code, e.g. after an error crossed the worker boundary. */
export function cryptoErrorFromCode(code: CryptoErrorCode, message: string): CryptoError {
  switch (code) {
    case CODE.wrongKey:
      return new WrongKeyError();
    case CODE.tampered:
      return new TamperedError();
    case CODE.truncated:
      return new TruncatedError();
    case CODE.unsupportedVersion:
      return new UnsupportedVersionError();
    case CODE.nonDeterministicSigner:
      return new NonDeterministicSignerError();
    case CODE.registeredKeyMismatch:
      return new RegisteredKeyMismatchError();
    case CODE.invalidSignature:
      return new InvalidSignatureError();
    case CODE.invalidInput:
      return new InvalidInputError(message);
    case CODE.invalidShare:
      return new InvalidShareError();
    case CODE.internal:
      return new InternalCryptoError();
  }
}

const CODES: ReadonlySet<string> = new Set<string>(Object.values(CODE));

export function isCryptoErrorCode(value: unknown): value is CryptoErrorCode {
  return typeof value === 'string' && CODES.has(value);
}
