/**
 * SharedInformer<T>: one Reflector feeding one Indexer, fanning changes out to any number of event handlers
 * (client-go's sharedIndexInformer without the DeltaFIFO: the reflector applies changes to the cache directly).
 *
 * Guarantees:
 * - The cache is updated before handlers are told, so a handler (and any reconcile it triggers) reads a cache that
 *   already contains the change.
 * - Each handler sees changes in the order the server made them. onUpdate gets the previously cached object.
 * - An object that vanished while the watch was down (found missing at relist) is reported to onDelete as a
 *   DeletedFinalStateUnknown tombstone carrying its last known state. A relist does not notify for objects whose
 *   resourceVersion did not change.
 * - A handler added to a running informer first gets onAdd for every cached object (isInInitialList = true).
 * - A handler that throws is reported to `onError` and does not affect other handlers or the cache.
 * - Resync (optional, per handler): every `resyncMs`, onUpdate(obj, obj) for every cached object.
 * - Handler arguments are the cached objects: never mutate them.
 */
import type { KubeObject } from '../api/index.js';
import type { Clock, Timer } from '../machinery/index.js';
import type { BackoffOptions } from './backoff.js';
import { Indexer, storeKeyOf, type Indexers } from './indexer.js';
import { Lister } from './lister.js';
import { Reflector, type ListerWatcher, type ReflectorPhase, type ReflectorStore } from './reflector.js';

/** What onDelete receives when the final state of a deleted object was missed (client-go's DeletedFinalStateUnknown). */
export class DeletedFinalStateUnknown<T extends KubeObject> {
  constructor(
    readonly key: string,
    /** The last state the cache held; possibly stale. */
    readonly obj: Readonly<T>,
  ) {}
}

/** The object of an onDelete argument, whether it is the object or a tombstone. */
export function deletedObject<T extends KubeObject>(v: Readonly<T> | DeletedFinalStateUnknown<T>): Readonly<T> {
  return v instanceof DeletedFinalStateUnknown ? v.obj : v;
}

export interface EventHandlers<T extends KubeObject> {
  onAdd?(obj: Readonly<T>, isInInitialList: boolean): void;
  onUpdate?(oldObj: Readonly<T>, newObj: Readonly<T>): void;
  onDelete?(obj: Readonly<T> | DeletedFinalStateUnknown<T>): void;
}

export interface HandlerRegistration {
  /** Stops delivering to this handler (and its resync timer). */
  remove(): void;
  /** True once this handler has been given the initial list. */
  hasSynced(): boolean;
}

export interface SharedInformerOptions<T extends KubeObject> {
  lw: ListerWatcher<T>;
  clock: Clock;
  /** For error reports. */
  name?: string;
  indexers?: Indexers<T>;
  /** Default resync period for handlers (0 / absent = never). */
  resyncMs?: number;
  pageSize?: number;
  minWatchTimeoutSeconds?: number;
  backoff?: BackoffOptions;
  /** Failures the informer recovers from: reflector list/watch errors and throwing handlers (default: console.warn). */
  onError?: (err: unknown, context: ReflectorPhase | 'handler') => void;
}

interface Listener<T extends KubeObject> {
  handlers: EventHandlers<T>;
  resyncMs: number;
  timer: Timer | undefined;
}

export class SharedInformer<T extends KubeObject> {
  readonly indexer: Indexer<T>;
  readonly #o: SharedInformerOptions<T>;
  readonly #reflector: Reflector<T>;
  readonly #listeners = new Set<Listener<T>>();
  readonly #syncWaiters = new Set<() => void>();
  #synced = false;
  #abort: AbortController | undefined;
  #running: Promise<void> | undefined;

