import type { Address } from 'viem';

/** One decrypted record as the export needs it (from the record's encrypted metadata and body). */
export type ExportableRecord = {
  readonly name: string;
  readonly mediaType: string;
  /** Milliseconds since the Unix epoch. */
  readonly createdAt: number;
  readonly plaintext: Uint8Array;
  /** The record's on-chain number, so the ZIP's manifest names it as the Consent export does. */
  readonly recordId?: bigint;
};

export type ConsentGrantStatus = 'active' | 'expired' | 'revoked';

/** One clinician's access to one record, as the consent contract reports it. */
export type ConsentGrantInput = {
  readonly recordId: bigint;
  readonly clinician: Address;
  /** Unix seconds, as stored on-chain. */
  readonly expiresAt: bigint;
  readonly status: ConsentGrantStatus;
  /** Milliseconds since the Unix epoch (e.g. the grant block's timestamp × 1000), when known. */
  readonly grantedAt?: number;
};
