/**
 * Every code an error raised by Chartkey can carry, grouped by area (as safe-wallet-web's
 * `ErrorCodes`), so a code in a log, a route's JSON body or a test names one sentence in one place.
 * A new failure gets its code here first; `UserFacingError` accepts no other.
 */
export const ErrorCodes = {
  /** lib/crypto: encryption, keys, locators (also sent across the worker boundary). */
  crypto: {
    wrongKey: 'crypto.wrong-key',
    tampered: 'crypto.tampered',
    truncated: 'crypto.truncated',
    unsupportedVersion: 'crypto.unsupported-version',
    nonDeterministicSigner: 'crypto.non-deterministic-signer',
    registeredKeyMismatch: 'crypto.registered-key-mismatch',
    invalidSignature: 'crypto.invalid-signature',
    invalidInput: 'crypto.invalid-input',
    invalidShare: 'crypto.invalid-share',
    internal: 'crypto.internal',
  },
  /** lib/ipfs: the storage node and the app's `/api/ipfs` route. */
  storage: {
    failed: 'storage.failed',
    unavailable: 'storage.unavailable',
    notFound: 'storage.not-found',
    invalidCid: 'storage.invalid-cid',
    tooLarge: 'storage.too-large',
    interrupted: 'storage.interrupted',
    badResponse: 'storage.bad-response',
    misconfigured: 'storage.misconfigured',
    removed: 'storage.removed',
    notAFile: 'storage.not-a-file',
  },
  /** Removing a file from storage with its removal claim. */
  unpin: {
    forbidden: 'unpin.forbidden',
    unclaimed: 'unpin.unclaimed',
    failed: 'unpin.failed',
    badSecret: 'unpin.bad-secret',
  },
  /** Adding a record: the file itself, and the upload route's checks. */
  upload: {
    empty: 'upload.empty',
    tooLarge: 'upload.too-large',
    unsupportedType: 'upload.unsupported-type',
    badClaim: 'upload.bad-claim',
    badLength: 'upload.bad-length',
    interrupted: 'upload.interrupted',
    claimMissing: 'upload.claim-missing',
    claimedByAnother: 'upload.claimed-by-another',
    notAnEnvelope: 'upload.not-an-envelope',
  },
  /** Reading consent state from the chain. */
  consent: {
    readFailed: 'consent.read-failed',
    notDeployed: 'consent.not-deployed',
  },
  sharing: {
    clinicianKeyMissing: 'sharing.clinician-key-missing',
    nothingSelected: 'sharing.nothing-selected',
    recordGone: 'sharing.record-gone',
  },
  requests: {
    approvalInvalid: 'requests.approval-invalid',
  },
  export: {
    invalidAddress: 'export.invalid-address',
    recordsUnavailable: 'export.records-unavailable',
    grantsUnavailable: 'export.grants-unavailable',
  },
  /** The user's wallet, as `parseError` and the write pipeline see it. */
  wallet: {
    disconnected: 'wallet.disconnected',
    wrongNetwork: 'wallet.wrong-network',
    insufficientFunds: 'wallet.insufficient-funds',
    nonce: 'wallet.nonce',
  },
  tx: {
    reverted: 'tx.reverted',
  },
  /** A revert without a sentence of its own; known custom errors are `contract.<ErrorName>`. */
  contract: {
    reverted: 'contract.reverted',
  },
  rpc: {
    unavailable: 'rpc.unavailable',
  },
  /** The server's environment (CHAIN_ID, RPC_URL, IPFS_API_URL…) cannot be used. */
  config: {
    invalid: 'config.invalid',
  },
  server: {
    internal: 'server.internal',
  },
  /** Not ours: shown with the caller's fallback sentence, never its own message. */
  unknown: 'unknown',
} as const;

type Leaves<T> = T extends string ? T : { [K in keyof T]: Leaves<T[K]> }[keyof T];

/** Any code from `ErrorCodes`. */
export type ErrorCode = Leaves<typeof ErrorCodes>;

/** The codes of one area, e.g. `AreaCode<'crypto'>`. */
export type AreaCode<A extends Exclude<keyof typeof ErrorCodes, 'unknown'>> = Leaves<(typeof ErrorCodes)[A]>;
