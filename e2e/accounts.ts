import type { Address } from 'viem';

/**
 * Further anvil development accounts (unlocked on the test chain), so each spec starts from an
 * account no other spec has touched and specs don't depend on their order.
 */
export const SPARE_ACCOUNTS = {
  badInputPatient: '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
  keylessClinician: '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
  recordsPatient: '0x976EA74026E726554dB657fA54763abd0C3a0aa9',
} as const satisfies Record<string, Address>;
