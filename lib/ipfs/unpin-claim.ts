/**
 * The wire format of removal claims, shared by the browser client and the storage routes (so no
 * Node-only imports). Derivation lives in lib/crypto/unpin.ts; checking a secret against a claim
 * is server-only (lib/ipfs/server.ts).
 *
 * A claim travels only in a header of the upload and is kept as the pin's name on the storage
 * node; the secret travels only in a header of the removal request. Neither ever goes in a URL,
 * where proxies and server logs would keep it.
 */

/** Upload header: hex(SHA-256(unpinSecret)). Optional; uploads without it cannot be removed later. */
export const UNPIN_CLAIM_HEADER = 'X-Chartkey-Unpin-Claim';
/** Removal header: the unpinSecret itself. */
export const UNPIN_SECRET_HEADER = 'X-Chartkey-Unpin-Secret';
/** Pins made with a claim are named this prefix followed by the claim. */
export const UNPIN_PIN_NAME_PREFIX = 'chartkey-unpin:';

// Lowercase only, so every claim has exactly one spelling and one pin name.
const HEX_32_BYTES = /^[0-9a-f]{64}$/;

/** True for exactly 64 lowercase hex characters: the only form of a claim or a secret. */
export function isUnpinHex(text: unknown): text is string {
  return typeof text === 'string' && HEX_32_BYTES.test(text);
}

export function pinNameForClaim(claim: string): string {
  if (!isUnpinHex(claim)) throw new TypeError('A removal claim must be 64 lowercase hex characters.');
  return `${UNPIN_PIN_NAME_PREFIX}${claim}`;
}

/** The claim a pin name carries, or null for an unnamed pin or any name this app did not give. */
export function claimFromPinName(name: string | null | undefined): string | null {
  if (typeof name !== 'string' || !name.startsWith(UNPIN_PIN_NAME_PREFIX)) return null;
  const claim = name.slice(UNPIN_PIN_NAME_PREFIX.length);
  return isUnpinHex(claim) ? claim : null;
}
