/**
 * Product-wide size limits, shared by the browser (to refuse early with a clear message)
 * and the server route (to refuse anything that slipped past the browser).
 */

/** Largest file a patient may upload as one record: 50 MiB of plaintext. */
export const MAX_RECORD_BYTES = 50 * 1024 * 1024;

/**
 * Largest ciphertext the IPFS route accepts. Leaves room for the envelope's header,
 * per-chunk authentication tags and size padding on top of the largest allowed record.
 */
export const MAX_ENVELOPE_BYTES = MAX_RECORD_BYTES + 4 * 1024 * 1024;
