import { StorageUnavailableError } from './errors';

/** Bytes of the request body sent so far, and of all of it. */
export type UploadProgress = (sentBytes: number, totalBytes: number) => void;

/**
 * POSTs `body` and reports how much of it has been sent. This is the one place the browser client uses
 * XMLHttpRequest instead of `fetch`: `fetch` cannot report upload progress (a streamed request body
 * would, but needs HTTP/2 and is not in every browser), and a patient storing a 50 MiB record should
 * see it move. Resolves with a `Response` so callers handle statuses exactly as they do for `fetch`.
 */
export function postWithUploadProgress(
  url: string,
  init: { readonly headers: Readonly<Record<string, string>>; readonly body: Uint8Array<ArrayBuffer>; readonly signal?: AbortSignal },
  onProgress: UploadProgress,
): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const { signal, body } = init;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbortSignal = () => xhr.abort();
    const settle = () => signal?.removeEventListener('abort', onAbortSignal);

    xhr.open('POST', url);
    xhr.responseType = 'arraybuffer';
    for (const [name, value] of Object.entries(init.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : body.byteLength);
    xhr.onload = () => {
      settle();
      const contentType = xhr.getResponseHeader('Content-Type');
      const hasBody = xhr.status !== 204 && xhr.status !== 304;
      resolve(new Response(hasBody ? (xhr.response as ArrayBuffer | null) : null, { status: xhr.status, headers: contentType ? { 'Content-Type': contentType } : {} }));
    };
    // Like fetch: a failure to reach the server at all, as opposed to an error status.
    xhr.onerror = () => {
      settle();
      reject(new StorageUnavailableError());
    };
    xhr.onabort = () => {
      settle();
      reject(signal?.reason ?? new DOMException('The upload was cancelled.', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbortSignal, { once: true });
    xhr.send(body);
  });
}
