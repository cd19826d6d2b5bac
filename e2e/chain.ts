import { createPublicClient, http, type Address } from 'viem';
import { anvil } from 'viem/chains';
import { E2E_RPC_URL } from './ports';

/** viem settings for the e2e chain (anvil). */
export const e2eRpc = { chain: anvil, transport: http(E2E_RPC_URL) };

/** The consent contract the e2e stack deployed: the first contract created on its fresh chain. */
export async function consentAddress(): Promise<Address> {
  const client = createPublicClient(e2eRpc);
  const latest = await client.getBlockNumber({ cacheTime: 0 });
  for (let block = 1n; block <= latest; block++) {
    const { transactions } = await client.getBlock({ blockNumber: block, includeTransactions: true });
    for (const tx of transactions) {
      if (tx.to !== null) continue;
      const receipt = await client.getTransactionReceipt({ hash: tx.hash });
      if (receipt.contractAddress) return receipt.contractAddress;
    }
  }
  throw new Error('No contract deployed on the e2e chain');
}
