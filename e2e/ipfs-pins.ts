import { expect, type Page } from '@playwright/test';
import { E2E_PORTS } from './ports';

/** The e2e stack's IPFS node, asked directly (as an operator would) what it still pins. */
const IPFS_RPC = `http://127.0.0.1:${E2E_PORTS.ipfs}/api/v0`;

export async function recursivePins(nameFilter?: string): Promise<Map<string, string>> {
  const query = new URLSearchParams({ type: 'recursive', names: 'true', ...(nameFilter ? { name: nameFilter } : {}) });
  const response = await fetch(`${IPFS_RPC}/pin/ls?${query}`, { method: 'POST' });
  expect(response.ok).toBe(true);
  const { Keys } = (await response.json()) as { Keys: Record<string, { Type: string; Name: string }> };
  return new Map(Object.entries(Keys).map(([cid, pin]) => [cid, pin.Name]));
}

/** Pins carrying a removal claim: what the app's uploads make. */
export const claimedPins = () => recursivePins('chartkey-unpin:');

export async function isPinned(cid: string): Promise<boolean> {
  const response = await fetch(`${IPFS_RPC}/pin/ls?${new URLSearchParams({ arg: cid, type: 'recursive' })}`, { method: 'POST' });
  if (response.ok) return true;
  const { Message } = (await response.json()) as { Message: string };
  expect(Message).toMatch(/is not pinned/);
  return false;
}

/** Runs `action` and returns the one pin (CID → name) it added; `pins` says which pins to compare. */
export async function newPinDuring(action: () => Promise<void>, pins: () => Promise<Map<string, string>> = claimedPins): Promise<{ cid: string; name: string }> {
  const before = await pins();
  await action();
  const added = [...(await pins())].filter(([cid]) => !before.has(cid));
  expect(added).toHaveLength(1);
  const [cid = '', name = ''] = added[0] ?? [];
  return { cid, name };
}

/**
 * Pins `bytes` without a name, directly on the node, as the storage route did before every upload
 * had to carry a removal claim; returns the CID the route would have answered.
 */
export async function pinUnclaimed(bytes: Buffer): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]));
  const query = new URLSearchParams({ 'cid-version': '1', 'raw-leaves': 'true', chunker: 'size-262144', pin: 'true' });
  const response = await fetch(`${IPFS_RPC}/add?${query}`, { method: 'POST', body: form });
  expect(response.ok).toBe(true);
  const lines = (await response.text()).trim().split('\n');
  return (JSON.parse(lines[lines.length - 1] ?? '{}') as { Hash: string }).Hash;
}

/** The HTTP status the app's storage route answers for `cid` (200 while pinned, 410 once removed by its owner). */
export const served = async (page: Page, cid: string) => (await page.request.get(`/api/ipfs/${cid}`)).status();
