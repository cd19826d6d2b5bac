import { connectorsForWallets, type Wallet, type WalletList } from '@rainbow-me/rainbowkit';
import { injectedWallet, metaMaskWallet, walletConnectWallet } from '@rainbow-me/rainbowkit/wallets';
import { defineChain, type Chain } from 'viem';
import { foundry } from 'viem/chains';
import { createConfig, createConnector, http, injected } from 'wagmi';
import type { PublicConfig } from '@/lib/config/public-config';
import { RPC_MAX_RESPONSE_BYTES } from '@/lib/consent/logs';
import { DEMO_ACCOUNTS, type DemoRole } from './demo-accounts';
import { createDemoProvider } from './demo-provider';

export function chainFromConfig(config: PublicConfig): Chain {
  if (config.isLocalChain) {
    return { ...foundry, name: config.chainName, rpcUrls: { default: { http: [config.rpcUrl] } } };
  }
  return defineChain({
    id: config.chainId,
    name: config.chainName,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
    blockExplorers: config.explorerUrl ? { default: { name: 'Explorer', url: config.explorerUrl } } : undefined,
  });
}

// A flat icon keeps the demo wallets visually distinct from real wallets without fetching anything.
const demoIcon = (letter: string, colour: string) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 28"><rect width="28" height="28" rx="6" fill="${colour}"/><text x="14" y="19" font-family="sans-serif" font-size="14" font-weight="700" fill="#fff" text-anchor="middle">${letter}</text></svg>`,
  )}`;

const DEMO_ICON_LETTERS: Record<DemoRole, string> = { patient: 'P', clinician: 'C', secondClinician: 'C', deployer: 'A' };

function demoWallet(role: DemoRole, chain: Chain, rpcUrl: string): Wallet {
  const account = DEMO_ACCOUNTS[role];
  const id = `chartkey-demo-${role}`;
  const name = `${account.label} (local demo)`;
  return {
    id,
    name,
    shortName: account.label,
    iconUrl: demoIcon(DEMO_ICON_LETTERS[role], role === 'patient' ? '#0f766e' : role === 'deployer' ? '#7c3aed' : '#1d4ed8'),
    iconBackground: '#ffffff',
    installed: true,
    createConnector: (walletDetails) => {
      const provider = createDemoProvider({ privateKey: account.privateKey, chain, rpcUrl });
      return createConnector((config) => ({
        ...injected({ target: () => ({ id, name, provider }) })(config),
        ...walletDetails,
      }));
    },
  };
}

/**
 * The wagmi configuration for this deployment. Wallets: any injected or EIP-6963 wallet
 * (MetaMask included, discovered automatically), WalletConnect only with a project id, and the
 * labelled demo wallets only on the local chain.
 */
export function createChartkeyWagmiConfig(config: PublicConfig) {
  const chain = chainFromConfig(config);
  const projectId = config.walletConnectProjectId;

  const walletList: WalletList = [
    {
      groupName: 'Your wallet',
      wallets: projectId ? [injectedWallet, metaMaskWallet, walletConnectWallet] : [injectedWallet],
    },
  ];
  if (config.isLocalChain) {
    walletList.push({
      groupName: 'Demo accounts (local chain only)',
      wallets: [
        () => demoWallet('patient', chain, config.rpcUrl),
        () => demoWallet('clinician', chain, config.rpcUrl),
        () => demoWallet('secondClinician', chain, config.rpcUrl),
        () => demoWallet('deployer', chain, config.rpcUrl),
      ],
    });
  }

  const connectors = connectorsForWallets(walletList, {
    appName: 'Chartkey',
    appDescription: 'Your health records, encrypted in your browser, shared on your terms.',
    // RainbowKit requires a string; it is only used by WalletConnect wallets, which are
    // listed only when a real project id is configured.
    projectId: projectId ?? 'walletconnect-disabled',
  });

  return createConfig({
    chains: [chain],
    connectors,
    transports: { [chain.id]: http(config.rpcUrl, { maxResponseBodySize: RPC_MAX_RESPONSE_BYTES }) },
    ssr: true,
    multiInjectedProviderDiscovery: true,
  });
}

export type ChartkeyWagmiConfig = ReturnType<typeof createChartkeyWagmiConfig>;
