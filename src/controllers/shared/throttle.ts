/**
 * SyncThrottle: leading-edge throttling of wake-ups that can only refresh a controller object's status. A wake-up of
 * a key not synced within the last `periodMs` enqueues it at once; otherwise it is enqueued for the end of that
 * window (WorkQueue.addAfter keeps the earliest deadline, so a burst becomes one sync). Isolated events stay
 * immediate, while a stream of events (10,000 pods becoming ready) costs at most one O(pods) sync per period per
 * object instead of one per event — the batching Kubernetes' Job and EndpointSlice controllers do for pod events.
 */
import type { WorkQueue } from '../../client/index.js';
import { keyString, type Clock, type ObjectKey } from '../../machinery/index.js';

export class SyncThrottle {
  readonly #last = new Map<string, number>();

  constructor(
    readonly queue: WorkQueue<ObjectKey>,
    readonly clock: Clock,
    readonly periodMs: number,
  ) {}

  /** Call when a sync of `key` starts. */
  started(key: ObjectKey): void {
    this.#last.set(keyString(key), this.clock.now());
  }

  /** Enqueues `key` now, or at the end of its current throttle window. */
  wake(key: ObjectKey): void {
    const last = this.#last.get(keyString(key));
    const wait = last === undefined ? 0 : last + this.periodMs - this.clock.now();
    if (wait <= 0) this.queue.add(key);
    else this.queue.addAfter(key, wait);
  }

  /** Forgets `key` (its object was deleted). */
  forget(key: ObjectKey): void {
    this.#last.delete(keyString(key));
  }
}
