import type { Address } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';

// The local chain's public development mnemonic; the e2e chain unlocks its first 40 accounts.
const DEV_MNEMONIC = 'test test test test test test test test test test test junk';

/** The development account at `index` (0–39 on the e2e chain). */
export function devAccount(index: number): Address {
  return mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }).address;
}

/**
 * Accounts beyond the demo ones (0–3), one set per spec, so each spec starts from accounts no other
 * spec has touched and specs don't depend on their order.
 */
export const SPARE_ACCOUNTS = {
  badInputPatient: devAccount(4),
  keylessClinician: devAccount(5),
  recordsPatient: devAccount(6),
  a11yPatient: devAccount(7),
  a11yClinician: devAccount(8),
  sharingPatient: devAccount(10),
  sharingClinician: devAccount(11),
  sharingSecondClinician: devAccount(12),
  requestsPatient: devAccount(13),
  requestsClinician: devAccount(14),
  exportPatient: devAccount(20),
  exportClinician: devAccount(21),
  removalPatient: devAccount(17),
  removalClinician: devAccount(18),
  cspPatient: devAccount(22),
  cspClinician: devAccount(23),
  draftsPatient: devAccount(24),
  lockPatient: devAccount(25),
  blockingPatient: devAccount(30),
  blockingClinician: devAccount(31),
  unsolicitedClinician: devAccount(32),
  /** A patient the unsolicited-shares clinician asks for access. */
  unsolicitedAskedPatient: devAccount(33),
  /** A patient who shares with that clinician without being asked. */
  unsolicitedStranger: devAccount(34),
} as const satisfies Record<string, Address>;
