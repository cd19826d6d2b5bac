'use client';

import { startCryptoWorker, type CryptoWorkerClient } from '@/lib/crypto/worker-client';

let worker: CryptoWorkerClient | null = null;

/**
 * The page's one crypto worker, started on first use, so encrypting or decrypting a large
 * record never blocks the main thread (the progress bar keeps moving, the page stays usable).
 */
export function cryptoWorker(): CryptoWorkerClient {
  worker ??= startCryptoWorker();
  return worker;
}
