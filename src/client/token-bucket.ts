/**
 * A token bucket with the semantics of golang.org/x/time/rate.Limiter (what client-go's flowcontrol and the work
 * queue's BucketRateLimiter use): the bucket holds at most `burst` tokens, starts full, and refills at `qps` tokens per
 * second. A reservation always succeeds: it takes a token now, possibly driving the balance negative, and reports how
 * long the caller must wait before acting. Waiting callers are therefore served in reservation order.
 *
 * `qps: Infinity` disables limiting: every reservation is free and immediate.
 */
import type { Clock } from '../machinery/index.js';
import { ClientError } from './errors.js';

export interface TokenBucketOptions {
  /** Tokens added per second; Infinity for no limit. Must be > 0. */
  qps: number;
  /** Bucket size: how many requests may go at once after a quiet period. Must be ≥ 1 unless qps is Infinity. */
  burst: number;
  clock: Clock;
}

export class TokenBucket {
  readonly qps: number;
  readonly burst: number;
  readonly #clock: Clock;
  #tokens: number;
  #last: number;

  constructor(options: TokenBucketOptions) {
    if (!(options.qps > 0)) throw new ClientError('InvalidConfig', `qps must be > 0 (or Infinity), got ${options.qps}`);
    if (options.qps !== Infinity && !(options.burst >= 1)) {
      throw new ClientError('InvalidConfig', `burst must be ≥ 1, got ${options.burst}`);
    }
    this.qps = options.qps;
    this.burst = options.burst;
    this.#clock = options.clock;
    this.#tokens = options.burst;
    this.#last = options.clock.now();
  }

  /** The balance right now (negative while reservations are outstanding). */
  tokens(): number {
    this.#advance();
    return this.#tokens;
  }

  /** Takes a token if one is available now; otherwise leaves the bucket untouched and returns false. */
  tryAccept(): boolean {
    if (this.qps === Infinity) return true;
    this.#advance();
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Takes a token and returns how many milliseconds the caller must wait before using it (0 = go now). */
  reserve(): number {
    if (this.qps === Infinity) return 0;
    this.#advance();
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : (-this.#tokens * 1000) / this.qps;
  }

  /**
   * Waits for a token. If `signal` aborts while waiting, the reservation is returned to the bucket and the promise
   * rejects with the signal's reason.
   */
  async wait(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    const delay = this.reserve();
    if (delay <= 0) return;
    try {
      await this.#clock.sleep(delay, signal);
    } catch (err) {
      this.#tokens = Math.min(this.burst, this.#tokens + 1);
      throw err;
    }
  }

  #advance(): void {
    const now = this.#clock.now();
    const elapsed = now - this.#last;
    if (elapsed > 0) {
      this.#tokens = Math.min(this.burst, this.#tokens + (elapsed * this.qps) / 1000);
      this.#last = now;
    }
  }
}
