/**
 * ControllerExpectations: what a controller still expects to see through its informer before it acts again
 * (kubernetes pkg/controller/controller_utils.go ControllerExpectations + UIDTrackingControllerExpectations).
 *
 * A controller that creates N pods records `expectCreations(key, N)`; each pod ADDED event it observes lowers the
 * count. Until the count reaches zero (or the record is older than the TTL, 5 minutes by default) `satisfiedExpectations`
 * answers false, so the controller does not create the same pods twice from a stale cache.
 *
 * Guarantees:
 * - A key with no record is satisfied (a new controller, or one that never needed to create or delete).
 * - Counts only go down through observations; they may go below zero (an observation that raced ahead of the
 *   expectation) and still count as fulfilled.
 * - Deletions are tracked by the deleted object's key: observing the same deletion twice (an update that sets
 *   deletionTimestamp, then the DELETE event) lowers the count once.
 * - A record expires `ttlMs` after it was set (measured on the injected Clock); an expired record is satisfied.
 */
import type { Clock } from '../../machinery/index.js';

/** Kubernetes' ExpectationsTimeout. */
export const EXPECTATIONS_TTL_MS = 5 * 60 * 1000;

interface Record {
  add: number;
  del: number;
  /** Keys of objects whose deletion is still expected. */
  deleteKeys: Set<string>;
  setAt: number;
}

export interface ExpectationCounts {
  add: number;
  del: number;
}

export class ControllerExpectations {
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #records = new Map<string, Record>();

  constructor(options: { clock: Clock; ttlMs?: number }) {
    this.#clock = options.clock;
    this.#ttlMs = options.ttlMs ?? EXPECTATIONS_TTL_MS;
  }

  /** The outstanding counts for `key`, or undefined when there is no record. */
  getExpectations(key: string): ExpectationCounts | undefined {
    const r = this.#records.get(key);
    return r ? { add: r.add, del: r.del } : undefined;
  }

  /** True when the controller may act on `key`: no record, all observed, or the record expired. */
  satisfiedExpectations(key: string): boolean {
    const r = this.#records.get(key);
    if (!r) return true;
    if (r.add <= 0 && r.del <= 0) return true;
    return this.#clock.now() - r.setAt > this.#ttlMs;
  }

  /** Replaces any record for `key`: expect `adds` creations and no deletions. */
  expectCreations(key: string, adds: number): void {
    this.#records.set(key, { add: adds, del: 0, deleteKeys: new Set(), setAt: this.#clock.now() });
  }

  /** Replaces any record for `key`: expect the deletion of exactly these objects (by `namespace/name`). */
  expectDeletions(key: string, deletedKeys: readonly string[]): void {
    const keys = new Set(deletedKeys);
    this.#records.set(key, { add: 0, del: keys.size, deleteKeys: keys, setAt: this.#clock.now() });
  }

  /** One expected creation was observed (or will never happen: a create that failed or was skipped). */
  creationObserved(key: string): void {
    this.lowerExpectations(key, 1, 0);
  }

  /**
   * The deletion of `deletedKey` was observed (or failed). Counts only when that key was expected, and only once.
   */
  deletionObserved(key: string, deletedKey: string): void {
    const r = this.#records.get(key);
    if (!r || !r.deleteKeys.delete(deletedKey)) return;
    r.del--;
  }

  /** Lowers the counts of an existing record (no-op without one). */
  lowerExpectations(key: string, add: number, del: number): void {
    const r = this.#records.get(key);
    if (!r) return;
    r.add -= add;
    r.del -= del;
  }

  /** Raises the counts of an existing record (no-op without one). */
  raiseExpectations(key: string, add: number, del: number): void {
    const r = this.#records.get(key);
    if (!r) return;
    r.add += add;
    r.del += del;
  }

  /** Forgets `key` (its controller object was deleted). */
  deleteExpectations(key: string): void {
    this.#records.delete(key);
  }
}
