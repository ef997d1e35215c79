/**
 * One client watch served from the cache. Events are queued per watcher; a watcher whose queue passes its limit is
 * closed with an ERROR event that says why (the client then re-watches from its last resourceVersion), never
 * silently dropped.
 */
import type { Status } from '../../machinery/index.js';
import { type CacheEvent, type Predicate, type WatcherEvent, predicateMatches } from './types.js';

export class CacheWatcher implements AsyncIterable<WatcherEvent> {
  private readonly queue: WatcherEvent[] = [];
  private waiter: ((r: IteratorResult<WatcherEvent>) => void) | null = null;
  private ended = false;
  /** Highest resourceVersion this watcher has been sent (objects or bookmarks). */
  sentRv: number;

  constructor(
    readonly pred: Predicate,
    readonly bookmarks: boolean,
    startRv: number,
    private readonly maxQueued: number,
    private readonly onEnd: (w: CacheWatcher) => void,
  ) {
    this.sentRv = startRv;
  }

  get done(): boolean {
    return this.ended;
  }

  /** Filters one cache event through the predicate, turning selector transitions into ADDED/DELETED. */
  dispatch(ev: CacheEvent): void {
    if (this.ended) return;
    const curOk = predicateMatches(this.pred, ev.cur);
    const prevOk = ev.prev !== null && predicateMatches(this.pred, ev.prev);
    let out: WatcherEvent | null = null;
    if (ev.type === 'DELETED') {
      if (prevOk || curOk) out = { type: 'DELETED', object: ev.cur };
    } else if (curOk && prevOk) {
      out = { type: 'MODIFIED', object: ev.cur };
    } else if (curOk) {
      out = { type: 'ADDED', object: ev.cur };
    } else if (prevOk) {
      out = { type: 'DELETED', object: ev.cur };
    }
    if (out) {
      this.sentRv = ev.rv;
      this.push(out);
    }
  }

  bookmark(rv: number): void {
    if (!this.bookmarks || this.ended || rv <= this.sentRv) return;
    this.sentRv = rv;
    this.push({ type: 'BOOKMARK', rv });
  }

  push(ev: WatcherEvent): void {
    if (this.ended) return;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w({ value: ev, done: false });
      return;
    }
    if (this.queue.length >= this.maxQueued) {
      this.terminate({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        reason: 'ServiceUnavailable',
        message: `watch closed: the client fell ${this.queue.length} events behind; re-watch from the last resourceVersion`,
        code: 503,
      });
      return;
    }
    this.queue.push(ev);
  }

  /** Ends the watch after the events already queued, with an ERROR event carrying `status`. */
  terminate(status: Status): void {
    if (this.ended) return;
    this.queue.length = 0;
    this.queue.push({ type: 'ERROR', status });
    this.ended = true;
    this.onEnd(this);
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w({ value: this.queue.shift()!, done: false });
    }
  }

  /** Ends the watch quietly (client went away, or timeoutSeconds passed). */
  stop(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue.length = 0;
    this.onEnd(this);
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w({ value: undefined, done: true });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<WatcherEvent> {
    return {
      next: () => {
        const ev = this.queue.shift();
        if (ev) return Promise.resolve({ value: ev, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          this.waiter = resolve;
        });
      },
      return: () => {
        this.stop();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
