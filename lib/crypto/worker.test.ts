import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { InternalCryptoError, TamperedError, WrongKeyError, generateContentKey, type RecordMetadata } from './index';
import { createCryptoWorkerClient, type WorkerLike } from './worker-client';
import { handleWorkerRequest, type WorkerResponse } from './worker-protocol';

/**
 * Runs the real worker handler on one end of a MessageChannel and the client on the other,
 * so every message goes through structured cloning and transfer lists like a real Worker.
 */
const channels: MessageChannel[] = [];

function connectedClient() {
  const channel = new MessageChannel();
  channels.push(channel);
  const workerSide = channel.port1;
  workerSide.on('message', (data: unknown) => {
    void handleWorkerRequest(data, (response: WorkerResponse, transfer) =>
      workerSide.postMessage(response, transfer as ArrayBuffer[]),
    );
  });
  return createCryptoWorkerClient(asWorkerLike(channel.port2));
}

function asWorkerLike(port: MessagePort): WorkerLike {
  return {
    postMessage: (message, transfer) => port.postMessage(message, transfer as ArrayBuffer[]),
    addEventListener: (type: 'message' | 'error', listener: (event: never) => void) => {
      if (type === 'message') port.on('message', (data: unknown) => (listener as (event: { data: unknown }) => void)({ data }));
    },
    terminate: () => port.close(),
  };
}

afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

const meta = (size: number): RecordMetadata => ({
  name: 'discharge-summary.pdf',
  mediaType: 'application/pdf',
  size,
  createdAt: 1_714_000_000_000,
  kind: 'document',
});

function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let offset = 0; offset < length; offset += 65536) {
    globalThis.crypto.getRandomValues(out.subarray(offset, Math.min(length, offset + 65536)));
  }
  return out;
}

describe('crypto worker client', () => {
  it('encrypts and decrypts through the worker with progress', async () => {
    const client = connectedClient();
    const plaintext = randomBytes(300_000);
    const encryptProgress: number[] = [];
    const { envelope, contentKey } = await client.encryptRecord(plaintext, meta(plaintext.length), {
      onProgress: (done) => encryptProgress.push(done),
    });
    expect(encryptProgress.at(-1)).toBe(plaintext.length);
    const decryptProgress: number[] = [];
    const opened = await client.decryptRecord(envelope, contentKey, { onProgress: (done) => decryptProgress.push(done) });
    expect(Buffer.from(opened.plaintext).equals(Buffer.from(plaintext))).toBe(true);
    expect(opened.metadata).toEqual(meta(plaintext.length));
    expect(decryptProgress.at(-1)).toBe(plaintext.length);
  });

  it('streams a Blob inside the worker', async () => {
    const client = connectedClient();
    const plaintext = randomBytes(150_000);
    const { envelope, contentKey } = await client.encryptRecord(new Blob([plaintext as Uint8Array<ArrayBuffer>]), meta(plaintext.length));
    expect((await client.decryptRecord(envelope, contentKey)).plaintext).toEqual(plaintext);
  });

  it('moves buffers instead of copying them when asked', async () => {
    const client = connectedClient();
    const plaintext = randomBytes(1000);
    const encrypted = client.encryptRecord(plaintext, meta(1000), { transfer: true });
    expect(plaintext.byteLength).toBe(0); // detached: now owned by the worker
    await encrypted;
  });

  it('rebuilds typed errors from the worker (wrong key, bad input)', async () => {
    const client = connectedClient();
    const { envelope } = await client.encryptRecord(Uint8Array.of(1, 2, 3), meta(3));
    await expect(client.decryptRecord(envelope, generateContentKey())).rejects.toBeInstanceOf(WrongKeyError);
    await expect(client.encryptRecord(Uint8Array.of(1, 2), meta(3))).rejects.toMatchObject({ code: 'crypto.invalid-input' });
  });

  it('reports tampering as TamperedError with the same message as in-thread', async () => {
    const client = connectedClient();
    const { envelope, contentKey } = await client.encryptRecord(Uint8Array.of(1, 2, 3), meta(3));
    const changed = envelope.slice();
    changed[changed.length - 1] = (changed[changed.length - 1] ?? 0) ^ 1;
    const error = await client.decryptRecord(changed, contentKey).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TamperedError);
    expect((error as TamperedError).message).toBe(new TamperedError().message);
  });

  it('fails pending calls when terminated', async () => {
    const client = connectedClient();
    const pending = client.encryptRecord(randomBytes(2_000_000), meta(2_000_000));
    client.terminate();
    await expect(pending).rejects.toBeInstanceOf(InternalCryptoError);
  });
});
