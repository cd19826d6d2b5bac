import type { RequestPurpose, RequestStatus } from '@/lib/consent';

/**
 * Plain-language words for access requests. The contract's purpose codes are deliberately coarse
 * (see `ChartkeyConsent.Purpose`); these are the words patients and clinicians see for them.
 */

/** Short labels for the clinician's purpose select and for lists. */
export const PURPOSE_LABELS: Readonly<Record<RequestPurpose, string>> = {
  treatment: 'Treatment: ongoing care',
  referral: 'Referral: the patient was referred to me',
  'second-opinion': 'Second opinion on existing findings',
  emergency: 'Emergency care',
  research: 'Research study',
  administrative: 'Administrative: billing, insurance or records',
};

/** Completes "They are asking …" for a patient reading the request. */
const PURPOSE_REASONS: Readonly<Record<RequestPurpose, string>> = {
  treatment: 'to look after your ongoing care',
  referral: 'because you were referred to them',
  'second-opinion': 'to give a second opinion on existing findings',
  emergency: 'to give you urgent care. You still decide: nothing bypasses your consent',
  research: 'to include you in a research study',
  administrative: 'for billing, insurance or records management',
};

/** One sentence saying why a clinician asks, for the patient's inbox. */
export function purposeSentence(purpose: RequestPurpose): string {
  return `They are asking ${PURPOSE_REASONS[purpose]}.`;
}

export const REQUEST_STATUS_LABELS: Readonly<Record<RequestStatus, string>> = {
  pending: 'Waiting for the patient',
  approved: 'Approved',
  denied: 'Denied',
  cancelled: 'Cancelled by you',
};

/**
 * What a request covers, in words. `names` maps record ids to decrypted names the reader knows
 * (only the patient can decrypt them); unknown ids are described by number.
 */
export function requestScopeText(recordIds: readonly bigint[], names: ReadonlyMap<bigint, string> = new Map()): string {
  if (recordIds.length === 0) return 'All records';
  const described = recordIds.map((id) => names.get(id) ?? `record ${id.toString()}`);
  if (described.length === 1) return `1 record: ${described[0]}`;
  return `${described.length} records: ${described.join(', ')}`;
}

/** `0x1234…abcd`: enough to recognise an address in a list without a wall of hex. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}
