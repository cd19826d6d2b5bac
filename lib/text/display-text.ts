/**
 * Text other people wrote (record names from a sharer's metadata, clinicians' profile names and
 * organisations) is shown only after removing characters that change how it reads without being
 * visible: bidirectional overrides and isolates ("invoice\u202Efdp.exe" renders as "invoiceexe.pdf",
 * a name can render as another name), zero-width characters, and control characters. Whitespace
 * runs collapse to one space, so a name cannot push a warning or a badge out of view.
 * Hand-written: the character classes are short and fixed; no kept library covers exactly this.
 */

/** Bidirectional embeddings, overrides, isolates and marks (incl. the Arabic letter mark). */
export const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Zero-width space, non-joiner, joiner and the byte-order mark. */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
/** C0 and C1 control characters, newlines and tabs included (they become spaces below). */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** The text as it should be displayed; empty when nothing visible is left. */
export function cleanDisplayText(text: string): string {
  return text.replace(BIDI_CONTROLS, '').replace(ZERO_WIDTH, '').replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
}

/** Any of the above except tab, newline and carriage return (which only change spacing). */
const HIDDEN = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** True when the text holds characters cleaning removes, beyond spacing: worth telling an attester. */
export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN.test(text);
}
