import { encodeEventTopics, numberToHex, pad, type Address, type ContractEventName, type Hex } from 'viem';
import { chartkeyConsentAbi } from '@/contracts-abi';

/** Names of the consent contract's events. */
export type ConsentEventName = ContractEventName<typeof chartkeyConsentAbi>;

/** The topic-0 selector of one consent event, for raw `eth_getLogs` topic filters. */
export function eventSelector(eventName: ConsentEventName): Hex {
  const [topic] = encodeEventTopics({ abi: chartkeyConsentAbi, eventName });
  return topic;
}

/** An indexed `address` argument as a log topic. */
export const addressTopic = (address: Address): Hex => pad(address.toLowerCase() as Hex, { size: 32 });

/** An indexed `uint256` argument as a log topic. */
export const uintTopic = (value: bigint): Hex => numberToHex(value, { size: 32 });
