/**
 * ChunkStream: a push-fed response body for fake transports. Chunks come out in push order; `end()` finishes the
 * stream, `fail(err)` makes the reader throw, and aborting the given signal makes the reader throw its reason (as a
 * real connection does when the request is cancelled).
 */
export class ChunkStream implements AsyncIterable<Uint8Array> {
  readonly #queue: Uint8Array[] = [];
  #ended = false;
  #error: unknown = undefined;
  #failed = false;
  #wake: (() => void) | undefined;
  #onClose: (() => void) | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = () => this.fail(this.#signal?.reason);

  constructor(signal?: AbortSignal, onClose?: () => void) {
    this.#onClose = onClose;
    this.#signal = signal;
    signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** True once ended, failed or closed by the reader. */
  get closed(): boolean {
    return this.#ended || this.#failed;
  }

  push(chunk: Uint8Array | string): void {
    if (this.closed) return;
    this.#queue.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
    this.#notify();
  }

  end(): void {
    if (this.closed) return;
    this.#ended = true;
    this.#notify();
    this.#close();
  }

  fail(err: unknown): void {
    if (this.closed) return;
    this.#failed = true;
    this.#error = err;
    this.#notify();
    this.#close();
  }

  #notify(): void {
    const w = this.#wake;
    this.#wake = undefined;
    w?.();
  }

  #close(): void {
    this.#signal?.removeEventListener('abort', this.#onAbort);
    const cb = this.#onClose;
    this.#onClose = undefined;
    cb?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        if (this.#failed) throw this.#error;
        const next = this.#queue.shift();
        if (next) {
          yield next;
          continue;
        }
        if (this.#ended) return;
        await new Promise<void>((r) => (this.#wake = r));
      }
    } finally {
      if (!this.closed) {
        this.#ended = true;
        this.#close();
      }
    }
  }
}

/** A body holding exactly `text`. */
export function bodyOf(text: string): AsyncIterable<Uint8Array> {
  const s = new ChunkStream();
  if (text) s.push(text);
  s.end();
  return s;
}
