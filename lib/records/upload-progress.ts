/**
 * One progress bar for a whole upload: encrypt in the browser, store the ciphertext, then add it
 * to the patient's records on-chain. Each stage owns a slice of 0–100 so the bar only ever moves
 * forward, and 100 is reserved for a confirmed transaction: the record exists only then.
 */

export type UploadStage = 'encrypting' | 'storing' | 'signing' | 'confirming' | 'done';

/** Bytes processed so far out of a total. */
export type ByteProgress = { readonly done: number; readonly total: number };

export type UploadProgressInput = {
  readonly stage: UploadStage;
  /** Encryption progress by bytes (read while encrypting). */
  readonly encrypted?: ByteProgress | null;
  /**
   * Bytes sent to storage (lib/ipfs reports them while uploading). Until the first report, or where
   * they can't be counted, the bar waits at the start of the storing slice rather than guess.
   */
  readonly stored?: ByteProgress | null;
  /** Stopped at `stage` (an error, a rejected wallet prompt): the bar stays where it was. */
  readonly failed?: boolean;
};

export type UploadProgressView = {
  /** 0–100, whole numbers; 100 only once the transaction is confirmed. */
  readonly percent: number;
  /** The visible words for the stage. */
  readonly label: string;
  /** What assistive technology announces instead of the bare number. */
  readonly valueText: string;
  /** 1 encrypting, 2 storing, 3 adding to the records (wallet and network). */
  readonly step: 1 | 2 | 3;
  /** False while a stage can't be measured (storing without byte counts, waiting on the wallet or network). */
  readonly measured: boolean;
};

export const UPLOAD_STEPS = 3;

/** Slices of the bar; signing and confirming split the last stage so confirming visibly moves on. */
export const STAGE_RANGES: Readonly<Record<UploadStage, readonly [start: number, end: number]>> = {
  encrypting: [0, 60],
  storing: [60, 90],
  signing: [90, 95],
  confirming: [95, 99],
  done: [100, 100],
};

export const STAGE_LABELS: Readonly<Record<UploadStage, string>> = {
  encrypting: 'Encrypting…',
  storing: 'Storing encrypted file…',
  signing: 'Waiting for your wallet…',
  confirming: 'Confirming on the network…',
  done: 'Done',
};

export const FAILED_LABEL = 'Not finished';

const STEP: Readonly<Record<UploadStage, 1 | 2 | 3>> = { encrypting: 1, storing: 2, signing: 3, confirming: 3, done: 3 };

/** A share of 0–1, or null when it can't be known (no total, nonsense counts). */
function fraction(progress: ByteProgress | null | undefined): number | null {
  if (!progress || !Number.isFinite(progress.done) || !Number.isFinite(progress.total) || progress.total <= 0) return null;
  return Math.min(Math.max(progress.done / progress.total, 0), 1);
}

export function uploadProgress({ stage, encrypted, stored, failed = false }: UploadProgressInput): UploadProgressView {
  const [start, end] = STAGE_RANGES[stage];
  const share = stage === 'encrypting' ? fraction(encrypted) : stage === 'storing' ? fraction(stored) : null;
  // Floor: never show more than was done (99.6 % is not 100 %).
  const percent = share === null ? start : Math.floor(start + (end - start) * share);
  const measured = share !== null || stage === 'done';
  const step = STEP[stage];
  const label = failed ? FAILED_LABEL : STAGE_LABELS[stage];
  const stepText = `step ${step} of ${UPLOAD_STEPS}`;
  const valueText = failed
    ? `${FAILED_LABEL}: stopped at ${percent}%, ${stepText}`
    : stage === 'done'
      ? 'Done: added to your records'
      : measured
        ? `${label} ${percent}%, ${stepText}`
        : `${label} ${stepText}`;
  return { percent, label, valueText, step, measured };
}
