import type { BrowserContext, Request } from '@playwright/test';
import type { Address } from 'viem';
import { E2E_RPC_URL } from './ports';

/**
 * A browser wallet for tests, injected as a MetaMask user's would be: an EIP-1193 provider on
 * `window.ethereum`, announced over EIP-6963. Requests are answered by the real anvil through a
 * Playwright binding (anvil's development accounts are unlocked, so it signs). Tests can make the
 * wallet decline the next request of a kind (code 4001) or report another network.
 */
export type TestWallet = {
  readonly address: Address;
  /** The next request with this method is declined as if the user pressed "Reject". */
  rejectNext(method: string): Promise<void>;
  /** Pretend the wallet is on another chain (wrong network), or back on anvil's. */
  setChainId(chainId: number): Promise<void>;
};

type RpcResult = { result: unknown } | { error: { code: number; message: string } };

export const WALLET_NAME = 'Chartkey Test Wallet';

async function forwardToAnvil(method: string, params: unknown[]): Promise<RpcResult> {
  const response = await fetch(E2E_RPC_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { code: number; message: string } };
  return body.error ? { error: body.error } : { result: body.result };
}

/** Everything the page sent: network requests (URL, headers, body) plus what its wallet forwarded to the chain. */
export type TrafficLog = { readonly entries: Buffer[] };

/** Entries that contain the bytes of `secret` as UTF-8, hex or base64. */
export function findLeaks(traffic: TrafficLog, secret: string): string[] {
  const raw = Buffer.from(secret, 'utf8');
  const forms = [raw, Buffer.from(raw.toString('hex')), Buffer.from(raw.toString('base64')), Buffer.from(encodeURIComponent(secret))];
  return traffic.entries.filter((entry) => forms.some((form) => entry.includes(form))).map((entry) => entry.subarray(0, 200).toString('utf8'));
}

export async function installTestWallet(context: BrowserContext, address: Address, traffic: TrafficLog): Promise<TestWallet> {
  await context.exposeBinding('__chartkeyWalletRpc', async (_source, method: string, params: unknown[]) => {
    traffic.entries.push(Buffer.from(`wallet-rpc ${method} ${JSON.stringify(params)}`, 'utf8'));
    return forwardToAnvil(method, params);
  });
  context.on('request', (request: Request) => {
    const body = request.postDataBuffer();
    const head = Buffer.from(`${request.method()} ${request.url()} ${JSON.stringify(request.headers())} `, 'utf8');
    traffic.entries.push(body ? Buffer.concat([head, body]) : head);
  });

  await context.addInitScript(
    ({ account, walletName }) => {
      type Listener = (...args: unknown[]) => void;
      const listeners: Record<string, Listener[]> = {};
      // Like MetaMask, the site's permission survives a reload (kept per tab).
      const PERMISSION_KEY = 'chartkey-test-wallet-connected';
      const state = { connected: sessionStorage.getItem(PERMISSION_KEY) === '1', chainId: '0x7a69', rejectNext: new Set<string>() };
      const setConnected = (value: boolean) => {
        state.connected = value;
        if (value) sessionStorage.setItem(PERMISSION_KEY, '1');
        else sessionStorage.removeItem(PERMISSION_KEY);
      };
      const emit = (event: string, ...args: unknown[]) => (listeners[event] ?? []).forEach((l) => l(...args));
      const rpc = (window as unknown as { __chartkeyWalletRpc: (m: string, p: unknown[]) => Promise<{ result?: unknown; error?: { code: number; message: string } }> }).__chartkeyWalletRpc;

      const provider = {
        isMetaMask: false,
        async request({ method, params = [] }: { method: string; params?: unknown[] }) {
          if (state.rejectNext.has(method)) {
            state.rejectNext.delete(method);
            throw Object.assign(new Error('User rejected the request.'), { code: 4001 });
          }
          switch (method) {
            case 'eth_requestAccounts':
              setConnected(true);
              return [account];
            case 'eth_accounts':
              // Empty until the user connects, so the app does not auto-connect on load.
              return state.connected ? [account] : [];
            case 'eth_chainId':
              return state.chainId;
            case 'wallet_switchEthereumChain': {
              const target = (params[0] as { chainId: string }).chainId;
              if (target.toLowerCase() !== '0x7a69') throw Object.assign(new Error('Unrecognized chain.'), { code: 4902 });
              state.chainId = '0x7a69';
              emit('chainChanged', state.chainId);
              return null;
            }
            case 'wallet_requestPermissions':
              setConnected(true);
              return [{ parentCapability: 'eth_accounts' }];
            case 'wallet_revokePermissions':
              setConnected(false);
              return null;
          }
          const answer = await rpc(method, params);
          if (answer.error) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
          return answer.result;
        },
        on(event: string, listener: Listener) {
          (listeners[event] ??= []).push(listener);
          return provider;
        },
        removeListener(event: string, listener: Listener) {
          listeners[event] = (listeners[event] ?? []).filter((l) => l !== listener);
          return provider;
        },
      };

      Object.assign(window, {
        ethereum: provider,
        __chartkeyTestWallet: {
          rejectNext: (method: string) => state.rejectNext.add(method),
          setChainId: (hex: string) => {
            state.chainId = hex;
            emit('chainChanged', hex);
          },
        },
      });
      const icon =
        'data:image/svg+xml,' +
        encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#555"/></svg>');
      const announce = () =>
        window.dispatchEvent(
          new CustomEvent('eip6963:announceProvider', {
            detail: Object.freeze({
              info: { uuid: '3f1c1e57-7a0e-4b8e-9d2a-000000000001', name: walletName, icon, rdns: 'dev.chartkey.testwallet' },
              provider,
            }),
          }),
        );
      window.addEventListener('eip6963:requestProvider', announce);
      announce();
    },
    { account: address, walletName: WALLET_NAME },
  );

  const pages = () => context.pages();
  return {
    address,
    async rejectNext(method) {
      await Promise.all(pages().map((p) => p.evaluate((m) => (window as unknown as { __chartkeyTestWallet: { rejectNext(m: string): void } }).__chartkeyTestWallet.rejectNext(m), method)));
    },
    async setChainId(chainId) {
      const hex = `0x${chainId.toString(16)}`;
      await Promise.all(pages().map((p) => p.evaluate((h) => (window as unknown as { __chartkeyTestWallet: { setChainId(h: string): void } }).__chartkeyTestWallet.setChainId(h), hex)));
    },
  };
}
