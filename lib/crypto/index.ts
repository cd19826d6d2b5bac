/**
 * Chartkey client-side encryption. Byte-level format: docs/envelope-v1.md.
 */
export {
  CryptoError,
  InternalCryptoError,
  InvalidInputError,
  InvalidShareError,
  InvalidSignatureError,
  NonDeterministicSignerError,
  RegisteredKeyMismatchError,
  TamperedError,
  TruncatedError,
  UnsupportedVersionError,
  WrongKeyError,
  cryptoErrorFromCode,
  isCryptoErrorCode,
  type CryptoErrorCode,
} from './errors';
export {
  KEY_DERIVATION_INFO,
  KEY_DERIVATION_SALT,
  KEY_DERIVATION_VERSION,
  assertMatchesRegisteredKey,
  deriveKeyPairDeterministically,
  deriveKeyPairFromSignature,
  hexToPublicKey,
  keyDerivationMessage,
  publicKeyToHex,
  type KeyPair,
} from './keys';
export { cidOpener, LOCATOR_VERSION, MAX_CID_BYTES, openLocator, sealLocator, type RecordLocator } from './locator';
export {
  CHUNK_SIZE,
  ENVELOPE_VERSION,
  HEADER_BYTES,
  MAX_METADATA_PREFIX_BYTES,
  RECORD_KINDS,
  paddedBodyLength,
  type RecordKind,
  type RecordMetadata,
} from './envelope-format';
export {
  createDecryptStream,
  createEncryptStream,
  decryptRecord,
  decryptRecordChunks,
  encryptRecord,
  encryptRecordChunks,
  generateContentKey,
  readRecordMetadata,
  type DecryptOptions,
  type EncryptOptions,
  type ProgressCallback,
} from './envelope';
export { UNPIN_DERIVATION_LABEL, deriveUnpinClaim, deriveUnpinCredentials, deriveUnpinSecret, unpinClaimFor, type UnpinCredentials } from './unpin';
