/**
 * Byte-stream plumbing for the streaming envelope code. Written against the WHATWG Streams
 * API with manual reader loops (not `for await` over ReadableStream or `ReadableStream.from`)
 * because Safari supports neither.
 */
import { InvalidInputError } from './errors';

export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** Reads a byte source in caller-chosen sizes, holding at most what one `read` asks for. */
export class ByteReader {
  private readonly iterator: AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  private pieces: Uint8Array[] = [];
  private buffered = 0;
  private ended = false;

  constructor(source: ByteSource) {
    this.iterator =
      Symbol.asyncIterator in source
        ? (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]()
        : (source as Iterable<Uint8Array>)[Symbol.iterator]();
  }

  /** Returns exactly `length` bytes, or fewer only when the source has ended. */
  async read(length: number): Promise<Uint8Array> {
    await this.fill(length);
    const take = Math.min(length, this.buffered);
    const first = this.pieces[0];
    if (first && first.length === take) {
      this.pieces.shift();
      this.buffered -= take;
      return first;
    }
    const out = new Uint8Array(take);
    let offset = 0;
    while (offset < take) {
      const piece = this.pieces[0];
      if (!piece) break;
      const n = Math.min(piece.length, take - offset);
      out.set(piece.subarray(0, n), offset);
      offset += n;
      if (n === piece.length) this.pieces.shift();
      else this.pieces[0] = piece.subarray(n);
    }
    this.buffered -= take;
    return out;
  }

  async atEnd(): Promise<boolean> {
    await this.fill(1);
    return this.buffered === 0;
  }

  /** Everything not yet read, as it arrives. */
  async *remaining(): AsyncGenerator<Uint8Array> {
    while (this.pieces.length > 0) {
      const piece = this.pieces.shift();
      if (piece) {
        this.buffered -= piece.length;
        yield piece;
      }
    }
    while (!this.ended) {
      const piece = await this.next();
      if (piece) yield piece;
    }
  }

  /** Stops the underlying source early (e.g. after an error), letting it release resources. */
  async close(): Promise<void> {
    if (!this.ended) {
      this.ended = true;
      await this.iterator.return?.();
    }
  }

  private async fill(min: number): Promise<void> {
    while (!this.ended && this.buffered < min) {
      const piece = await this.next();
      if (piece && piece.length > 0) {
        this.pieces.push(piece);
        this.buffered += piece.length;
      }
    }
  }

  private async next(): Promise<Uint8Array | undefined> {
    const result = await this.iterator.next();
    if (result.done) {
      this.ended = true;
      return undefined;
    }
    if (!(result.value instanceof Uint8Array)) {
      throw new InvalidInputError('Encryption and decryption expect the data as bytes (Uint8Array).');
    }
    return result.value;
  }
}

export async function* readableToIterable<T>(readable: ReadableStream<T>): AsyncGenerator<T> {
  const reader = readable.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (finished) reader.releaseLock();
    else await reader.cancel().catch(() => undefined);
  }
}

/** A pull-based ReadableStream: the generator only runs as fast as the consumer reads. */
export function iterableToReadable<T>(iterable: AsyncIterable<T>): ReadableStream<T> {
  const iterator = iterable[Symbol.asyncIterator]();
  return new ReadableStream<T>(
    {
      async pull(controller) {
        try {
          const { done, value } = await iterator.next();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Runs a byte source through a TransformStream (CompressionStream/DecompressionStream).
 * Errors from the source reach the consumer unchanged (via `writer.abort(error)`).
 */
export async function* throughTransform(
  source: ByteSource,
  transform: { writable: WritableStream<BufferSource>; readable: ReadableStream<Uint8Array> },
): AsyncGenerator<Uint8Array> {
  const writer = transform.writable.getWriter();
  const reader = transform.readable.getReader();
  const pump = (async () => {
    try {
      // TS's DOM typings want ArrayBuffer-backed views; our chunks never use SharedArrayBuffer.
      for await (const piece of source) await writer.write(piece as Uint8Array<ArrayBuffer>);
      await writer.close();
    } catch (error) {
      await writer.abort(error).catch(() => undefined);
    }
  })();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield value;
    }
    finished = true;
    await pump;
  } finally {
    if (!finished) {
      await reader.cancel().catch(() => undefined);
      await pump;
    }
  }
}

export async function collectBytes(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const pieces: Uint8Array[] = [];
  let length = 0;
  for await (const piece of source) {
    pieces.push(piece);
    length += piece.length;
  }
  if (pieces.length === 1 && pieces[0]) return pieces[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}