  constructor(options: SharedInformerOptions<T>) {
    this.#o = options;
    this.indexer = new Indexer<T>(options.indexers);
    const store: ReflectorStore<T> = {
      replace: (items) => this.#replace(items),
      add: (obj) => this.#upsert(obj),
      update: (obj) => this.#upsert(obj),
      delete: (obj) => this.#delete(obj),
    };
    this.#reflector = new Reflector<T>({
      lw: options.lw,
      store,
      clock: options.clock,
      ...(options.name ? { name: options.name } : {}),
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
      ...(options.minWatchTimeoutSeconds ? { minWatchTimeoutSeconds: options.minWatchTimeoutSeconds } : {}),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      onError: (err, phase) => this.#report(err, phase),
    });
  }

  lister(): Lister<T> {
    return new Lister(this.indexer);
  }

  /** Adds indexes; allowed at any time (existing items are indexed immediately). */
  addIndexers(indexers: Indexers<T>): void {
    this.indexer.addIndexers(indexers);
  }

  hasSynced(): boolean {
    return this.#synced;
  }

  get isRunning(): boolean {
    return this.#running !== undefined;
  }

  lastSyncResourceVersion(): string {
    return this.#reflector.lastSyncResourceVersion();
  }

  addEventHandler(handlers: EventHandlers<T>, options: { resyncMs?: number } = {}): HandlerRegistration {
    const l: Listener<T> = { handlers, resyncMs: options.resyncMs ?? this.#o.resyncMs ?? 0, timer: undefined };
    this.#listeners.add(l);
    if (this.#synced) {
      for (const obj of this.indexer.list()) this.#call(() => handlers.onAdd?.(obj, true));
    }
    if (this.#running) this.#scheduleResync(l);
    return {
      remove: () => {
        l.timer?.cancel();
        this.#listeners.delete(l);
      },
      hasSynced: () => this.#synced,
    };
  }

  /** Starts list-and-watch. Idempotent while running. */
  start(): void {
    if (this.#running) return;
    const ac = new AbortController();
    this.#abort = ac;
    this.#running = this.#reflector.run(ac.signal);
    for (const l of this.#listeners) this.#scheduleResync(l);
  }

  /** Stops the reflector and resync timers; resolves when the reflector has exited. The cache is kept. */
  async stop(): Promise<void> {
    const running = this.#running;
    if (!running) return;
    this.#abort?.abort();
    for (const l of this.#listeners) l.timer?.cancel();
    await running;
    this.#running = undefined;
    this.#abort = undefined;
    for (const w of this.#syncWaiters) w();
  }

  /** Resolves true once synced, or false if the informer stops or `signal` aborts first. */
  waitForSync(signal?: AbortSignal): Promise<boolean> {
    if (this.#synced) return Promise.resolve(true);
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = () => {
        this.#syncWaiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve(this.#synced);
      };
      this.#syncWaiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  // ---- the reflector's changes, applied to the cache, then fanned out ----

  #replace(items: T[]): void {
    const fresh = new Map<string, T>();
    for (const obj of items) fresh.set(storeKeyOf(obj), obj);
    const initial = !this.#synced;
    for (const key of this.indexer.listKeys()) {
      if (fresh.has(key)) continue;
      const old = this.indexer.deleteKey(key)!;
      this.#fanOut((h) => h.onDelete?.(new DeletedFinalStateUnknown(key, old)));
    }
    for (const [, obj] of fresh) {
      const old = this.indexer.upsert(obj);
      if (!old) this.#fanOut((h) => h.onAdd?.(obj, initial));
      else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion) this.#fanOut((h) => h.onUpdate?.(old, obj));
    }
    if (!this.#synced) {
      this.#synced = true;
      for (const w of this.#syncWaiters) w();
    }
  }

  #upsert(obj: T): void {
    const old = this.indexer.upsert(obj);
    if (old) this.#fanOut((h) => h.onUpdate?.(old, obj));
    else this.#fanOut((h) => h.onAdd?.(obj, false));
  }

  #delete(obj: T): void {
    // Not cached: already reported as deleted by a relist (client-go drops such deletes as well).
    if (this.indexer.deleteKey(storeKeyOf(obj)) === undefined) return;
    this.#fanOut((h) => h.onDelete?.(obj));
  }

  #fanOut(fn: (h: EventHandlers<T>) => void): void {
    for (const l of [...this.#listeners]) this.#call(() => fn(l.handlers));
  }

  #call(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.#report(err, 'handler');
    }
  }

  #scheduleResync(l: Listener<T>): void {
    if (l.resyncMs <= 0) return;
    l.timer?.cancel();
    l.timer = this.#o.clock.setTimeout(() => {
      if (!this.#listeners.has(l) || !this.#running) return;
      if (this.#synced) for (const obj of this.indexer.list()) this.#call(() => l.handlers.onUpdate?.(obj, obj));
      this.#scheduleResync(l);
    }, l.resyncMs);
  }

  #report(err: unknown, context: ReflectorPhase | 'handler'): void {
    if (this.#o.onError) this.#o.onError(err, context);
    else console.warn(`${this.#o.name ?? 'informer'}: ${context} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
