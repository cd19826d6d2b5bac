'use client';

import { useCallback, useState } from 'react';
import { hexToBytes, type Address, type Hex } from 'viem';
import { readEncryptionKey } from '@/lib/consent';
import { hexToPublicKey, openLocator, type KeyPair } from '@/lib/crypto';
import { parseError } from '@/lib/errors/parse-error';
import { GRANT_FAILED, grantedCount, MISSING_CLINICIAN_KEY, planGrant, type GrantIntent } from '@/lib/sharing/grant';
import { queryKeys } from './query-keys';
import { useConsentWrite } from './use-consent-write';
import { useConsentScan } from './use-consent-client';

export type GrantResult =
  | { readonly ok: true; readonly recordCount: number }
  /** `problem` is a sentence for the form; null when the transaction status already says what happened. */
  | { readonly ok: false; readonly problem: string | null };

/**
 * Gives a clinician access, for "Share" and for approving a request alike: reads the clinician's
 * encryption key once, opens each record's locator with the patient's key, seals it to the
 * clinician (lib/sharing/grant) and sends `grantAccess`, `grantAccessBatch` or `approveRequest`.
 */
export function useGrantAccess(patient: Address, keyPair: KeyPair) {
  const { chainId, scan } = useConsentScan();
  const tx = useConsentWrite();
  const [checking, setChecking] = useState(false);

  const grant = useCallback(
    async (intent: GrantIntent): Promise<GrantResult> => {
      if (!scan) return { ok: false, problem: null };
      setChecking(true);
      try {
        const clinicianKey = await readEncryptionKey(scan.client, { contract: scan.contract, account: intent.clinician });
        if (!clinicianKey) return { ok: false, problem: MISSING_CLINICIAN_KEY[intent.kind] };
        const call = planGrant(intent, hexToPublicKey(clinicianKey), (locator: Hex) => openLocator(hexToBytes(locator), keyPair));
        const invalidates =
          intent.kind === 'share'
            ? [queryKeys.patientGrants(chainId, patient)]
            : // allRecordGrants also covers the patient-wide grants read (its key sits under 'record-grants').
              [queryKeys.pendingRequests(chainId, patient), queryKeys.allRecordGrants(chainId)];
        const result =
          call.functionName === 'grantAccess'
            ? await tx.run({ functionName: call.functionName, args: call.args, invalidates })
            : call.functionName === 'grantAccessBatch'
              ? await tx.run({ functionName: call.functionName, args: call.args, invalidates })
              : await tx.run({ functionName: call.functionName, args: call.args, invalidates });
        return result.ok ? { ok: true, recordCount: grantedCount(call) } : { ok: false, problem: null };
      } catch (error) {
        return { ok: false, problem: parseError(error, GRANT_FAILED[intent.kind]).message };
      } finally {
        setChecking(false);
      }
    },
    [chainId, keyPair, patient, scan, tx],
  );

  return { grant, tx, checking, busy: checking || tx.isBusy };
}
