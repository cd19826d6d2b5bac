import type { PublicClient } from 'viem';
import { withReadError } from './history';

/**
 * Unix times (seconds) of the given blocks, reading each distinct block once. Consent events carry a
 * block number, not a time; a page of events usually shares few blocks, so this stays a handful of
 * calls. (viem has no batch "timestamps of blocks" call; its HTTP transport can batch these if enabled.)
 */
export async function readBlockTimes(client: Pick<PublicClient, 'getBlock'>, blockNumbers: readonly bigint[]): Promise<Map<bigint, bigint>> {
  const distinct = [...new Set(blockNumbers)];
  return withReadError('Chartkey could not read dates from the network. Check your connection and try again.', async () => {
    const blocks = await Promise.all(distinct.map((blockNumber) => client.getBlock({ blockNumber })));
    return new Map(blocks.map((block, index) => [distinct[index]!, block.timestamp]));
  });
}
