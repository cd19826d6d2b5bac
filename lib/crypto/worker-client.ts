/**
 * Main-thread client for the crypto worker: the same promises as `encryptRecord` /
 * `decryptRecord`, with progress callbacks, and typed errors rebuilt from their codes.
 */
import { InternalCryptoError, cryptoErrorFromCode } from './errors';
import type { ProgressCallback } from './envelope';
import type { RecordMetadata } from './envelope-format';
import { parseWorkerResponse, type WorkerRequest } from './worker-protocol';

/** The part of `Worker` (or a `MessagePort`, in tests) the client uses. */
export type WorkerLike = {
  postMessage(message: WorkerRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  terminate?(): void;
};

export type CryptoWorkerClient = {
  /**
   * Encrypts in the worker. Pass a `File`/`Blob` to let the worker stream it without copying
   * it on the main thread. With `transfer: true` a Uint8Array's buffer moves to the worker
   * (and becomes unusable here) instead of being copied.
   */
  encryptRecord(
    plaintext: Uint8Array | Blob,
    metadata: RecordMetadata,
    opts?: { onProgress?: ProgressCallback; transfer?: boolean },
  ): Promise<{ envelope: Uint8Array; contentKey: Uint8Array }>;
  decryptRecord(
    envelope: Uint8Array,
    contentKey: Uint8Array,
    opts?: { onProgress?: ProgressCallback; transfer?: boolean },
  ): Promise<{ plaintext: Uint8Array; metadata: RecordMetadata }>;
  /** Stops the worker; pending calls fail with InternalCryptoError. */
  terminate(): void;
};

type Pending = {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: ProgressCallback;
};

export function createCryptoWorkerClient(worker: WorkerLike): CryptoWorkerClient {
  const pending = new Map<number, Pending>();
  let nextId = 1;

  const failAll = (error: Error) => {
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };

  worker.addEventListener('message', (event) => {
    const response = parseWorkerResponse(event.data);
    const call = response ? pending.get(response.id) : undefined;
    if (!response || !call) return;
    switch (response.type) {
      case 'progress':
        call.onProgress?.(response.done, response.total);
        return;
      case 'encrypted':
        pending.delete(response.id);
        call.resolve({ envelope: response.envelope, contentKey: response.contentKey });
        return;
      case 'decrypted':
        pending.delete(response.id);
        call.resolve({ plaintext: response.plaintext, metadata: response.metadata });
        return;
      case 'error':
        pending.delete(response.id);
        call.reject(cryptoErrorFromCode(response.code, response.message));
    }
  });
  worker.addEventListener('error', (event) => failAll(new InternalCryptoError({ cause: event })));

  function call<T>(request: WorkerRequest, transfer: Transferable[], onProgress?: ProgressCallback): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      pending.set(request.id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
      try {
        worker.postMessage(request, transfer);
      } catch (cause) {
        pending.delete(request.id);
        reject(new InternalCryptoError({ cause }));
      }
    });
  }

  return {
    encryptRecord(plaintext, metadata, opts) {
      const transfer = opts?.transfer && plaintext instanceof Uint8Array ? [plaintext.buffer as ArrayBuffer] : [];
      return call({ id: nextId++, type: 'encrypt', plaintext, metadata }, transfer, opts?.onProgress);
    },
    decryptRecord(envelope, contentKey, opts) {
      const transfer = opts?.transfer ? [envelope.buffer as ArrayBuffer] : [];
      return call({ id: nextId++, type: 'decrypt', envelope, contentKey }, transfer, opts?.onProgress);
    },
    terminate() {
      worker.terminate?.();
      failAll(new InternalCryptoError());
    },
  };
}

/** Starts the bundled worker (Next.js/webpack resolve this `new URL(…, import.meta.url)` form). */
export function startCryptoWorker(): CryptoWorkerClient {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'chartkey-crypto' });
  return createCryptoWorkerClient(worker);
}
