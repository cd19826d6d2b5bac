import type { Address } from 'viem';

/**
 * Further anvil development accounts (unlocked on the test chain), so each spec starts from an
 * account no other spec has touched and specs don't depend on their order.
 */
export const SPARE_ACCOUNTS = {
  badInputPatient: '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
  keylessClinician: '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
  recordsPatient: '0x976EA74026E726554dB657fA54763abd0C3a0aa9',
  a11yPatient: '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955',
  a11yClinician: '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f',
} as const satisfies Record<string, Address>;
