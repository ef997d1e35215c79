/**
 * The API server's in-flight limit with queuing: at most `max` requests of a kind (mutating / read-only) execute at
 * once; beyond that a request waits in a FIFO queue — as API Priority and Fairness queues requests rather than
 * rejecting them outright — and is refused with 429 (Retry-After 1 s, the max-in-flight filter's answer) only when
 * the queue is full or it waited `maxWaitMs` without a seat.
 *
 * Guarantees: never more than `max` seats taken; seats are handed out in arrival order; every acquired seat is
 * released exactly once (the returned function is idempotent); a request that timed out never takes a seat later.
 */
import { type Clock, type Timer, tooManyRequests } from '../../machinery/index.js';

export interface InFlightLimiterOptions {
  max: number;
  /** Requests allowed to wait for a seat (default 1,000); more are refused at once. */
  maxQueued?: number;
  /** How long a request may wait for a seat (default 15 s: a quarter of the 60 s request timeout, like APF). */
  maxWaitMs?: number;
  clock: Clock;
}

interface Waiter {
  grant(): void;
  timer: Timer;
}

export class InFlightLimiter {
  readonly #o: Required<InFlightLimiterOptions>;
  #running = 0;
  readonly #queue: Waiter[] = [];

  constructor(options: InFlightLimiterOptions) {
    this.#o = { maxQueued: 1_000, maxWaitMs: 15_000, ...options };
  }

  get running(): number {
    return this.#running;
  }

  get queued(): number {
    return this.#queue.length;
  }

  /** Waits for a seat; resolves with its release function, or rejects with 429 TooManyRequests. */
  acquire(): Promise<() => void> {
    if (this.#running < this.#o.max && this.#queue.length === 0) {
      this.#running++;
      return Promise.resolve(this.#releaser());
    }
    if (this.#queue.length >= this.#o.maxQueued) return Promise.reject(tooManyRequests('Too many requests, please try again later.', 1));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          waiter.timer.cancel();
          resolve(this.#releaser());
        },
        timer: this.#o.clock.setTimeout(() => {
          const i = this.#queue.indexOf(waiter);
          if (i >= 0) this.#queue.splice(i, 1);
          reject(tooManyRequests('Too many requests, please try again later.', 1));
        }, this.#o.maxWaitMs),
      };
      this.#queue.push(waiter);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queue.shift();
      if (next) next.grant(); // the seat passes on: #running stays the same
      else this.#running--;
    };
  }
}
