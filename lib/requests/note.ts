import { zeroHash, type Hex } from 'viem';

/**
 * Decision: Chartkey's request form does not take a note, and sends `noteHash = 0` ("no note").
 *
 * Why not hash a note (keccak256) as the contract allows:
 * - The patient never sees the note in Chartkey (only its hash is on-chain), so a note box invites
 *   clinicians to write things the patient will never read there.
 * - An unsalted hash of a short clinical note ("follow-up after chest pain") is public and permanent, and
 *   can be reversed by guessing likely sentences: it would leak health information about the patient.
 *   A salted hash resists that, but then the patient needs the salt too, through the same off-chain
 *   channel that already carries the note — the on-chain fingerprint adds nothing they could check.
 * The purpose code says why; anything more goes through the clinician's usual channel.
 * Requests from other clients may carry a hash: `describeNoteHash` tells the patient what that means.
 */
export const REQUEST_NOTE_HASH: Hex = zeroHash;

/** What the patient is told about a request's note fingerprint, or null when there is none. */
export function describeNoteHash(noteHash: Hex | null): string | null {
  if (noteHash === null || noteHash === zeroHash) return null;
  return 'The clinician mentions a note. Chartkey holds only a fingerprint of it, not the note itself: ask them for it directly.';
}
