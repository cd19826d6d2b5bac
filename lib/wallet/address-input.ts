import { getAddress, isAddress, isAddressEqual, type Address } from 'viem';

export type AddressCheck = { readonly ok: true; readonly value: Address } | { readonly ok: false; readonly message: string };

/** Whose address a person is typing, for the sentences below. */
export type Counterparty = 'patient' | 'clinician';

/**
 * Checks an account address a person typed or pasted. All-lower-case and all-upper-case hex carry
 * no checksum and are accepted; mixed case is an EIP-55 checksum, and one that does not match means
 * a character was mistyped (an address that differs by one character belongs to someone else, and
 * anything shared with it is lost), so it is refused rather than silently corrected.
 */
export function checkAccountAddress(input: string, self: Address, counterparty: Counterparty): AddressCheck {
  const trimmed: string = input.trim();
  if (!isAddress(trimmed, { strict: false })) {
    return {
      ok: false,
      message: `That is not a valid account address. It should start with 0x followed by 40 letters and numbers; ask the ${counterparty} to copy it from their wallet.`,
    };
  }
  const hex = trimmed.slice(2);
  const carriesChecksum = hex !== hex.toLowerCase() && hex !== hex.toUpperCase();
  if (carriesChecksum && !isAddress(trimmed, { strict: true })) {
    return {
      ok: false,
      message: `That address has a typo: its mix of capital and small letters does not match its checksum, so one of its characters is probably wrong. Ask the ${counterparty} to copy it again from their wallet.`,
    };
  }
  const address = getAddress(trimmed);
  if (isAddressEqual(address, self)) return { ok: false, message: `That is your own address. Enter the ${counterparty}’s address instead.` };
  return { ok: true, value: address };
}
