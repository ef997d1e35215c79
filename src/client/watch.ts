/**
 * Watch<T>: one watch request as an async iterable of typed events.
 *
 * - The request is sent when iteration starts. A non-2xx answer (e.g. 410 Gone as an HTTP status) makes the first
 *   `next()` throw the ApiError; an ERROR event mid-stream throws the ApiError its Status describes. Both forms of
 *   "too old resource version" therefore surface identically: `isResourceExpired(err)`.
 * - The stream ending on the server's side (timeout) ends iteration normally.
 * - `stop()` (or aborting the signal given at creation) closes the stream; iteration then ends normally, without error.
 * - A Watch can be iterated once.
 */
import type { KubeObject } from '../api/index.js';
import { ClientError } from './errors.js';
import type { TransportResponse } from './transport.js';
import { checkWatchEvents, decodeWatchStream, type WatchEvent } from './watch-decoder.js';

export class Watch<T extends KubeObject> implements AsyncIterable<WatchEvent<T>> {
  readonly #controller = new AbortController();
  readonly #open: (signal: AbortSignal) => Promise<TransportResponse>;
  readonly #parent: AbortSignal | undefined;
  readonly #onParentAbort = () => this.stop();
  #started = false;

  constructor(open: (signal: AbortSignal) => Promise<TransportResponse>, signal?: AbortSignal) {
    this.#open = open;
    this.#parent = signal;
    if (signal?.aborted) this.stop();
    else signal?.addEventListener('abort', this.#onParentAbort, { once: true });
  }

  /** True once stop() was called or the creation signal aborted. */
  get stopped(): boolean {
    return this.#controller.signal.aborted;
  }

  /** Closes the stream. Idempotent. */
  stop(): void {
    this.#parent?.removeEventListener('abort', this.#onParentAbort);
    if (!this.#controller.signal.aborted) this.#controller.abort(new ClientError('ShutDown', 'watch stopped'));
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<WatchEvent<T>> {
    if (this.#started) throw new ClientError('InvalidArgument', 'a Watch can be iterated only once');
    this.#started = true;
    const signal = this.#controller.signal;
    if (signal.aborted) return;
    try {
      const res = await this.#open(signal);
      // In-process transports hand over shared, frozen objects: readers must copy before changing anything.
      const events = res.events ? checkWatchEvents<T>(res.events) : decodeWatchStream<T>(res.body);
      for await (const ev of events) {
        if (signal.aborted) return;
        yield ev;
      }
    } catch (err) {
      if (signal.aborted) return;
      throw err;
    } finally {
      this.stop();
    }
  }
}
