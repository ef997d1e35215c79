/**
 * Work-queue rate limiters (client-go's util/workqueue/default_rate_limiters.go). A limiter answers "how long should
 * this item wait before it is retried?" and is told to `forget` an item once it succeeded. Items are identified by
 * their string id.
 */
import type { Clock } from '../machinery/index.js';
import { TokenBucket } from './token-bucket.js';

export interface RateLimiter {
  /** Milliseconds the item should wait now; records one more failure for it. */
  when(id: string): number;
  /** Clears the item's failure history. */
  forget(id: string): void;
  /** How many failures are recorded for the item. */
  numRequeues(id: string): number;
}

/** Per-item exponential backoff: base × 2^failures, capped at max (client-go: 5 ms … 1000 s for controllers). */
export class ItemExponentialFailureRateLimiter implements RateLimiter {
  readonly #failures = new Map<string, number>();
  constructor(
    readonly baseMs: number,
    readonly maxMs: number,
  ) {}

  when(id: string): number {
    const exp = this.#failures.get(id) ?? 0;
    this.#failures.set(id, exp + 1);
    const backoff = this.baseMs * 2 ** exp;
    return Number.isFinite(backoff) && backoff < this.maxMs ? backoff : this.maxMs;
  }

  forget(id: string): void {
    this.#failures.delete(id);
  }

  numRequeues(id: string): number {
    return this.#failures.get(id) ?? 0;
  }
}

/** An overall token bucket shared by all items (client-go: 10 QPS, burst 100). Items are not tracked. */
export class BucketRateLimiter implements RateLimiter {
  readonly #bucket: TokenBucket;
  constructor(options: { qps: number; burst: number; clock: Clock }) {
    this.#bucket = new TokenBucket(options);
  }

  when(_id: string): number {
    return this.#bucket.reserve();
  }

  forget(_id: string): void {}

  numRequeues(_id: string): number {
    return 0;
  }
}

/** The longest delay of several limiters; every limiter records every failure. */
export class MaxOfRateLimiter implements RateLimiter {
  readonly #limiters: readonly RateLimiter[];
  constructor(...limiters: RateLimiter[]) {
    this.#limiters = limiters;
  }

  when(id: string): number {
    let max = 0;
    for (const l of this.#limiters) max = Math.max(max, l.when(id));
    return max;
  }

  forget(id: string): void {
    for (const l of this.#limiters) l.forget(id);
  }

  numRequeues(id: string): number {
    let max = 0;
    for (const l of this.#limiters) max = Math.max(max, l.numRequeues(id));
    return max;
  }
}

/** client-go's DefaultControllerRateLimiter: max(per-item 5 ms…1000 s exponential, overall 10 QPS / burst 100). */
export function defaultControllerRateLimiter(clock: Clock): RateLimiter {
  return new MaxOfRateLimiter(new ItemExponentialFailureRateLimiter(5, 1_000_000), new BucketRateLimiter({ qps: 10, burst: 100, clock }));
}
