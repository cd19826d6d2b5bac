import {
  BaseError,
  ContractFunctionRevertedError,
  HttpRequestError,
  UserRejectedRequestError,
  encodeErrorResult,
  parseAbi,
  zeroAddress,
  zeroHash,
  type AbiParameter,
} from 'viem';
import { chartkeyConsentAbi } from '@/contracts-abi';
import { describe, expect, it } from 'vitest';
import { ConsentReadError } from '@/lib/consent/errors';
import { WrongKeyError } from '@/lib/crypto/errors';
import { StorageError, StorageUnavailableError } from '@/lib/ipfs/errors';
import { SharingError } from '@/lib/sharing/errors';
import { isUserRejection, parseError } from './parse-error';
import { UserFacingError } from './user-facing-error';

const abi = parseAbi(['error NotRecordPatient(uint256 recordId, address caller)', 'error Mystery()']);

function reverted(errorName: 'NotRecordPatient' | 'Mystery') {
  const data =
    errorName === 'NotRecordPatient'
      ? encodeErrorResult({ abi, errorName, args: [1n, '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'] })
      : encodeErrorResult({ abi, errorName });
  const cause = new ContractFunctionRevertedError({ abi, data, functionName: 'grantAccess' });
  return new BaseError('Execution reverted', { cause });
}

describe('parseError', () => {
  it('treats a wallet rejection as the user’s choice, not a failure, however deeply wrapped', () => {
    const wrapped = new BaseError('outer', { cause: new UserRejectedRequestError(new Error('User rejected the request.')) });
    expect(parseError(wrapped).kind).toBe('rejected');
    expect(isUserRejection({ code: 4001, message: 'nope' })).toBe(true);
    expect(isUserRejection(new Error('boom'))).toBe(false);
  });

  it('turns a contract custom error into its sentence', () => {
    const parsed = parseError(reverted('NotRecordPatient'));
    expect(parsed).toEqual({ kind: 'failed', code: 'contract.NotRecordPatient', message: expect.stringMatching(/Only the patient/) });
  });

  it('has a sentence for every custom error the consent contract can revert with', () => {
    const zeroOf = (input: AbiParameter) => (input.type === 'address' ? zeroAddress : input.type === 'bytes32' ? zeroHash : input.type === 'bool' ? false : input.type.startsWith('uint') && Number(input.type.slice(4)) <= 48 ? 0 : 0n);
    // Never met in the app: OpenZeppelin's `renounceRole` (the app never calls it) and the constructor's (deploy scripts).
    const unreachable = new Set(['AccessControlBadConfirmation', 'InvalidAttester']);
    const errors = chartkeyConsentAbi.filter((item) => item.type === 'error' && !unreachable.has(item.name));
    expect(errors.length).toBeGreaterThan(30);
    for (const item of errors) {
      if (item.type !== 'error') continue;
      const data = encodeErrorResult({ abi: [item], errorName: item.name, args: item.inputs.map(zeroOf) } as never);
      const error = new BaseError('Execution reverted', { cause: new ContractFunctionRevertedError({ abi: chartkeyConsentAbi, data, functionName: 'grantAccess' }) });
      expect(parseError(error), item.name).toMatchObject({ kind: 'failed', code: `contract.${item.name}` });
    }
  });

  it('falls back to a generic sentence for an unknown revert, never the raw message', () => {
    const parsed = parseError(reverted('Mystery'));
    expect(parsed.kind).toBe('failed');
    expect(parsed.message).not.toMatch(/0x|revert/i);
  });

  it('says the network is unreachable when the RPC is down', () => {
    const error = new HttpRequestError({ url: 'http://127.0.0.1:1', details: 'fetch failed' });
    expect(parseError(error)).toMatchObject({ kind: 'failed', code: 'rpc.unavailable' });
  });

  it('passes our own typed errors through with their sentence', () => {
    const error = new UserFacingError('upload.too-large', 'This file is larger than 50 MB.');
    expect(parseError(error)).toEqual({ kind: 'failed', code: 'upload.too-large', message: 'This file is larger than 50 MB.' });
  });

  it('shows the sentences of every error family we raise, each a UserFacingError', () => {
    for (const error of [new WrongKeyError(), new StorageUnavailableError(), new ConsentReadError('The chain could not be read. Try again.'), new SharingError('sharing.nothing-selected', 'Select a record.')]) {
      expect(error).toBeInstanceOf(UserFacingError);
      expect(parseError(error)).toEqual({ kind: 'failed', code: error.code, message: error.message });
    }
  });

  it('never shows a foreign error’s message, even one shaped like ours (a string code and its own name)', () => {
    // Node, libraries and RPC clients throw errors with string codes; their text is not ours to show.
    const foreign = Object.assign(new Error('ECONNREFUSED 10.0.0.7:5001 while posting /api/v0/add?arg=bafy…'), { code: 'ECONNREFUSED' });
    foreign.name = 'FetchError';
    expect(parseError(foreign, 'Upload failed.')).toEqual({ kind: 'failed', code: 'unknown', message: 'Upload failed.' });
    class LookalikeError extends Error {
      readonly code = 'storage.unavailable';
      override name = 'StorageError';
    }
    expect(parseError(new LookalikeError('raw text from elsewhere'), 'Upload failed.')).toEqual({ kind: 'failed', code: 'unknown', message: 'Upload failed.' });
  });

  it('stays silent about a wallet rejection even when it is raised as one of our errors’ cause', () => {
    const rejected = new StorageError(undefined, { cause: { code: 4001, message: 'User rejected the request.' } });
    expect(parseError(rejected).kind).toBe('rejected');
  });

  it('never shows a raw unknown error message', () => {
    expect(parseError(new Error('TypeError: x is undefined at foo.js:1'), 'Upload failed.')).toEqual({ kind: 'failed', code: 'unknown', message: 'Upload failed.' });
  });
});
