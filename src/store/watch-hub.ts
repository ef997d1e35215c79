/**
 * In-process watch fan-out shared by the memory and sqlite backends.
 *
 * Guarantees: a watcher registered with a replay sees the replayed events, then every batch published after
 * registration whose events fall under its prefix (and whose revision is ≥ its `minRevision`), in publish order, each
 * exactly once. Backends must register and publish from synchronous code so that no write can fall between the replay
 * read and the registration, and `currentRevision` must never run ahead of what has been published (progress
 * notifications report it as "everything up to here was delivered").
 * A watcher whose unread backlog of live batches exceeds `maxBuffered` is closed with WatchOverflow; replayed
 * batches do not count, since a watch from an old revision is not slow, only behind.
 * Batches are shared between watchers of the same prefix: consumers must treat them as read-only.
 */
import type { StoreError } from './errors.js';
import { storeErrors } from './errors.js';
import type { StoreEvent, Watch, WatchBatch } from './types.js';

const DEFAULT_MAX_BUFFERED = 10_000;

interface Waiter {
  resolve(r: IteratorResult<WatchBatch>): void;
  reject(e: unknown): void;
}

export interface RegisterOptions {
  /** Live batches buffered before the watcher is closed with WatchOverflow (default 10,000). */
  maxBuffered?: number;
  /** Live batches below this revision are not delivered (a watch from a future revision). */
  minRevision?: number;
}

export class HubWatch implements Watch {
  private readonly queue: WatchBatch[] = [];
  /** How many batches at the head of `queue` are replay (exempt from the overflow limit). */
  private replayPending = 0;
  private readonly waiters: Waiter[] = [];
  private ended = false;
  private error: StoreError | null = null;

  constructor(
    private readonly hub: WatchHub,
    readonly prefix: string,
    private readonly opts: { maxBuffered: number; minRevision: number },
  ) {}

  get minRevision(): number {
    return this.opts.minRevision;
  }

  /** True once cancelled or failed; an ended watch delivers nothing more. */
  get isEnded(): boolean {
    return this.ended;
  }

  /** Queues replayed history; exempt from the overflow limit. Called by the hub before registration. */
  deliverReplay(batch: WatchBatch): void {
    if (this.ended) return;
    this.queue.push(batch);
    this.replayPending++;
  }

  /** Called by the hub with the events of one write, already filtered to this watcher's prefix. */
  deliver(batch: WatchBatch): void {
    if (this.ended) return;
    const w = this.waiters.shift();
    if (w) {
      w.resolve({ value: batch, done: false });
      return;
    }
    const live = this.queue.length - this.replayPending;
    if (live >= this.opts.maxBuffered) {
      this.fail(storeErrors.watchOverflow(live));
      return;
    }
    this.queue.push(batch);
  }

  /** Ends the watch with `err`: buffered batches are dropped and the consumer's next read throws `err`. */
  fail(err: StoreError): void {
    if (this.ended) return;
    this.ended = true;
    this.error = err;
    this.queue.length = 0;
    this.replayPending = 0;
    this.hub.unregister(this);
    for (const w of this.waiters.splice(0)) w.reject(err);
  }

  requestProgress(): void {
    this.deliver({ events: [], revision: this.hub.revision(), progressNotify: true });
  }

  cancel(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue.length = 0;
    this.replayPending = 0;
    this.hub.unregister(this);
    for (const w of this.waiters.splice(0)) w.resolve({ value: undefined, done: true });
  }

  private next(): Promise<IteratorResult<WatchBatch>> {
    const b = this.queue.shift();
    if (b) {
      if (this.replayPending > 0) this.replayPending--;
      return Promise.resolve({ value: b, done: false });
    }
    if (this.error) return Promise.reject(this.error);
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  [Symbol.asyncIterator](): AsyncIterator<WatchBatch> {
    return {
      next: () => this.next(),
      return: () => {
        this.cancel();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

export class WatchHub {
  /** Watchers grouped by prefix, so one write is matched once per distinct prefix, not once per watcher. */
  private readonly byPrefix = new Map<string, Set<HubWatch>>();
  private count = 0;

  constructor(private readonly currentRevision: () => number) {}

  revision(): number {
    return this.currentRevision();
  }

  get size(): number {
    return this.count;
  }

  /**
   * Registers a watcher. `replay` holds the already-committed events from its fromRevision in revision order (all
   * prefixes are fine; they are filtered here), delivered before anything published later. The third argument may be
   * the `maxBuffered` number alone.
   */
  register(prefix: string, replay: readonly StoreEvent[], opts: number | RegisterOptions = {}): HubWatch {
    const o = typeof opts === 'number' ? { maxBuffered: opts } : opts;
    const w = new HubWatch(this, prefix, { maxBuffered: o.maxBuffered ?? DEFAULT_MAX_BUFFERED, minRevision: o.minRevision ?? 0 });
    let batch: StoreEvent[] = [];
    let rev = 0;
    for (const ev of replay) {
      if (!ev.kv.key.startsWith(prefix)) continue;
      if (batch.length && ev.kv.modRevision !== rev) {
        w.deliverReplay({ events: batch, revision: rev, progressNotify: false });
        batch = [];
      }
      rev = ev.kv.modRevision;
      batch.push(ev);
    }
    if (batch.length) w.deliverReplay({ events: batch, revision: rev, progressNotify: false });
    let set = this.byPrefix.get(prefix);
    if (!set) this.byPrefix.set(prefix, (set = new Set()));
    set.add(w);
    this.count++;
    return w;
  }

  unregister(w: HubWatch): void {
    const set = this.byPrefix.get(w.prefix);
    if (!set?.delete(w)) return;
    this.count--;
    if (set.size === 0) this.byPrefix.delete(w.prefix);
  }

  /** Fans out the events of one committed transaction (all with modRevision `revision`), in event order. */
  publish(events: readonly StoreEvent[], revision: number): void {
    if (events.length === 0 || this.count === 0) return;
    // Deleting from a Map/Set while iterating it is safe in JS; a failing watcher unregisters itself mid-loop.
    for (const [prefix, set] of this.byPrefix) {
      const mine = events.filter((e) => e.kv.key.startsWith(prefix));
      if (mine.length === 0) continue;
      const batch: WatchBatch = { events: mine, revision, progressNotify: false };
      for (const w of set) if (revision >= w.minRevision) w.deliver(batch);
    }
  }

  /** Ends every watch with `err` (e.g. Closed on store close). */
  closeAll(err: StoreError): void {
    for (const set of [...this.byPrefix.values()]) for (const w of [...set]) w.fail(err);
  }
}

export { DEFAULT_MAX_BUFFERED };
