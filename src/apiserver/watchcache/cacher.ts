/**
 * The watch cache for one resource (Kubernetes' Cacher): one store watch feeds an in-memory copy of every object and
 * a buffer of recent events, from which lists and any number of client watches are served. N watchers cost one store
 * watch.
 *
 * Guarantees:
 * - A client watch gets every change after its start revision that passes its predicate, exactly once, in revision
 *   order; an object moving into / out of the predicate arrives as ADDED / DELETED.
 * - A watch or list that asks for a revision newer than the cache waits (bounded) until the cache has caught up.
 * - A watch from a revision older than the event buffer ends with 410 Expired ("too old resource version").
 * - If the store watch fails (e.g. compacted, too slow), every client watch ends with an ERROR and the cache relists.
 * - Cached objects are deeply frozen: lists, gets and in-process watchers share them without copies.
 */
import type { KubeObject } from '../../api/index.js';
import { type Clock, type Timer, ApiError, deepFreeze, resourceExpired } from '../../machinery/index.js';
import { type KeyValue, type Store, type StoreEvent, type Watch, StoreError } from '../../store/index.js';
import { decodeFromStorage } from '../registry/codec.js';
import { CacheWatcher } from './cache-watcher.js';
import { EventBuffer } from './event-buffer.js';
import { type CacheEvent, type CachedObject, type Predicate, CacheEntry, predicateMatches } from './types.js';

export interface CacherOptions {
  store: Store;
  /** Storage prefix of the resource, ending in '/'. */
  prefix: string;
  clock: Clock;
  /** namespace/name of a storage key. */
  parseKey(key: string): { namespace: string; name: string };
  /** Stored bytes as the served object (default: the plain codec). */
  decode?(kv: Pick<KeyValue, 'key' | 'value' | 'modRevision'>): KubeObject;
  /** Field-selector attributes of an object. */
  fields(obj: KubeObject): Record<string, string>;
  /** Events kept for watches from the past. Default 50,000. */
  capacity?: number;
  /** Events a client watch may fall behind before it is closed. Default 10,000. */
  maxQueuedPerWatcher?: number;
  /** How long a read waits for the cache to reach a requested revision. Default 3 s. */
  freshnessTimeoutMs?: number;
  /** Interval between bookmarks to watchers that asked for them. Default 60 s. */
  bookmarkIntervalMs?: number;
  /** Called with why the store watch failed, before the cache relists. */
  onError?(err: unknown): void;
}

interface FreshWaiter {
  rv: number;
  resolve(): void;
}

export class Cacher {
  private readonly objects = new Map<string, CachedObject>();
  private readonly watchers = new Set<CacheWatcher>();
  private buffer: EventBuffer;
  private rv = 0;
  private storeWatch: Watch | null = null;
  private waiters: FreshWaiter[] = [];
  private stopped = false;
  private readyPromise: Promise<void>;
  private bookmarkTimer: Timer | null = null;
  private progressRequested = false;
  private readonly fieldsOf = (obj: KubeObject) => this.opts.fields(obj);
  /** Objects their writer decoded already (see `offer`), by key, until the store's event for them arrives. */
  private readonly offered = new Map<string, { rv: number; obj: KubeObject }>();

  constructor(private readonly opts: CacherOptions) {
    this.buffer = new EventBuffer(opts.capacity ?? 50_000, 0);
    this.readyPromise = this.run();
    this.scheduleBookmarks();
  }

  /** Resolves once the initial list is loaded. */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  get resourceVersion(): number {
    return this.rv;
  }

  get watcherCount(): number {
    return this.watchers.size;
  }

  private async run(): Promise<void> {
    await this.relist();
    void this.pump();
  }

  /**
   * The registry hands over the object it just wrote and decoded from the stored bytes (exactly what the store's
   * event will carry), so the cache need not decode the same JSON again. The object is frozen here: its writer must
   * not change it afterwards. Offers the cache is already past are ignored.
   */
  offer(key: string, rv: number, obj: KubeObject): void {
    if (rv <= this.rv || this.stopped) return;
    deepFreeze(obj);
    this.offered.set(key, { rv, obj });
  }

