import type { Address } from 'viem';
import { checkAccountAddress } from '@/lib/wallet/address-input';

/** The contract's limits (ChartkeyConsent.MAX_DISPLAY_NAME_BYTES / MAX_ORGANISATION_BYTES), in UTF-8 bytes. */
export const MAX_DISPLAY_NAME_BYTES = 64;
export const MAX_ORGANISATION_BYTES = 128;

export type InputCheck<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const utf8 = new TextEncoder();

/**
 * Checks a clinician profile before it is sent, with the contract's own rules (non-empty name; byte,
 * not character, limits — an accented or non-Latin name uses more bytes than letters), so the user
 * gets a sentence instead of a refused transaction.
 */
export function checkProfileInput(displayName: string, organisation: string): InputCheck<{ displayName: string; organisation: string }> {
  const name = displayName.trim();
  const org = organisation.trim();
  if (name === '') return { ok: false, message: 'Enter the name patients know you by, for example “Dr. Ana Silva”.' };
  if (utf8.encode(name).length > MAX_DISPLAY_NAME_BYTES) {
    return { ok: false, message: 'Your display name is too long. Shorten it (at most 64 letters, fewer with accents or non-Latin letters).' };
  }
  if (utf8.encode(org).length > MAX_ORGANISATION_BYTES) {
    return { ok: false, message: 'The organisation is too long. Shorten it (at most 128 letters, fewer with accents or non-Latin letters).' };
  }
  return { ok: true, value: { displayName: name, organisation: org } };
}

/** Checks the patient address a clinician typed into a request (the same rules the share form uses). */
export function checkPatientAddress(input: string, self: Address): InputCheck<Address> {
  return checkAccountAddress(input, self, 'patient');
}
