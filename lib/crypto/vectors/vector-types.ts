import type { Hex } from 'viem';
import type { RecordMetadata } from '../envelope-format';

export type PlaintextSpec =
  | { type: 'utf8'; text: string }
  /** See deterministic-bytes.ts: SHA-256(seed ‖ uint32 BE counter) blocks cut to `length`. */
  | { type: 'deterministic'; seed: string; length: number };

export type EnvelopeVector = {
  name: string;
  contentKey: Hex;
  noncePrefix: Hex;
  metadata: RecordMetadata;
  plaintext: PlaintextSpec;
  plaintextSha256: Hex;
  envelopeLength: number;
  envelopeSha256: Hex;
  /** Full envelope, or null when it is too large to store (then only its hash is pinned). */
  envelopeHex: Hex | null;
  /** False when encryption output depends on the DEFLATE implementation (compressed bodies). */
  exactAcrossImplementations: boolean;
};

export type KeyDerivationVector = {
  chainId: number;
  address: Hex;
  message: string;
  signature: Hex;
  secretKey: Hex;
  publicKey: Hex;
};

export type LocatorVector = {
  readerSecretKey: Hex;
  readerPublicKey: Hex;
  ephemeralSecretKey: Hex;
  cid: string;
  contentKey: Hex;
  sealed: Hex;
};
