import { createStore, del, get, set, values } from 'idb-keyval';
import type { Hex } from 'viem';

/**
 * An encrypted upload that has not been added to the patient's records yet. Only ciphertext is
 * stored: the envelope as it will be pinned, and its content key sealed to the patient's own
 * public key, so a draft is unreadable without the key the wallet signature recreates. No file
 * name or type is stored in clear; they are read back from the envelope's encrypted metadata.
 */
export type StoredDraft = {
  readonly id: string;
  /** Lower-case address of the patient the draft belongs to. */
  readonly owner: string;
  readonly chainId: number;
  readonly createdAt: number;
  readonly envelope: Uint8Array;
  /** A locator sealed to the owner: the content key, and where the ciphertext lives. */
  readonly sealedKey: Uint8Array;
  /** Set once the ciphertext is pinned, so a retry does not upload it again. */
  readonly cid: string | null;
  /**
   * The chain's latest block when the ciphertext was pinned: a record registering this file can
   * only be in a later block, so a later visit checks just the records added since. Absent on
   * drafts saved before it was kept.
   */
  readonly pinnedAtBlock?: bigint;
  /** The registration transaction, once the wallet sent it: the page may close before it confirms. */
  readonly registrationTx?: Hex;
};

/** The few key-value operations the store needs; IndexedDB in the browser, a Map in tests. */
export type KeyValueBackend = {
  get(key: string): Promise<StoredDraft | undefined>;
  set(key: string, value: StoredDraft): Promise<void>;
  del(key: string): Promise<void>;
  values(): Promise<StoredDraft[]>;
};

export function indexedDbBackend(): KeyValueBackend {
  const store = createStore('chartkey-drafts', 'drafts');
  return {
    get: (key) => get<StoredDraft>(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
    values: () => values<StoredDraft>(store),
  };
}

export function createDraftStore(backend: KeyValueBackend) {
  return {
    async list(owner: string, chainId: number): Promise<StoredDraft[]> {
      const all = await backend.values();
      return all
        .filter((draft) => draft.owner === owner.toLowerCase() && draft.chainId === chainId)
        .sort((a, b) => a.createdAt - b.createdAt);
    },
    save(draft: StoredDraft): Promise<void> {
      return backend.set(draft.id, { ...draft, owner: draft.owner.toLowerCase() });
    },
    /** `pinnedAtBlock` is unknown when the chain did not answer; the CID is kept either way. */
    async markPinned(id: string, cid: string, pinnedAtBlock: bigint | undefined): Promise<void> {
      const draft = await backend.get(id);
      if (draft) await backend.set(id, { ...draft, cid, ...(pinnedAtBlock === undefined ? {} : { pinnedAtBlock }) });
    },
    async markSubmitted(id: string, registrationTx: Hex): Promise<void> {
      const draft = await backend.get(id);
      if (draft) await backend.set(id, { ...draft, registrationTx });
    },
    remove(id: string): Promise<void> {
      return backend.del(id);
    },
  };
}

export type DraftStore = ReturnType<typeof createDraftStore>;