  private async relist(): Promise<void> {
    const { store, prefix } = this.opts;
    this.objects.clear();
    this.offered.clear();
    let after: string | undefined;
    let revision: number | undefined;
    for (;;) {
      const page = await store.range(prefix, { limit: 10_000, ...(after ? { after } : {}), ...(revision ? { revision } : {}) });
      revision = page.revision;
      for (const kv of page.kvs) {
        const o = this.toCached(kv.key, () => this.decode(kv), kv.modRevision);
        this.objects.set(kv.key, o);
      }
      if (!page.more || page.kvs.length === 0) break;
      after = page.kvs[page.kvs.length - 1]!.key;
    }
    this.rv = revision ?? (await store.currentRevision());
    this.buffer.reset(this.rv);
    this.storeWatch = store.watch(prefix, { fromRevision: this.rv + 1 });
    this.releaseWaiters();
  }

  private async pump(): Promise<void> {
    while (!this.stopped) {
      const w = this.storeWatch!;
      try {
        for await (const batch of w) {
          if (batch.progressNotify) {
            this.progressRequested = false;
            if (batch.revision > this.rv) this.rv = batch.revision;
          } else {
            for (const ev of batch.events) this.apply(ev);
            if (batch.revision > this.rv) this.rv = batch.revision;
          }
          this.releaseWaiters();
        }
        if (this.stopped) return;
        throw new StoreError('Closed', 'store watch ended');
      } catch (err) {
        if (this.stopped) return;
        this.opts.onError?.(err);
        const reason = err instanceof Error ? err.message : String(err);
        for (const cw of [...this.watchers]) {
          cw.terminate(resourceExpired(`watch cache reinitialized: ${reason}`).toStatus());
        }
        await this.relistWithRetry();
      }
    }
  }

  private async relistWithRetry(): Promise<void> {
    let delay = 100;
    while (!this.stopped) {
      try {
        await this.relist();
        return;
      } catch (err) {
        this.opts.onError?.(err);
        await this.opts.clock.sleep(delay);
        delay = Math.min(delay * 2, 5_000);
      }
    }
  }

  private decode(kv: Pick<KeyValue, 'key' | 'value' | 'modRevision'>): KubeObject {
    return this.opts.decode ? this.opts.decode(kv) : decodeFromStorage(kv);
  }

  /** A cache entry for `obj`, or for the object `obj()` decodes once someone needs it. */
  private toCached(key: string, obj: KubeObject | (() => KubeObject), rv: number): CachedObject {
    const { namespace, name } = this.opts.parseKey(key);
    return new CacheEntry(key, namespace, name, rv, obj, this.fieldsOf);
  }

  private apply(ev: StoreEvent): void {
    const key = ev.kv.key;
    const rv = ev.kv.modRevision;
    const prev = this.objects.get(key) ?? null;
    let cacheEv: CacheEvent;
    let offer = this.offered.get(key);
    if (offer && offer.rv <= rv) this.offered.delete(key);
    else offer = undefined;
    if (ev.type === 'put') {
      const kv = ev.kv;
      const cur = this.toCached(key, offer?.rv === rv ? offer.obj : () => this.decode(kv), rv);
      this.objects.set(key, cur);
      cacheEv = { type: prev ? 'MODIFIED' : 'ADDED', rv, cur, prev };
    } else {
      const prevKv = ev.prevKv;
      const last = prev ?? (prevKv ? this.toCached(key, () => this.decode(prevKv), prevKv.modRevision) : null);
      if (!last) return;
      this.objects.delete(key);
      // The DELETED event carries the last state with the deletion's resourceVersion, as Kubernetes sends it.
      const lastObj = () => ({ ...last.obj, metadata: { ...last.obj.metadata, resourceVersion: String(rv) } }) as KubeObject;
      const cur: CachedObject = new CacheEntry(key, last.namespace, last.name, rv, lastObj, this.fieldsOf);
      cacheEv = { type: 'DELETED', rv, cur, prev: last };
    }
    this.buffer.add(cacheEv);
    for (const w of this.watchers) w.dispatch(cacheEv);
  }

