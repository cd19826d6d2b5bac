/**
 * What the storage route can check of an upload without its key: that it starts like a Chartkey
 * envelope (docs/envelope-v1.md §3.1) and is at least as long as the smallest one. It proves
 * nothing about the content (only the key holder can), but it refuses plain text, HTML, PDFs and
 * every other file before any of it reaches the storage node, so the route is not a free host.
 *
 * Pure (no Node-only imports). The constants come from the format module, which the browser's
 * writer and reader use too, so the three can never drift apart. (That module also pulls in
 * tweetnacl for its key sizes; harmless on the server.)
 */
import {
  ENVELOPE_MAGIC,
  ENVELOPE_VERSION,
  HEADER_BYTES,
  MAX_METADATA_PLAINTEXT_BYTES,
  MIN_PADDED_BODY_BYTES,
  readHeaderLayout,
  TAG_BYTES,
} from '@/lib/crypto/envelope-format';

/** Bytes an upload must start with before it can be checked: the whole 57-byte header. */
export const ENVELOPE_CHECK_BYTES = HEADER_BYTES;

/** The smallest body a v1 envelope can have: one 256-byte padded chunk and its tag. */
export const MIN_ENVELOPE_BODY_BYTES = MIN_PADDED_BODY_BYTES + TAG_BYTES;

/**
 * Checks the first `ENVELOPE_CHECK_BYTES` of an upload. Returns the smallest total length an
 * envelope with this header can have (header + metadata block + one minimal body chunk), or null
 * when the bytes are not a v1 envelope header: wrong magic or version, a flag bit other than
 * "compressed", a chunk size other than 64 KiB, or a metadata length not of the form 16 + 256·j
 * with 1 ≤ j ≤ 16.
 */
export function minimumEnvelopeLength(header: Uint8Array): number | null {
  if (header.byteLength < ENVELOPE_CHECK_BYTES) return null;
  if (!ENVELOPE_MAGIC.every((byte, i) => header[i] === byte)) return null;
  // The version byte follows the magic (§3.1).
  if (header[ENVELOPE_MAGIC.length] !== ENVELOPE_VERSION) return null;
  // The same rules the reader applies once the key is known (flags, chunk size, metadata length).
  const layout = readHeaderLayout(header);
  if (typeof layout === 'string') return null;
  return HEADER_BYTES + layout.metadataCiphertextLength + MIN_ENVELOPE_BODY_BYTES;
}

/** The largest `minimumEnvelopeLength` can be: what the route may buffer before contacting the node. */
export const MAX_MINIMUM_ENVELOPE_LENGTH = HEADER_BYTES + MAX_METADATA_PLAINTEXT_BYTES + TAG_BYTES + MIN_ENVELOPE_BODY_BYTES;
