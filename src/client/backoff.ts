/**
 * Exponential backoff with jitter, like client-go's exponential backoff manager (reflector defaults: 800 ms doubling to
 * 30 s, full jitter, reset after 2 minutes without failures). Time comes from the injected Clock and randomness from
 * the injected `random`, so tests are deterministic.
 */
import type { Clock } from '../machinery/index.js';

export interface BackoffOptions {
  /** First delay (default 800 ms). */
  initialMs?: number;
  /** Cap on the un-jittered delay (default 30 s). */
  maxMs?: number;
  /** Multiplier per consecutive failure (default 2). */
  factor?: number;
  /** Each delay is stretched by up to this fraction of itself, at random (default 1.0). */
  jitter?: number;
  /** A failure this long after the previous one starts again from `initialMs` (default 2 min). */
  resetAfterMs?: number;
  /** Source of randomness in [0, 1) (default Math.random). */
  random?: () => number;
}

export class Backoff {
  readonly #clock: Clock;
  readonly #initial: number;
  readonly #max: number;
  readonly #factor: number;
  readonly #jitter: number;
  readonly #resetAfter: number;
  readonly #random: () => number;
  #current: number;
  #lastFailure: number | undefined;

  constructor(clock: Clock, options: BackoffOptions = {}) {
    this.#clock = clock;
    this.#initial = options.initialMs ?? 800;
    this.#max = options.maxMs ?? 30_000;
    this.#factor = options.factor ?? 2;
    this.#jitter = options.jitter ?? 1.0;
    this.#resetAfter = options.resetAfterMs ?? 120_000;
    this.#random = options.random ?? Math.random;
    this.#current = this.#initial;
  }

  /** The delay to wait after one more failure; consecutive calls grow the delay up to the cap. */
  next(): number {
    const now = this.#clock.now();
    if (this.#lastFailure !== undefined && now - this.#lastFailure > this.#resetAfter) this.#current = this.#initial;
    this.#lastFailure = now;
    const base = this.#current;
    this.#current = Math.min(this.#current * this.#factor, this.#max);
    return base + (this.#jitter > 0 ? this.#random() * this.#jitter * base : 0);
  }

  /** Forgets past failures: the next delay is `initialMs` again. */
  reset(): void {
    this.#current = this.#initial;
    this.#lastFailure = undefined;
  }
}
