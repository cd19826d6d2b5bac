/**
 * After a record version ends (the record is removed, or replaced by a new version), its
 * ciphertext is unpinned from Chartkey's storage node, proving ownership with the secret only the
 * patient can derive (lib/crypto/unpin.ts). Best effort: the chain already says the version is
 * over, which is what matters, so every failure becomes a sentence for a calm notice, never an
 * error of the removal itself.
 */
import { hexToBytes, type Hex } from 'viem';
import { cidOpener, deriveUnpinCredentials, openLocator, type KeyPair } from '@/lib/crypto';
import { parseError } from '@/lib/errors/parse-error';
import { unpinCiphertext } from '@/lib/ipfs/client';

export type StorageCleanup =
  | { readonly kind: 'deleted' }
  /** Another current record points at the same file (e.g. a retried registration added it twice). */
  | { readonly kind: 'in-use' }
  | { readonly kind: 'kept'; readonly reason: string };

const KEPT_FALLBACK = 'The storage node did not delete the encrypted file.';

/**
 * Unpins the file behind `endedLocator` (the patient's locator of the version that just ended)
 * unless one of `currentLocators` (the patient's records as they are now) still uses it. The
 * ended locator itself is ignored among the current ones, in case that list was read a moment
 * before the change.
 */
export async function removeEndedCiphertext(
  endedLocator: Hex,
  keyPair: KeyPair,
  currentLocators: readonly Hex[],
  deps: { unpin: (cid: string, secret: string) => Promise<void> } = { unpin: unpinCiphertext },
): Promise<StorageCleanup> {
  let cid: string;
  let secret: string;
  try {
    const opened = openLocator(hexToBytes(endedLocator), keyPair);
    cid = opened.cid;
    secret = deriveUnpinCredentials(keyPair.secretKey, opened.contentKey).secret;
    opened.contentKey.fill(0);
  } catch (error) {
    return { kind: 'kept', reason: parseError(error, KEPT_FALLBACK).message };
  }
  const ended = endedLocator.toLowerCase();
  const cidOf = cidOpener(keyPair);
  if (currentLocators.some((locator) => locator.toLowerCase() !== ended && cidOf(locator) === cid)) return { kind: 'in-use' };
  try {
    await deps.unpin(cid, secret);
    return { kind: 'deleted' };
  } catch (error) {
    return { kind: 'kept', reason: parseError(error, KEPT_FALLBACK).message };
  }
}

export type CleanupNotice = { readonly tone: 'success' | 'warning'; readonly message: string };

/** What the patient is told once a record is removed: the removal itself always succeeded. */
export function removalNotice(title: string, outcome: StorageCleanup): CleanupNotice {
  const removed = `“${title}” was removed, and nobody can open it through Chartkey any more.`;
  switch (outcome.kind) {
    case 'deleted':
      return { tone: 'success', message: `${removed} Its encrypted file was deleted from Chartkey’s storage.` };
    case 'in-use':
      return { tone: 'success', message: `${removed} Its encrypted file stays in Chartkey’s storage because another of your records uses the same file.` };
    case 'kept':
      return { tone: 'warning', message: `${removed} ${outcome.reason} It stays encrypted, and only people you shared it with ever had its key.` };
  }
}

/**
 * After a new version is saved. With the record's `title` (a replace the patient started on the record
 * itself) the patient is told it worked: the record's row is rebuilt while the new version loads, so the
 * row cannot say so itself. Without it (re-keying, which reports its own progress) only a kept file is news.
 */
export function replacementNotice(outcome: StorageCleanup, title?: string): CleanupNotice | null {
  const saved = title === undefined ? 'The new version is saved' : `A new version of “${title}” is saved`;
  if (outcome.kind === 'kept') {
    return {
      tone: 'warning',
      message: `${saved}, but the earlier version’s encrypted file is still in Chartkey’s storage. ${outcome.reason} It stays encrypted, and only people it was shared with had its key.`,
    };
  }
  if (title === undefined) return null;
  return { tone: 'success', message: `${saved}. Earlier versions can no longer be opened through Chartkey.` };
}
