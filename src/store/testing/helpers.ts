/**
 * Helpers for the store contract suite: typed error assertions and a watch reader whose waits are bounded, so a
 * backend that never delivers fails with a message saying what was awaited instead of hanging the test run.
 */
import { expect } from 'vitest';
import { realClock } from '../../machinery/index.js';
import { StoreError } from '../errors.js';
import type { StoreErrorCode } from '../errors.js';
import type { Store, StoreEvent, Watch, WatchBatch, WatchOptions } from '../types.js';

export const DEFAULT_TIMEOUT_MS = 5_000;

/** Awaits `p` and asserts it rejects with a StoreError of `code`; returns that error for further checks. */
export async function expectStoreError(p: Promise<unknown>, code: StoreErrorCode): Promise<StoreError> {
  let result: unknown;
  try {
    result = await p;
  } catch (err) {
    if (!(err instanceof StoreError)) throw new Error(`expected StoreError ${code}, got ${String(err)}`, { cause: err });
    expect(err.code, `expected StoreError ${code}, got ${err.code}: ${err.message}`).toBe(code);
    return err;
  }
  throw new Error(`expected StoreError ${code}, but the call succeeded with ${JSON.stringify(result)}`);
}

/** Runs `fn` (sync or async) and asserts it fails with `code`, whether it throws synchronously or rejects. */
export async function expectStoreErrorFrom(fn: () => unknown, code: StoreErrorCode): Promise<StoreError> {
  return expectStoreError(
    (async () => {
      await fn();
    })(),
    code,
  );
}

/** Rejects with a descriptive error when `p` does not settle within `ms`. */
export function within<T>(p: Promise<T>, ms: number, what: () => string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = realClock.setTimeout(() => reject(new Error(`timed out after ${ms}ms waiting for ${what()}`)), ms);
    p.then(
      (v) => {
        timer.cancel();
        resolve(v);
      },
      (e: unknown) => {
        timer.cancel();
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * Consumes a watch in the background (so it is never the slow one) and hands out batches on demand. `next()` waits at
 * most `timeoutMs`; when the watch ended with an error, `next()` rethrows it once the buffer is drained.
 */
export class WatchReader {
  readonly batches: WatchBatch[] = [];
  private readonly buffered: WatchBatch[] = [];
  private wake: (() => void) | null = null;
  private error: unknown = null;
  private done = false;
  private readonly pump: Promise<void>;

  constructor(
    readonly watch: Watch,
    readonly opts: { label: string; timeoutMs: number },
  ) {
    this.pump = this.run();
  }

  static open(store: Store, prefix: string, opts: WatchOptions & { timeoutMs: number }): WatchReader {
    const { timeoutMs, ...watchOpts } = opts;
    const label = `watch(${JSON.stringify(prefix)}${watchOpts.fromRevision ? `, from ${watchOpts.fromRevision}` : ''})`;
    return new WatchReader(store.watch(prefix, watchOpts), { label, timeoutMs });
  }

  private async run(): Promise<void> {
    try {
      for await (const b of this.watch) {
        this.buffered.push(b);
        this.signal();
      }
    } catch (err) {
      this.error = err;
    }
    this.done = true;
    this.signal();
  }

  private signal(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** All events received so far through `next()`. */
  get events(): StoreEvent[] {
    return this.batches.flatMap((b) => b.events);
  }

  private describe(what: string): string {
    const evs = this.events;
    const last = evs.length ? evs[evs.length - 1]!.kv.modRevision : 'none';
    return `${what} on ${this.opts.label} (received ${this.batches.length} batches / ${evs.length} events so far, last event revision ${last})`;
  }

  /** The next batch (events or progress); fails if the watch ends or nothing arrives in time. */
  async next(what = 'the next batch'): Promise<WatchBatch> {
    const b = await within(this.take(), this.opts.timeoutMs, () => this.describe(what));
    if (!b) throw new Error(this.describe(`${what}: the watch ended instead`));
    return b;
  }

  private async take(): Promise<WatchBatch | null> {
    for (;;) {
      const b = this.buffered.shift();
      if (b) {
        this.batches.push(b);
        return b;
      }
      if (this.error) throw this.error;
      if (this.done) return null;
      await new Promise<void>((r) => (this.wake = r));
    }
  }

  /** The next batch that carries events, skipping progress notifications. */
  async nextEvents(what = 'the next event batch'): Promise<WatchBatch> {
    for (;;) {
      const b = await this.next(what);
      if (b.events.length) return b;
    }
  }

  /** Reads batches until an event with modRevision ≥ `revision` arrives; returns every event read on the way. */
  async eventsThrough(revision: number): Promise<StoreEvent[]> {
    const out: StoreEvent[] = [];
    for (;;) {
      const b = await this.nextEvents(`events through revision ${revision}`);
      out.push(...b.events);
      if (b.events[b.events.length - 1]!.kv.modRevision >= revision) return out;
    }
  }

  /** Asserts the watch ends with a StoreError of `code` (after any already buffered batches, which are returned). */
  async expectError(code: StoreErrorCode): Promise<WatchBatch[]> {
    const seen: WatchBatch[] = [];
    for (;;) {
      let b: WatchBatch | null;
      try {
        b = await within(this.take(), this.opts.timeoutMs, () => this.describe(`the watch to fail with ${code}`));
      } catch (err) {
        if (!(err instanceof StoreError)) throw err;
        expect(err.code, `${this.opts.label} ended with ${err.code} (${err.message}), expected ${code}`).toBe(code);
        return seen;
      }
      if (!b) throw new Error(this.describe(`the watch to fail with ${code}: it ended normally instead`));
      seen.push(b);
    }
  }

  /** Asserts the watch ends normally (iteration completes without error). */
  async expectEnd(): Promise<void> {
    await within(this.pump, this.opts.timeoutMs, () => this.describe('the watch to end'));
    while (this.buffered.length) this.batches.push(this.buffered.shift()!);
    if (this.error) throw this.error;
  }

  cancel(): void {
    this.watch.cancel();
  }
}

/** `put`/`delete` + key + modRevision of each event: a compact form for comparing sequences. */
export function describeEvents(events: readonly StoreEvent[]): string[] {
  return events.map((e) => `${e.type} ${e.kv.key} @${e.kv.modRevision}`);
}
