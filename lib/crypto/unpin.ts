/**
 * The capability to remove a record's ciphertext from Chartkey's storage node, derived instead of
 * stored, so there is nothing extra to back up, sync or leak.
 *
 *   unpinSecret = HMAC-SHA256(key = patient's X25519 secret key, "chartkey/unpin/v1" ‖ contentKey)
 *   unpinClaim  = hex(SHA-256(unpinSecret))
 *
 * The claim is sent with the upload and kept by the storage node as the pin's name; the secret is
 * sent only to unpin, and the node checks that it hashes to the claim. Keying the HMAC with the
 * patient's secret key is what makes this the patient's alone: a clinician holding a record's
 * content key (from a sealed locator) cannot compute it. Including the content key makes each
 * record's secret different, so revealing one (the server sees it when unpinning) reveals nothing
 * about another, and the claims of one patient's records cannot be linked to each other.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import nacl from 'tweetnacl';
import { concatBytes, utf8 } from './bytes';
import { CONTENT_KEY_BYTES } from './envelope-format';
import { InvalidInputError } from './errors';

/** Bumping this changes every secret and claim, orphaning existing claims: only with a migration. */
export const UNPIN_DERIVATION_LABEL = 'chartkey/unpin/v1';

/** Both as 64 lowercase hex characters without `0x`, the form the storage routes expect. */
export type UnpinCredentials = { readonly secret: string; readonly claim: string };

export function deriveUnpinSecret(patientSecretKey: Uint8Array, contentKey: Uint8Array): Uint8Array {
  if (patientSecretKey.length !== nacl.box.secretKeyLength) {
    throw new InvalidInputError('An encryption secret key must be exactly 32 bytes.');
  }
  if (contentKey.length !== CONTENT_KEY_BYTES) {
    throw new InvalidInputError('A record key must be exactly 32 bytes.');
  }
  const message = concatBytes(utf8(UNPIN_DERIVATION_LABEL), contentKey);
  try {
    return hmac(sha256, patientSecretKey, message);
  } finally {
    message.fill(0); // holds the content key
  }
}

/** The public half: what the storage node keeps, from which the secret cannot be recovered. */
export function unpinClaimFor(unpinSecret: Uint8Array): string {
  if (unpinSecret.length !== 32) throw new InvalidInputError('A removal secret must be exactly 32 bytes.');
  return bytesToHex(sha256(unpinSecret));
}

export function deriveUnpinCredentials(patientSecretKey: Uint8Array, contentKey: Uint8Array): UnpinCredentials {
  const secret = deriveUnpinSecret(patientSecretKey, contentKey);
  try {
    return { secret: bytesToHex(secret), claim: unpinClaimFor(secret) };
  } finally {
    secret.fill(0);
  }
}

/** Only the claim, for uploads: the secret is wiped before returning and never leaves this function. */
export function deriveUnpinClaim(patientSecretKey: Uint8Array, contentKey: Uint8Array): string {
  const secret = deriveUnpinSecret(patientSecretKey, contentKey);
  try {
    return unpinClaimFor(secret);
  } finally {
    secret.fill(0);
  }
}
