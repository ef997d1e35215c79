/**
 * WorkQueue<K>: client-go's rate-limited, delaying work queue.
 *
 * Guarantees (util/workqueue/doc.go):
 * - Fair: items are handed out in the order they were added.
 * - Stingy: an item added many times before it is handed out is processed once (the dirty set collapses duplicates).
 * - Never concurrent per key: an item handed out by `get` is "processing" until `done`; adding it meanwhile only
 *   marks it dirty, and it is queued again at `done`. So no two workers ever hold the same key.
 * - Delays (`addAfter`, `addRateLimited`) run on the injected Clock; a key waiting twice keeps the earlier deadline.
 * - After `shutDown`, adds are ignored, queued items are still handed out, and `get` then answers `{shutdown: true}`.
 *
 * Keys are compared by id: strings and numbers by value, ObjectKeys by `namespace/name`; other key types need `keyOf`.
 */
import { keyString, type Clock, type ObjectKey, type Timer } from '../machinery/index.js';
import { ClientError } from './errors.js';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiters.js';

export interface WorkQueueOptions<K> {
  clock: Clock;
  /** Default: defaultControllerRateLimiter(clock). */
  rateLimiter?: RateLimiter;
  /** Identity of a key; required for keys that are not strings, numbers or ObjectKeys. */
  keyOf?: (key: K) => string;
  /** For error reports. */
  name?: string;
}

export type GetResult<K> = { shutdown: false; key: K } | { shutdown: true };

/** What a reconcile function may ask for: to be run again for the same key after `requeueAfter` ms. */
export type ReconcileResult = { requeueAfter?: number } | void;

function defaultKeyOf(key: unknown): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'number') return String(key);
  const k = key as Partial<ObjectKey> | null;
  if (k && typeof k === 'object' && typeof k.name === 'string') return keyString({ namespace: k.namespace ?? '', name: k.name });
  throw new ClientError('InvalidArgument', 'work queue keys that are not strings, numbers or ObjectKeys need a keyOf function');
}

export class WorkQueue<K> {
  readonly #clock: Clock;
  readonly #limiter: RateLimiter;
  readonly #keyOf: (key: K) => string;
  readonly #name: string;
  readonly #queue: string[] = [];
  readonly #keys = new Map<string, K>();
  readonly #dirty = new Set<string>();
  readonly #processing = new Set<string>();
  readonly #waiting = new Map<string, { at: number; timer: Timer }>();
  readonly #getters: Array<(r: GetResult<K>) => void> = [];
  readonly #drained: Array<() => void> = [];
  #shuttingDown = false;

  constructor(options: WorkQueueOptions<K>) {
    this.#clock = options.clock;
    this.#limiter = options.rateLimiter ?? defaultControllerRateLimiter(options.clock);
    this.#keyOf = options.keyOf ?? defaultKeyOf;
    this.#name = options.name ?? 'workqueue';
  }

  /** Marks the key as needing processing. No-op when it is already queued or after shutDown. */
  add(key: K): void {
    if (this.#shuttingDown) return;
    const id = this.#keyOf(key);
    if (this.#dirty.has(id)) return;
    this.#dirty.add(id);
    if (!this.#keys.has(id)) this.#keys.set(id, key);
    if (this.#processing.has(id)) return;
    this.#queue.push(id);
    this.#dispatch();
  }

  /** Adds the key after `ms` milliseconds (immediately when ms ≤ 0). */
  addAfter(key: K, ms: number): void {
    if (this.#shuttingDown) return;
    if (!(ms > 0)) {
      this.add(key);
      return;
    }
    const id = this.#keyOf(key);
    const at = this.#clock.now() + ms;
    const existing = this.#waiting.get(id);
    if (existing && existing.at <= at) return;
    existing?.timer.cancel();
    const timer = this.#clock.setTimeout(() => {
      this.#waiting.delete(id);
      this.add(key);
    }, ms);
    this.#waiting.set(id, { at, timer });
  }

  /** Adds the key after the delay the rate limiter assigns (growing with each failure until `forget`). */
  addRateLimited(key: K): void {
    this.addAfter(key, this.#limiter.when(this.#keyOf(key)));
  }

  /** Clears the key's failure history (call after it was processed successfully). */
  forget(key: K): void {
    this.#limiter.forget(this.#keyOf(key));
  }

  numRequeues(key: K): number {
    return this.#limiter.numRequeues(this.#keyOf(key));
  }

  /** Waits for the next key; the caller owns it until `done(key)`. */
  get(): Promise<GetResult<K>> {
    return new Promise((resolve) => {
      this.#getters.push(resolve);
      this.#dispatch();
    });
  }

  /** Ends processing of a key handed out by `get`; if it was added meanwhile, it is queued again. */
  done(key: K): void {
    const id = this.#keyOf(key);
    if (!this.#processing.delete(id)) return;
    if (this.#dirty.has(id)) {
      this.#queue.push(id);
      this.#dispatch();
    } else this.#keys.delete(id);
    if (this.#processing.size === 0) for (const d of this.#drained.splice(0)) d();
  }

  /** Keys waiting to be handed out (not counting processing or delayed ones). */
  len(): number {
    return this.#queue.length;
  }

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  /** Stops accepting keys and cancels delayed adds; workers finish what is queued, then `get` reports shutdown. */
  shutDown(): void {
    this.#shuttingDown = true;
    for (const w of this.#waiting.values()) w.timer.cancel();
    this.#waiting.clear();
    this.#dispatch();
  }

  /** shutDown, then resolves once no key is being processed. */
  async shutDownWithDrain(): Promise<void> {
    this.shutDown();
    if (this.#processing.size === 0) return;
    await new Promise<void>((r) => this.#drained.push(r));
  }

  /**
   * Runs `workers` loops that take keys and call `reconcile`. Success forgets the key's failures (and re-adds it after
   * `requeueAfter` if asked); a throw is reported to `onError` and the key is re-added rate-limited. `done` is always
   * called. Resolves when the queue has shut down and every worker has exited.
   */
  async runWorkers(
    workers: number,
    reconcile: (key: K) => Promise<ReconcileResult>,
    options: { onError?: (err: unknown, key: K) => void } = {},
  ): Promise<void> {
    const onError = options.onError ?? ((err: unknown, key: K) => console.warn(`${this.#name}: reconcile ${this.#keyOf(key)} failed: ${err instanceof Error ? err.message : String(err)}`));
    const worker = async (): Promise<void> => {
      for (;;) {
        const next = await this.get();
        if (next.shutdown) return;
        const key = next.key;
        try {
          const result = await reconcile(key);
          this.forget(key);
          if (result && result.requeueAfter !== undefined) this.addAfter(key, result.requeueAfter);
        } catch (err) {
          onError(err, key);
          this.addRateLimited(key);
        } finally {
          this.done(key);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, workers) }, worker));
  }

  #dispatch(): void {
    while (this.#getters.length > 0 && this.#queue.length > 0) {
      const id = this.#queue.shift()!;
      this.#dirty.delete(id);
      this.#processing.add(id);
      this.#getters.shift()!({ shutdown: false, key: this.#keys.get(id)! });
    }
    if (this.#shuttingDown && this.#queue.length === 0) {
      for (const g of this.#getters.splice(0)) g({ shutdown: true });
    }
  }
}
