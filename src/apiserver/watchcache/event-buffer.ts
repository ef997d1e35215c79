/**
 * The recent history of one resource's changes, for watches that start from a past resourceVersion. Holds at most
 * `capacity` events; `canServeFrom(rv)` tells whether every event after `rv` is still held.
 */
import type { CacheEvent } from './types.js';

export class EventBuffer {
  private buf: CacheEvent[] = [];
  private start = 0;
  /** Every event with rv > this is in the buffer. */
  private horizon: number;

  constructor(
    private readonly capacity: number,
    initialRv: number,
  ) {
    this.horizon = initialRv;
  }

  get size(): number {
    return this.buf.length - this.start;
  }

  /** The oldest resourceVersion a watch may start from. */
  get oldestServable(): number {
    return this.horizon;
  }

  add(ev: CacheEvent): void {
    this.buf.push(ev);
    if (this.size > this.capacity) {
      this.horizon = this.buf[this.start]!.rv;
      this.start++;
      if (this.start > 4096 && this.start * 2 > this.buf.length) {
        this.buf = this.buf.slice(this.start);
        this.start = 0;
      }
    }
  }

  canServeFrom(rv: number): boolean {
    return rv >= this.horizon;
  }

  /** Events with rv > `rv`, in order. Call only when canServeFrom(rv). */
  since(rv: number): CacheEvent[] {
    // Binary search for the first event with ev.rv > rv.
    let lo = this.start;
    let hi = this.buf.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.buf[mid]!.rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.buf.slice(lo);
  }

  /** Forgets everything (after a relist); watches may start only from `rv` on. */
  reset(rv: number): void {
    this.buf = [];
    this.start = 0;
    this.horizon = rv;
  }
}
