import { describe, expect, it } from 'vitest';
import { createDraftStore, type KeyValueBackend, type StoredDraft } from './draft-store';

function memoryBackend(): KeyValueBackend {
  const map = new Map<string, StoredDraft>();
  return {
    get: async (key) => map.get(key),
    set: async (key, value) => void map.set(key, value),
    del: async (key) => void map.delete(key),
    values: async () => [...map.values()],
  };
}

const draft = (id: string, owner: string, chainId: number, createdAt: number): StoredDraft => ({
  id,
  owner,
  chainId,
  createdAt,
  envelope: new Uint8Array([1, 2, 3]),
  sealedKey: new Uint8Array([4, 5]),
  cid: null,
});

describe('draft store', () => {
  it('lists only the owner’s drafts on this chain, oldest first, whatever the address case', async () => {
    const store = createDraftStore(memoryBackend());
    await store.save(draft('b', '0xAbC', 31337, 2));
    await store.save(draft('a', '0xabc', 31337, 1));
    await store.save(draft('c', '0xdef', 31337, 3));
    await store.save(draft('d', '0xabc', 1, 4));
    expect((await store.list('0xABC', 31337)).map((d) => d.id)).toEqual(['a', 'b']);
  });

  it('records the CID and block once pinned, then the registration transaction, and forgets a removed draft', async () => {
    const store = createDraftStore(memoryBackend());
    await store.save(draft('a', '0xabc', 31337, 1));
    await store.markPinned('a', 'QmExample', 42n);
    await store.markSubmitted('a', '0x1234');
    expect((await store.list('0xabc', 31337))[0]).toMatchObject({ cid: 'QmExample', pinnedAtBlock: 42n, registrationTx: '0x1234' });
    await store.save(draft('b', '0xabc', 31337, 2));
    await store.markPinned('b', 'QmUnknownBlock', undefined);
    expect((await store.list('0xabc', 31337))[1]).toMatchObject({ cid: 'QmUnknownBlock' });
    expect((await store.list('0xabc', 31337))[1]).not.toHaveProperty('pinnedAtBlock');
    await store.remove('b');
    await store.markPinned('missing', 'QmOther', 43n);
    await store.markSubmitted('missing', '0x5678');
    await store.remove('a');
    expect(await store.list('0xabc', 31337)).toEqual([]);
  });
});
