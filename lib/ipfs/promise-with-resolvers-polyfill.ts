/**
 * `Promise.withResolvers` polyfill for Node 20.
 *
 * Helia's dependencies (mortice, abort-error, it-queue, …) call `Promise.withResolvers`, which
 * Node only ships from v22. The project supports Node >= 20.9, so the embedded IPFS node imports
 * this module before anything from Helia. It is hand-written rather than pulled from a polyfill
 * package because it is five lines and follows the spec's behaviour exactly. It changes nothing
 * where the method already exists. Import it for its side effect only:
 *
 *   import '@/lib/ipfs/promise-with-resolvers-polyfill';
 */

type WithResolvers = <T>() => {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
};

const promiseConstructor = Promise as unknown as { withResolvers?: WithResolvers };

if (typeof promiseConstructor.withResolvers !== 'function') {
  const withResolvers: WithResolvers = <T>() => {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
  Object.defineProperty(Promise, 'withResolvers', { value: withResolvers, writable: true, configurable: true });
}

export {};
