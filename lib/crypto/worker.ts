/**
 * Web Worker entry: runs envelope encryption/decryption off the main thread so large files
 * don't freeze the page. Start it through `startCryptoWorker()` in worker-client.ts.
 */
import { handleWorkerRequest, type WorkerResponse } from './worker-protocol';

// Typed locally instead of `/// <reference lib="webworker" />`, which would clash with the DOM
// types the rest of the project compiles against.
type WorkerScope = {
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  postMessage(message: WorkerResponse, transfer: Transferable[]): void;
};

const scope = globalThis as unknown as WorkerScope;

scope.addEventListener('message', (event) => {
  void handleWorkerRequest(event.data, (response, transfer) => scope.postMessage(response, transfer));
});
