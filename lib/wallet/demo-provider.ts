import {
  createWalletClient,
  hexToNumber,
  http,
  numberToHex,
  type Chain,
  type EIP1193EventMap,
  type EIP1193Parameters,
  type EIP1193Provider,
  type EIP1193RequestFn,
  type Hex,
  type TransactionRequest,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

/** A JSON-RPC-style error with an EIP-1193 code, so wagmi and our error parser treat it like a wallet's. */
export class DemoProviderError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'DemoProviderError';
  }
}

type RpcTransactionParams = {
  from?: Hex;
  to?: Hex | null;
  data?: Hex;
  value?: Hex;
  gas?: Hex;
  nonce?: Hex;
};

/**
 * An EIP-1193 provider for the local demo chain that signs with one of the chain's public
 * development keys in the page. It is deliberately a provider (not a special code path) so the
 * demo exercises exactly the same wagmi/RainbowKit flow as a MetaMask user does.
 */
export function createDemoProvider(options: { privateKey: Hex; chain: Chain; rpcUrl: string }): EIP1193Provider {
  const account = privateKeyToAccount(options.privateKey);
  const wallet = createWalletClient({ account, chain: options.chain, transport: http(options.rpcUrl) });
  // The demo account and chain never change, so no event is ever emitted; listeners are accepted
  // only because the EIP-1193 contract requires them.
  const listeners = new Map<keyof EIP1193EventMap, Set<unknown>>();
  let connected = false;

  const request = (async (args: EIP1193Parameters) => {
    const { method } = args;
    const params = (args.params ?? []) as readonly unknown[];
    switch (method) {
      case 'eth_requestAccounts':
        connected = true;
        return [account.address];
      case 'eth_accounts':
        return connected ? [account.address] : [];
      case 'eth_chainId':
        return numberToHex(options.chain.id);
      case 'net_version':
        return String(options.chain.id);
      case 'wallet_switchEthereumChain': {
        const requested = (params[0] as { chainId?: Hex } | undefined)?.chainId;
        if (requested && hexToNumber(requested) === options.chain.id) return null;
        throw new DemoProviderError(4902, 'The demo wallet only works on the local demo chain.');
      }
      case 'wallet_requestPermissions':
      case 'wallet_getPermissions':
        return [{ parentCapability: 'eth_accounts' }];
      case 'wallet_revokePermissions':
        connected = false;
        return null;
      case 'personal_sign': {
        const message = params[0] as Hex;
        return account.signMessage({ message: { raw: message } });
      }
      case 'eth_sendTransaction': {
        const tx = params[0] as RpcTransactionParams;
        const request: TransactionRequest = {
          to: tx.to ?? undefined,
          data: tx.data,
          value: tx.value ? BigInt(tx.value) : undefined,
          gas: tx.gas ? BigInt(tx.gas) : undefined,
          nonce: tx.nonce ? hexToNumber(tx.nonce) : undefined,
        };
        return wallet.sendTransaction({ ...request, account, chain: options.chain });
      }
      default:
        // Reads (eth_call, eth_getBalance, eth_estimateGas …) go straight to the chain.
        return wallet.request(args as Parameters<typeof wallet.request>[0]);
    }
  }) as EIP1193RequestFn;

  return {
    request,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<unknown>();
      set.add(listener);
      listeners.set(event, set);
    },
    removeListener(event, listener) {
      listeners.get(event)?.delete(listener);
    },
  };
}