  private releaseWaiters(): void {
    if (this.waiters.length === 0) return;
    const still: FreshWaiter[] = [];
    for (const w of this.waiters) {
      if (w.rv <= this.rv) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }

  /**
   * Waits until the cache reflects revision `rv`. Fails with 504 Timeout ("Too large resource version") if it does
   * not within the freshness timeout.
   */
  async waitFresh(rv: number): Promise<void> {
    await this.readyPromise;
    if (rv <= this.rv) return;
    if (!this.progressRequested && this.storeWatch) {
      this.progressRequested = true;
      this.storeWatch.requestProgress();
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: FreshWaiter = { rv, resolve: () => (t.cancel(), resolve()) };
      const t = this.opts.clock.setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        this.progressRequested = false;
        reject(
          new ApiError(504, 'Timeout', `Too large resource version: ${rv}, current: ${this.rv}`, {
            causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
            retryAfterSeconds: 1,
          }),
        );
      }, this.opts.freshnessTimeoutMs ?? 3_000);
      this.waiters.push(waiter);
    });
  }

  /** The current state, filtered; consistent at the returned revision. Call after `waitFresh` for fresh reads. */
  list(pred: Predicate): { items: CachedObject[]; rv: number } {
    const items: CachedObject[] = [];
    for (const o of this.objects.values()) if (predicateMatches(pred, o)) items.push(o);
    items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { items, rv: this.rv };
  }

  /** Every cached object, unsorted and unfiltered (cheaper than `list` for lookups). Never mutate them. */
  values(): IterableIterator<CachedObject> {
    return this.objects.values();
  }

  get(key: string): CachedObject | undefined {
    return this.objects.get(key);
  }

  /**
   * Starts a client watch. `fromRv` 0 means "current state as ADDED events, then changes"; otherwise changes after
   * `fromRv` (410 if the buffer no longer reaches back that far).
   */
  async watch(pred: Predicate, fromRv: number, opts: { bookmarks: boolean }): Promise<CacheWatcher> {
    await this.readyPromise;
    if (fromRv > this.rv) await this.waitFresh(fromRv);
    const maxQ = this.opts.maxQueuedPerWatcher ?? 10_000;
    if (fromRv === 0) {
      const w = new CacheWatcher(pred, opts.bookmarks, this.rv, Math.max(maxQ, this.objects.size + maxQ), (x) => this.watchers.delete(x));
      for (const o of this.list(pred).items) w.push({ type: 'ADDED', object: o });
      this.watchers.add(w);
      return w;
    }
    if (!this.buffer.canServeFrom(fromRv)) {
      throw resourceExpired(`too old resource version: ${fromRv} (${this.buffer.oldestServable + 1})`);
    }
    const backlog = this.buffer.since(fromRv);
    const w = new CacheWatcher(pred, opts.bookmarks, fromRv, Math.max(maxQ, backlog.length + maxQ), (x) => this.watchers.delete(x));
    for (const ev of backlog) w.dispatch(ev);
    this.watchers.add(w);
    return w;
  }

  private scheduleBookmarks(): void {
    const every = this.opts.bookmarkIntervalMs ?? 60_000;
    this.bookmarkTimer = this.opts.clock.setTimeout(() => {
      if (this.stopped) return;
      for (const w of this.watchers) w.bookmark(this.rv);
      this.scheduleBookmarks();
    }, every);
  }

  /** Sends a bookmark at the current revision to every watcher that asked for bookmarks. */
  bookmarkAll(): void {
    for (const w of this.watchers) w.bookmark(this.rv);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.bookmarkTimer?.cancel();
    this.storeWatch?.cancel();
    for (const w of [...this.watchers]) w.stop();
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }
}
