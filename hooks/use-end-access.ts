'use client';

import { useCallback, useState } from 'react';
import type { Address, Hex } from 'viem';
import type { KeyPair } from '@/lib/crypto';
import type { CleanupNotice } from '@/lib/records/storage-cleanup';
import { planEndAccess, runEndAccess, type EndAccessOutcome, type Revocation, type RevokeCall } from '@/lib/sharing/end-access';
import { consentSharingReaders, type SharingReaders } from '@/lib/sharing/snapshot';
import { queryKeys } from './query-keys';
import { consentUnavailable, useConsentScan } from './use-consent-client';
import { useConsentWrite } from './use-consent-write';
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
  const { chainId, scan } = useConsentScan();
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
    const invalidates = [queryKeys.patientGrants(chainId, patient)];
    const sendRevoke = (call: RevokeCall) =>
      call.functionName === 'revokeAccess'
        ? revoke.run({ functionName: call.functionName, args: call.args, invalidates })
        : call.functionName === 'revokeAccessBatch'
          ? revoke.run({ functionName: call.functionName, args: call.args, invalidates })
          : revoke.run({ functionName: call.functionName, args: call.args, invalidates });
    const readers = (): SharingReaders => {
      if (!scan) throw consentUnavailable();
      const { client, ...range } = scan;
      return consentSharingReaders(client, { ...range, patient });
    };
    const result = await runEndAccess(plan, {
      revoke: async (call) => (await sendRevoke(call)).ok,
      readGrants: async () => readers().readGrants(),
      readKey: async (account) => readers().readKey(account),
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
