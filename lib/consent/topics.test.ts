import { encodeEventTopics, toEventSelector } from 'viem';
import { describe, expect, it } from 'vitest';
import { chartkeyConsentAbi } from '@/contracts-abi';
import { addressTopic, eventSelector, uintTopic } from './topics';

describe('log topics', () => {
  it('selects an event by its signature hash', () => {
    const granted = chartkeyConsentAbi.find((item) => item.type === 'event' && item.name === 'AccessGranted')!;
    expect(eventSelector('AccessGranted')).toBe(toEventSelector(granted as Parameters<typeof toEventSelector>[0]));
  });

  it('encodes indexed addresses and ids as viem does, whatever the address case', () => {
    const [, patient, , recordId] = encodeEventTopics({
      abi: chartkeyConsentAbi,
      eventName: 'AccessRevoked',
      args: { patient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', recordId: 42n },
    });
    expect(addressTopic('0x70997970c51812dc3a010c7d01b50e0d17dc79c8')).toBe(patient);
    expect(uintTopic(42n)).toBe(recordId);
  });
});
