'use client';

import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { ContractFunctionArgs, ContractFunctionName, Hash } from 'viem';
import { useConfig } from 'wagmi';
import { getAccount, simulateContract, waitForTransactionReceipt, writeContract } from 'wagmi/actions';
import { queryKeys } from './query-keys';
import { usePublicConfig } from './use-public-config';
import { chartkeyConsentAbi } from '@/contracts-abi';
import { parseError } from '@/lib/errors/parse-error';
import { UserFacingError } from '@/lib/errors/user-facing-error';

type ConsentAbi = typeof chartkeyConsentAbi;
type WriteName = ContractFunctionName<ConsentAbi, 'nonpayable' | 'payable'>;

export type TxState =
  | { readonly status: 'idle' }
  | { readonly status: 'signing' }
  | { readonly status: 'confirming'; readonly hash: Hash }
  | { readonly status: 'confirmed'; readonly hash: Hash }
  | { readonly status: 'failed'; readonly message: string }
  | { readonly status: 'rejected'; readonly message: string };

/**
 * The one pipeline every consent transaction goes through: check deployed → connected → right
 * network, simulate (so a refusal is explained before the wallet opens), ask the wallet to sign,
 * wait for the receipt, then refresh only the queries the change affects.
 */
export function useConsentWrite() {
  const wagmiConfig = useConfig();
  const config = usePublicConfig();
  const queryClient = useQueryClient();
  const [state, setState] = useState<TxState>({ status: 'idle' });

  const run = useCallback(
    async <name extends WriteName>(request: {
      functionName: name;
      args: ContractFunctionArgs<ConsentAbi, 'nonpayable' | 'payable', name>;
      invalidates: readonly QueryKey[];
      /** Called once the wallet signed and sent it, while the network is still confirming. */
      onSubmitted?: (hash: Hash) => void;
    }): Promise<{ ok: true; hash: Hash } | { ok: false }> => {
      setState({ status: 'signing' });
      try {
        if (!config.consent) throw new UserFacingError('consent.not-deployed', 'Chartkey is not deployed on this network.');
        const account = getAccount(wagmiConfig);
        if (!account.address) throw new UserFacingError('wallet.disconnected', 'Connect your wallet first.');
        if (account.chainId !== config.chainId) {
          throw new UserFacingError('wallet.wrong-network', `Switch your wallet to ${config.chainName} and try again.`);
        }
        // viem/wagmi can't narrow their overloads through a generic function name; `run`'s own
        // signature above is what keeps callers' function names and arguments typed against the ABI.
        const { request: prepared } = await simulateContract(wagmiConfig, {
          abi: chartkeyConsentAbi,
          address: config.consent.address,
          functionName: request.functionName,
          args: request.args,
          account: account.address,
          chainId: config.chainId,
        } as never);
        const hash = await writeContract(wagmiConfig, prepared as never);
        setState({ status: 'confirming', hash });
        request.onSubmitted?.(hash);
        const receipt = await waitForTransactionReceipt(wagmiConfig, { hash, chainId: config.chainId });
        if (receipt.status !== 'success') {
          throw new UserFacingError('tx.reverted', 'The network did not accept this change. Nothing was changed; please try again.');
        }
        // Every consent change is also a new line in the patient's activity timeline.
        const affected = [...request.invalidates, queryKeys.allPatientActivity(config.chainId)];
        await Promise.all(affected.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
        setState({ status: 'confirmed', hash });
        return { ok: true, hash };
      } catch (error) {
        const parsed = parseError(error, 'The change could not be saved. Nothing was changed; please try again.');
        setState(parsed.kind === 'rejected' ? { status: 'rejected', message: parsed.message } : { status: 'failed', message: parsed.message });
        return { ok: false };
      }
    },
    [config, queryClient, wagmiConfig],
  );

  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, run, reset, isBusy: state.status === 'signing' || state.status === 'confirming' };
}
