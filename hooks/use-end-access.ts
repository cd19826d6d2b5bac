'use client';

import { useCallback, useState } from 'react';
import type { Address, Hex } from 'viem';
import { usePublicClient } from 'wagmi';
import { listPatientGrants, readEncryptionKey } from '@/lib/consent';
import { hexToPublicKey, type KeyPair } from '@/lib/crypto';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import type { CleanupNotice } from '@/lib/records/storage-cleanup';
import { planEndAccess, runEndAccess, type EndAccessOutcome, type Revocation, type RevokeCall } from '@/lib/sharing/end-access';
import { queryKeys } from './query-keys';
import { useConsentWrite } from './use-consent-write';
import { usePublicConfig } from './use-public-config';
import { useReplaceRecord } from './use-replace-record';

/**
 * Ending a clinician's access to one record, several, or all, optionally re-keying each record
 * (lib/sharing/end-access): the revoke transaction, then one new version per record, with the
 * patient's grants scanned once and each remaining clinician's key read once for all of them.
 */
export function useEndAccess(
  patient: Address,
  keyPair: KeyPair,
  records: { readonly locators: ReadonlyMap<bigint, Hex>; readonly name: (recordId: bigint) => string },
) {
  const config = usePublicConfig();
  const client = usePublicClient({ chainId: config.chainId });
  const revoke = useConsentWrite();
  // Re-keying several records can hit the same storage problem each time: say it once.
  const [storageNotices, setStorageNotices] = useState<readonly CleanupNotice[]>([]);
  const addStorageNotice = useCallback(
    (notice: CleanupNotice) => setStorageNotices((current) => (current.some((n) => n.message === notice.message) ? current : [...current, notice])),
    [],
  );
  const rekey = useReplaceRecord(patient, keyPair, addStorageNotice);
  const [rekeyStep, setRekeyStep] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<EndAccessOutcome | null>(null);

  /** Resolves true once access ended (even when re-keying then stopped), false when the revoke did not go through. */
  async function endAccess(clinician: Address, revocation: Revocation, alsoRekey: boolean): Promise<boolean> {
    setOutcome(null);
    setStorageNotices([]);
    const plan = planEndAccess({ clinician, revocation, alsoRekey, locators: records.locators, recordName: records.name });
    const invalidates = [queryKeys.patientGrants(config.chainId, patient)];
    const sendRevoke = (call: RevokeCall) =>
      call.functionName === 'revokeAccess'
        ? revoke.run({ functionName: call.functionName, args: call.args, invalidates })
        : call.functionName === 'revokeAccessBatch'
          ? revoke.run({ functionName: call.functionName, args: call.args, invalidates })
          : revoke.run({ functionName: call.functionName, args: call.args, invalidates });
    const scan = () => {
      if (!client || !config.consent) throw new UserFacingError('consent.not-deployed', 'Chartkey is not deployed on this network.');
      return { client, contract: config.consent.address, fromBlock: BigInt(config.consent.deployedBlock) };
    };
    const result = await runEndAccess(plan, {
      revoke: async (call) => (await sendRevoke(call)).ok,
      readGrants: async () => {
        const { client: reader, ...range } = scan();
        return listPatientGrants(reader, { ...range, patient });
      },
      readKey: async (account) => {
        const { client: reader, ...range } = scan();
        const key = await readEncryptionKey(reader, { ...range, account });
        return key ? hexToPublicKey(key) : null;
      },
      rekey: (step, sharing) =>
        rekey.replace({ recordId: step.recordId, currentLocator: step.locator, source: { kind: 'rekey' }, excluding: [clinician], sharing }),
      nowSeconds: () => Math.floor(Date.now() / 1000),
      onStep: setRekeyStep,
    });
    if (result.outcome) setOutcome(result.outcome);
    return result.ended;
  }

  return {
    endAccess,
    revokeState: revoke.state,
    /** "Re-keying 2 of 3: …" while a record is re-keyed. */
    rekeyStep,
    rekey: { tx: rekey.tx, progressLabel: rekey.progressLabel, problem: rekey.problem },
    outcome,
    storageNotices,
    busy: revoke.isBusy || rekey.busy,
  };
}
