/**
 * Every failure in `lib/crypto` is a `CryptoError` with a stable machine-readable `code`
 * (for the UI and the worker protocol) and a `message` written for patients and clinicians,
 * not developers. Messages never include record contents, file names, keys or CIDs.
 */
export type CryptoErrorCode =
  | 'WRONG_KEY'
  | 'TAMPERED'
  | 'TRUNCATED'
  | 'UNSUPPORTED_VERSION'
  | 'NON_DETERMINISTIC_SIGNER'
  | 'REGISTERED_KEY_MISMATCH'
  | 'INVALID_SIGNATURE'
  | 'INVALID_INPUT'
  | 'INVALID_SHARE'
  | 'INTERNAL';

export class CryptoError extends Error {
  override name = 'CryptoError';
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
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
      'WRONG_KEY',
      "This record can't be opened with your key. It may not have been shared with you, or it may have been damaged.",
      options,
    );
  }
}

export class TamperedError extends CryptoError {
  override name = 'TamperedError';
  constructor(options?: { cause?: unknown }) {
    super(
      'TAMPERED',
      "This record was changed or damaged after it was encrypted, so it can't be opened safely.",
      options,
    );
  }
}

export class TruncatedError extends CryptoError {
  override name = 'TruncatedError';
  constructor(options?: { cause?: unknown }) {
    super(
      'TRUNCATED',
      "Part of this record is missing, so it can't be opened safely. Please try downloading it again.",
      options,
    );
  }
}

export class UnsupportedVersionError extends CryptoError {
  override name = 'UnsupportedVersionError';
  constructor(options?: { cause?: unknown }) {
    super(
      'UNSUPPORTED_VERSION',
      "This record was saved in a format this version of Chartkey doesn't understand. Please update the app and try again.",
      options,
    );
  }
}

export class NonDeterministicSignerError extends CryptoError {
  override name = 'NonDeterministicSignerError';
  constructor(options?: { cause?: unknown }) {
    super(
      'NON_DETERMINISTIC_SIGNER',
      "Your wallet gave a different signature each time, so Chartkey can't rebuild the same encryption key from it. Please use a wallet account that signs messages the same way every time (smart-contract wallets usually don't).",
      options,
    );
  }
}

export class RegisteredKeyMismatchError extends CryptoError {
  override name = 'RegisteredKeyMismatchError';
  constructor(options?: { cause?: unknown }) {
    super(
      'REGISTERED_KEY_MISMATCH',
      "The key your wallet produced doesn't match the one registered for your account. Please make sure you're using the same wallet and account you registered with.",
      options,
    );
  }
}

export class InvalidSignatureError extends CryptoError {
  override name = 'InvalidSignatureError';
  constructor(options?: { cause?: unknown }) {
    super('INVALID_SIGNATURE', "Your wallet returned a signature Chartkey can't read. Please try signing again.", options);
  }
}

/** A programming or input mistake (wrong key length, metadata too long, size mismatch…). */
export class InvalidInputError extends CryptoError {
  override name = 'InvalidInputError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_INPUT', message, options);
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
    super('INVALID_SHARE', 'This share is invalid or damaged, so it can’t be opened. Ask the person who shared it to share it again.', options);
  }
}

export class InternalCryptoError extends CryptoError {
  override name = 'InternalCryptoError';
  constructor(options?: { cause?: unknown }) {
    super('INTERNAL', 'Something went wrong while encrypting or decrypting. Please try again.', options);
  }
}

/** Rebuilds the right subclass from a code, e.g. after an error crossed the worker boundary. */
export function cryptoErrorFromCode(code: CryptoErrorCode, message: string): CryptoError {
  switch (code) {
    case 'WRONG_KEY':
      return new WrongKeyError();
    case 'TAMPERED':
      return new TamperedError();
    case 'TRUNCATED':
      return new TruncatedError();
    case 'UNSUPPORTED_VERSION':
      return new UnsupportedVersionError();
    case 'NON_DETERMINISTIC_SIGNER':
      return new NonDeterministicSignerError();
    case 'REGISTERED_KEY_MISMATCH':
      return new RegisteredKeyMismatchError();
    case 'INVALID_SIGNATURE':
      return new InvalidSignatureError();
    case 'INVALID_INPUT':
      return new InvalidInputError(message);
    case 'INVALID_SHARE':
      return new InvalidShareError();
    case 'INTERNAL':
      return new InternalCryptoError();
  }
}

const CODES: ReadonlySet<string> = new Set<CryptoErrorCode>([
  'WRONG_KEY',
  'TAMPERED',
  'TRUNCATED',
  'UNSUPPORTED_VERSION',
  'NON_DETERMINISTIC_SIGNER',
  'REGISTERED_KEY_MISMATCH',
  'INVALID_SIGNATURE',
  'INVALID_INPUT',
  'INVALID_SHARE',
  'INTERNAL',
]);

export function isCryptoErrorCode(value: unknown): value is CryptoErrorCode {
  return typeof value === 'string' && CODES.has(value);
}
