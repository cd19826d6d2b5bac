import { afterEach, describe, expect, it } from 'vitest';
import { StorageUnavailableError } from './errors';
import { postWithUploadProgress } from './upload-with-progress';

/**
 * Node has no XMLHttpRequest; this stand-in does what a browser's does for these tests: reports
 * upload progress in two steps, then answers (or fails, or is aborted) as the test says.
 */
type Outcome = { status: number; body?: string; contentType?: string } | 'network-error' | 'hang';

function installFakeXhr(outcome: Outcome) {
  const sent: { method: string; url: string; headers: Record<string, string>; body: Uint8Array | null }[] = [];
  class FakeXhr {
    responseType = '';
    status = 0;
    response: ArrayBuffer | null = null;
    upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private request = { method: '', url: '', headers: {} as Record<string, string>, body: null as Uint8Array | null };
    private contentType: string | null = null;
    open(method: string, url: string) {
      this.request.method = method;
      this.request.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.request.headers[name] = value;
    }
    getResponseHeader(name: string) {
      return name.toLowerCase() === 'content-type' ? this.contentType : null;
    }
    abort() {
      this.onabort?.();
    }
    send(body: Uint8Array) {
      this.request.body = body;
      sent.push(this.request);
      if (outcome === 'hang') return;
      setTimeout(() => {
        this.upload.onprogress?.({ loaded: body.byteLength / 2, total: body.byteLength, lengthComputable: true });
        this.upload.onprogress?.({ loaded: body.byteLength, total: body.byteLength, lengthComputable: true });
        if (outcome === 'network-error') return this.onerror?.();
        this.status = outcome.status;
        this.contentType = outcome.contentType ?? null;
        this.response = outcome.body === undefined ? null : new TextEncoder().encode(outcome.body).buffer;
        this.onload?.();
      }, 1);
    }
  }
  (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = FakeXhr;
  return sent;
}

afterEach(() => {
  delete (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest;
});

const body = new Uint8Array(1000);
const headers = { 'Content-Type': 'application/octet-stream', 'X-Chartkey-Unpin-Claim': 'ab'.repeat(32) };

describe('postWithUploadProgress', () => {
  it('sends the body with its headers, reports bytes sent, and resolves with the answer as a Response', async () => {
    const sent = installFakeXhr({ status: 201, body: '{"cid":"bafy"}', contentType: 'application/json' });
    const progress: [number, number][] = [];
    const response = await postWithUploadProgress('/api/ipfs', { headers, body }, (done, total) => progress.push([done, total]));
    expect(sent).toEqual([{ method: 'POST', url: '/api/ipfs', headers, body }]);
    expect(progress).toEqual([
      [500, 1000],
      [1000, 1000],
    ]);
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ cid: 'bafy' });
  });

  it('passes error statuses through for the caller to map, like fetch', async () => {
    installFakeXhr({ status: 413, body: '{"code":"upload.too-large"}', contentType: 'application/json' });
    const response = await postWithUploadProgress('/api/ipfs', { headers, body }, () => undefined);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ code: 'upload.too-large' });
  });

  it('fails as "storage unavailable" when the server cannot be reached', async () => {
    installFakeXhr('network-error');
    await expect(postWithUploadProgress('/api/ipfs', { headers, body }, () => undefined)).rejects.toBeInstanceOf(StorageUnavailableError);
  });

  it('stops when the signal aborts, with the signal’s reason', async () => {
    installFakeXhr('hang');
    const controller = new AbortController();
    const upload = postWithUploadProgress('/api/ipfs', { headers, body, signal: controller.signal }, () => undefined);
    controller.abort(new Error('page closed'));
    await expect(upload).rejects.toThrow('page closed');
    await expect(postWithUploadProgress('/api/ipfs', { headers, body, signal: controller.signal }, () => undefined)).rejects.toThrow('page closed');
  });
});
