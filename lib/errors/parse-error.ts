import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError } from 'viem';
import { ErrorCodes, type ErrorCode } from './codes';
import { UserFacingError } from './user-facing-error';

/** A code from `ErrorCodes`, or `contract.<ErrorName>` for a custom error of the consent contract. */
export type ParsedErrorCode = ErrorCode | `contract.${string}`;

/** What the UI shows for a failed action. A user's own rejection is not a failure. */
export type ParsedError =
  | { readonly kind: 'rejected'; readonly message: string }
  | { readonly kind: 'failed'; readonly code: ParsedErrorCode; readonly message: string };

/** Sentences for the consent contract's custom errors, keyed by error name. */
const CONTRACT_ERROR_SENTENCES: Readonly<Record<string, string>> = {
  EncryptionKeyNotRegistered:
    'That account has not set up its Chartkey encryption key yet, so nothing can be shared with it. Ask them to open Chartkey and unlock their records once.',
  NotRecordPatient: 'Only the patient who owns this record can change it or its sharing.',
  UnknownRecord: 'This record does not exist on this network.',
  RecordIsRemoved: 'This record has been removed, so it can no longer be shared.',
  ExpiryNotInFuture: 'The access end date must be in the future. Choose a later date.',
  InvalidClinician: 'That address cannot receive access. Check the clinician’s address (and that it is not your own).',
  LocatorLengthOutOfRange: 'The encrypted reference to the record was missing or damaged. Please try again.',
  ExpiryTooFar: 'The access end date is too far ahead: access can last at most ten years. Choose an earlier date.',
  LengthMismatch: 'The list of records and expiry dates did not match. Please try again.',
  NoActiveGrant: 'This clinician has no active access to revoke; it may already have expired or been revoked.',
  ZeroKey: 'The encryption key was empty. Unlock your records again and retry.',
  EmptyBatch: 'Select at least one record first.',
  // Clinician profiles, verification and access requests.
  EmptyDisplayName: 'Enter the name patients know you by before publishing your profile.',
  ProfileFieldTooLong: 'Your display name or organisation is too long. Shorten it and try again.',
  ClinicianProfileMissing:
    'Publish your public profile first (your name and organisation), so patients can see who is asking. Then send the request again.',
  ClinicianAlreadyVerified: 'This clinician is already verified. Refresh the list to see the current state.',
  ClinicianProfileChanged:
    'This clinician changed their profile after you read it, so it was not verified. Refresh the list, check the new text and verify again.',
  ClinicianNotVerified: 'This clinician is not verified, so there is no verification to withdraw. Refresh the list to see the current state.',
  InvalidPatient:
    'That patient has not set up Chartkey yet, so they cannot receive or answer a request. Ask them to open Chartkey and set up their key first (and check it is not your own address).',
  RecordNotRequestable: 'One of the records asked for does not belong to this patient or was removed.',
  UnknownPurpose: 'That reason for the request is not one Chartkey knows. Choose a reason from the list.',
  RequestAlreadyPending:
    'You already have a request waiting for this patient’s answer. Wait for it, or cancel it under “Your requests” and send a new one.',
  DuplicateRecordId: 'A record was named twice in the request. Name each record once.',
  RecordIdsNotAscending: 'The records in the request were out of order. Please try again.',
  TooManyRecords: 'A request can name at most 32 records. Ask for all records instead, or name fewer.',
  BlockedByPatient: 'This patient does not accept requests from your account.',
  AlreadyBlocked: 'This account is already blocked from sending you requests.',
  NotBlocked: 'This account is not blocked, so there is nothing to unblock. Refresh to see the current state.',
  UnknownRequest: 'This request does not exist on this network.',
  RequestNotPending: 'This request has already been answered or cancelled. Refresh to see where it stands.',
  NotRequestPatient: 'Only the patient this request was sent to can approve or deny it.',
  NotRequestClinician: 'Only the clinician who sent this request can cancel it.',
  AccessControlUnauthorizedAccount: 'This account is not allowed to verify clinicians. Connect an attester account.',
};

/** Codes from EIP-1193 / EIP-1474 providers that mean the user said no. */
const USER_REJECTION_CODES = new Set([4001, UserRejectedRequestError.code]);

function hasNumericCode(value: unknown): value is { code: number } {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'number';
}

/** True when the error (or anything it wraps) is the user declining in their wallet. */
export function isUserRejection(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth++) {
    if (current instanceof UserRejectedRequestError) return true;
    if (hasNumericCode(current) && USER_REJECTION_CODES.has(current.code)) return true;
    if (current instanceof Error && /user (rejected|denied)|rejected by user|user cancel/i.test(current.message)) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The one place where wallet, viem, contract and our own errors become sentences for people.
 * It shows only sentences it owns: those of `UserFacingError`s (which we wrote) and its own below.
 * Any other error's text is never shown, whatever it looks like (a library's error with a string
 * `code` is still not ours): it is often RPC jargon, and could carry data.
 */
export function parseError(error: unknown, fallback = 'Something went wrong. Please try again.'): ParsedError {
  if (isUserRejection(error)) {
    return { kind: 'rejected', message: 'You cancelled the request in your wallet. Nothing was changed.' };
  }

  if (error instanceof UserFacingError) return { kind: 'failed', code: error.code, message: error.message };

  if (error instanceof BaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      const name = reverted.data?.errorName;
      if (name && CONTRACT_ERROR_SENTENCES[name]) {
        return { kind: 'failed', code: `contract.${name}`, message: CONTRACT_ERROR_SENTENCES[name] };
      }
      return { kind: 'failed', code: ErrorCodes.contract.reverted, message: 'The network refused this change. Nothing was changed.' };
    }
    const text = `${error.shortMessage} ${error.details ?? ''}`;
    if (/insufficient funds/i.test(text)) {
      return { kind: 'failed', code: ErrorCodes.wallet.insufficientFunds, message: 'Your account does not have enough funds to pay the network fee.' };
    }
    if (/chain mismatch|does not match the target chain|switch chain/i.test(text)) {
      return { kind: 'failed', code: ErrorCodes.wallet.wrongNetwork, message: 'Your wallet is on a different network. Switch to the network shown at the top of the page and try again.' };
    }
    if (/HTTP request failed|fetch failed|Failed to fetch|timed out|took too long/i.test(text)) {
      return { kind: 'failed', code: ErrorCodes.rpc.unavailable, message: 'The blockchain network could not be reached. Check your connection and try again; nothing was lost.' };
    }
    if (/nonce/i.test(text)) {
      return { kind: 'failed', code: ErrorCodes.wallet.nonce, message: 'Your wallet’s transaction count is out of step with the network. Reset your wallet’s activity for this network and try again.' };
    }
  }

  return { kind: 'failed', code: ErrorCodes.unknown, message: fallback };
}
