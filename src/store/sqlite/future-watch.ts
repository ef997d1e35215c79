/**
 * A watch from a revision that has not been written yet. The hub delivers everything published after registration;
 * this wrapper drops the events below `fromRevision` (and batches left empty), so the consumer sees exactly the events
 * with modRevision ≥ fromRevision, as the contract requires. Progress notifications pass through unchanged.
 */
import type { Watch, WatchBatch } from '../types.js';

export class FutureWatch implements Watch {
  constructor(
    private readonly inner: Watch,
    private readonly fromRevision: number,
  ) {}

  requestProgress(): void {
    this.inner.requestProgress();
  }

  cancel(): void {
    this.inner.cancel();
  }

  [Symbol.asyncIterator](): AsyncIterator<WatchBatch> {
    const it = this.inner[Symbol.asyncIterator]();
    const from = this.fromRevision;
    let reached = false;
    return {
      next: async () => {
        for (;;) {
          const r = await it.next();
          if (r.done || reached || r.value.progressNotify) return r;
          const b = r.value;
          if (b.events[0]!.kv.modRevision >= from) {
            reached = true;
            return r;
          }
          const events = b.events.filter((e) => e.kv.modRevision >= from);
          if (events.length) {
            reached = true;
            return { value: { ...b, events }, done: false };
          }
        }
      },
      return: async () => {
        this.inner.cancel();
        return { value: undefined, done: true };
      },
    };
  }
}
