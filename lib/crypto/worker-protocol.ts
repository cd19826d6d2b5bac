/**
 * Messages between the main thread (worker-client.ts) and the crypto Web Worker (worker.ts),
 * and the worker-side handler. The handler is a plain function so tests can drive it over a
 * MessageChannel without a browser.
 */
import { ErrorCodes } from '@/lib/errors/codes';
import { CryptoError, InternalCryptoError, isCryptoErrorCode, type CryptoErrorCode } from './errors';
import { decryptRecord, encryptRecordChunks } from './envelope';
import type { RecordMetadata } from './envelope-format';
import { collectBytes, readableToIterable } from './streams';

export type WorkerRequest =
  | { id: number; type: 'encrypt'; plaintext: Uint8Array | Blob; metadata: RecordMetadata }
  | { id: number; type: 'decrypt'; envelope: Uint8Array; contentKey: Uint8Array };

export type WorkerResponse =
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'encrypted'; envelope: Uint8Array; contentKey: Uint8Array }
  | { id: number; type: 'decrypted'; plaintext: Uint8Array; metadata: RecordMetadata }
  | { id: number; type: 'error'; code: CryptoErrorCode; message: string };

export type PostResponse = (response: WorkerResponse, transfer: Transferable[]) => void;

/** Progress messages are throttled to whole percent steps: enough for a progress bar. */
function progressReporter(id: number, post: PostResponse): (done: number, total: number) => void {
  let lastPercent = -1;
  return (done, total) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (percent !== lastPercent) {
      lastPercent = percent;
      post({ id, type: 'progress', done, total }, []);
    }
  };
}

export async function handleWorkerRequest(data: unknown, post: PostResponse): Promise<void> {
  const request = parseWorkerRequest(data);
  if (!request) {
    const id = typeof data === 'object' && data !== null && typeof (data as { id?: unknown }).id === 'number' ? (data as { id: number }).id : -1;
    post({ id, type: 'error', code: ErrorCodes.crypto.internal, message: new InternalCryptoError().message }, []);
    return;
  }
  try {
    const onProgress = progressReporter(request.id, post);
    if (request.type === 'encrypt') {
      const source =
        request.plaintext instanceof Uint8Array ? [request.plaintext] : readableToIterable(request.plaintext.stream());
      const { contentKey, envelopeChunks } = encryptRecordChunks(source, request.metadata, { onProgress });
      const envelope = await collectBytes(envelopeChunks);
      post({ id: request.id, type: 'encrypted', envelope, contentKey }, [envelope.buffer as ArrayBuffer]);
    } else {
      const { plaintext, metadata } = await decryptRecord(request.envelope, request.contentKey, { onProgress });
      post({ id: request.id, type: 'decrypted', plaintext, metadata }, [plaintext.buffer as ArrayBuffer]);
    }
  } catch (error) {
    const known = error instanceof CryptoError ? error : new InternalCryptoError({ cause: error });
    post({ id: request.id, type: 'error', code: known.code, message: known.message }, []);
  }
}

function parseWorkerRequest(data: unknown): WorkerRequest | null {
  if (typeof data !== 'object' || data === null) return null;
  const message = data as Record<string, unknown>;
  if (typeof message.id !== 'number') return null;
  if (
    message.type === 'encrypt' &&
    (message.plaintext instanceof Uint8Array || message.plaintext instanceof Blob) &&
    typeof message.metadata === 'object' &&
    message.metadata !== null
  ) {
    return { id: message.id, type: 'encrypt', plaintext: message.plaintext, metadata: message.metadata as RecordMetadata };
  }
  if (message.type === 'decrypt' && message.envelope instanceof Uint8Array && message.contentKey instanceof Uint8Array) {
    return { id: message.id, type: 'decrypt', envelope: message.envelope, contentKey: message.contentKey };
  }
  return null;
}

export function parseWorkerResponse(data: unknown): WorkerResponse | null {
  if (typeof data !== 'object' || data === null) return null;
  const message = data as Record<string, unknown>;
  const id = message.id;
  if (typeof id !== 'number') return null;
  switch (message.type) {
    case 'progress':
      return typeof message.done === 'number' && typeof message.total === 'number'
        ? { id, type: 'progress', done: message.done, total: message.total }
        : null;
    case 'encrypted':
      return message.envelope instanceof Uint8Array && message.contentKey instanceof Uint8Array
        ? { id, type: 'encrypted', envelope: message.envelope, contentKey: message.contentKey }
        : null;
    case 'decrypted':
      return message.plaintext instanceof Uint8Array && typeof message.metadata === 'object' && message.metadata !== null
        ? { id, type: 'decrypted', plaintext: message.plaintext, metadata: message.metadata as RecordMetadata }
        : null;
    case 'error':
      return isCryptoErrorCode(message.code) && typeof message.message === 'string'
        ? { id, type: 'error', code: message.code, message: message.message }
        : null;
    default:
      return null;
  }
}
