/**
 * In-process watch fan-out shared by the memory and sqlite backends.
 *
 * Guarantees: a watcher registered with a replay sees the replayed events, then every batch published after
 * registration whose events fall under its prefix, in publish order, each exactly once. Backends must register and
 * publish from synchronous code so that no write can fall between the replay read and the registration.
 * A watcher whose unread backlog exceeds `maxBuffered` batches is closed with WatchOverflow.
 */
import type { StoreError} from './errors.js';
import { storeErrors } from './errors.js';
import type { StoreEvent, Watch, WatchBatch } from './types.js';

const DEFAULT_MAX_BUFFERED = 10_000;

export class HubWatch implements Watch {
  private readonly queue: WatchBatch[] = [];
  private waiter: ((r: IteratorResult<WatchBatch>) => void) | null = null;
  private failWaiter: ((e: unknown) => void) | null = null;
  private ended = false;
  private error: StoreError | null = null;

  constructor(
    private readonly hub: WatchHub,
    readonly prefix: string,
    private readonly maxBuffered: number,
  ) {}

  /** Called by the hub with the events of one write, already filtered to this watcher's prefix. */
  deliver(batch: WatchBatch): void {
    if (this.ended) return;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = this.failWaiter = null;
      w({ value: batch, done: false });
      return;
    }
    if (this.queue.length >= this.maxBuffered) {
      this.fail(storeErrors.watchOverflow(this.queue.length));
      return;
    }
    this.queue.push(batch);
  }

  /** Ends the watch with an error the consumer sees after draining nothing further. */
  fail(err: StoreError): void {
    if (this.ended) return;
    this.ended = true;
    this.error = err;
    this.queue.length = 0;
    this.hub.unregister(this);
    if (this.failWaiter) {
      const f = this.failWaiter;
      this.waiter = this.failWaiter = null;
      f(err);
    }
  }

  requestProgress(): void {
    this.deliver({ events: [], revision: this.hub.revision(), progressNotify: true });
  }

  cancel(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue.length = 0;
    this.hub.unregister(this);
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = this.failWaiter = null;
      w({ value: undefined, done: true });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<WatchBatch> {
    return {
      next: () => {
        const b = this.queue.shift();
        if (b) return Promise.resolve({ value: b, done: false });
        if (this.error) return Promise.reject(this.error);
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          this.waiter = resolve;
          this.failWaiter = reject;
        });
      },
      return: () => {
        this.cancel();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

export class WatchHub {
  private readonly watchers = new Set<HubWatch>();

  constructor(private readonly currentRevision: () => number) {}

  revision(): number {
    return this.currentRevision();
  }

  get size(): number {
    return this.watchers.size;
  }

  /**
   * Registers a watcher. `replay` holds the already-committed events from its fromRevision (all prefixes are fine;
   * they are filtered here), delivered before anything published later.
   */
  register(prefix: string, replay: readonly StoreEvent[], maxBuffered = DEFAULT_MAX_BUFFERED): HubWatch {
    const w = new HubWatch(this, prefix, maxBuffered);
    let batch: StoreEvent[] = [];
    let rev = 0;
    for (const ev of replay) {
      if (!ev.kv.key.startsWith(prefix)) continue;
      if (batch.length && ev.kv.modRevision !== rev) {
        w.deliver({ events: batch, revision: rev, progressNotify: false });
        batch = [];
      }
      rev = ev.kv.modRevision;
      batch.push(ev);
    }
    if (batch.length) w.deliver({ events: batch, revision: rev, progressNotify: false });
    this.watchers.add(w);
    return w;
  }

  unregister(w: HubWatch): void {
    this.watchers.delete(w);
  }

  /** Fans out the events of one committed transaction (all with modRevision `revision`). */
  publish(events: readonly StoreEvent[], revision: number): void {
    if (events.length === 0 || this.watchers.size === 0) return;
    const single = events.length === 1 ? events[0]! : null;
    for (const w of this.watchers) {
      if (single) {
        if (single.kv.key.startsWith(w.prefix)) w.deliver({ events: [single], revision, progressNotify: false });
        continue;
      }
      const mine = events.filter((e) => e.kv.key.startsWith(w.prefix));
      if (mine.length) w.deliver({ events: mine, revision, progressNotify: false });
    }
  }

  /** Ends every watch with `err` (e.g. Closed on store close). */
  closeAll(err: StoreError): void {
    for (const w of [...this.watchers]) w.fail(err);
  }
}

export { DEFAULT_MAX_BUFFERED };
