/**
 * One skiff watch over its own etcd gRPC watch stream (so progress answers, which etcd addresses to the whole stream,
 * belong to this watch alone).
 *
 * Guarantees (on top of etcd's: every event from the start revision, in order, once, with prevKv):
 * - Events of one etcd revision (one transaction) form one batch; batches come in revision order.
 * - `started` settles once etcd has created the watch or the watch has ended; it never rejects. A watch from "now"
 *   (start revision 0) sees every write etcd applies after `started` settled.
 * - Buffered live batches beyond `maxBuffered` close the watch with WatchOverflow. Replayed history (revisions up to the
 *   one the watch was created at) does not count; while `maxBuffered` replayed batches wait, the stream is paused so
 *   etcd holds the rest (etcd then treats the watcher as slow and resends from history, never dropping).
 * - etcd cancelling the watch for compaction ends it with Compacted (carrying etcd's compact revision); a broken or
 *   ended stream ends it with Unavailable; `fail(err)` (store close) ends it with `err`. `cancel()` ends it normally.
 * - Progress notifications follow ProgressGate's rules.
 */
import type { IDuplexStream, IEvent, IWatchRequest, IWatchResponse } from 'etcd3';
import type { Clock } from '../../machinery/index.js';
import { storeErrors, type StoreError } from '../errors.js';
import type { StoreEvent, Watch, WatchBatch } from '../types.js';
import { toRevision, type KeyCodec } from './codec.js';
import { ProgressGate, type ProgressOrdering } from './progress-gate.js';

export type WatchStream = IDuplexStream<IWatchRequest, IWatchResponse>;

/** The Node stream methods the gRPC duplex has beyond etcd3's declared interface. */
interface Pausable {
  pause?(): unknown;
  resume?(): unknown;
  readonly writable?: boolean;
}

export interface EtcdWatchDeps {
  codec: KeyCodec;
  prefix: string;
  /** First revision to deliver; absent = from now. */
  fromRevision: number | undefined;
  maxBuffered: number;
  clock: Clock;
  openStream(): Promise<WatchStream>;
  ordering: Promise<ProgressOrdering>;
  /** Maps a stream failure (or a failure to open it) to Unavailable or Closed. */
  mapStreamError(err: unknown): StoreError;
  /** Called once when the watch ends for any reason. */
  onEnded(w: EtcdWatch): void;
}

interface Waiter {
  resolve(r: IteratorResult<WatchBatch>): void;
  reject(e: unknown): void;
}

export class EtcdWatch implements Watch {
  readonly started: Promise<void>;
  private readonly queue: WatchBatch[] = [];
  private replayPending = 0;
  private readonly waiters: Waiter[] = [];
  private ended = false;
  private error: StoreError | null = null;
  private stream: WatchStream | null = null;
  private paused = false;
  /** Revisions up to this one are replayed history. */
  private createdRevision = 0;
  /** The next revision the watch expects (for the Compacted error). */
  private nextRevision: number;
  private readonly gate: ProgressGate;
  private markStarted: () => void = () => undefined;

  constructor(private readonly deps: EtcdWatchDeps) {
    this.nextRevision = deps.fromRevision ?? 0;
    this.gate = new ProgressGate({
      clock: deps.clock,
      sendRequest: () => this.write({ progress_request: {} }),
      deliver: (revision) => this.push({ events: [], revision, progressNotify: true }, false),
    });
    this.started = new Promise<void>((resolve) => (this.markStarted = resolve));
    deps.ordering.then(
      (o) => this.gate.setOrdering(o),
      () => this.gate.setOrdering('racy'),
    );
    void this.open();
  }

  requestProgress(): void {
    if (!this.ended) this.gate.request();
  }

  cancel(): void {
    if (!this.end()) return;
    for (const w of this.waiters.splice(0)) w.resolve({ value: undefined, done: true });
  }

  /** Ends the watch with `err`: buffered batches are dropped and the consumer's next read throws it. */
  fail(err: StoreError): void {
    if (!this.end()) return;
    this.error = err;
    for (const w of this.waiters.splice(0)) w.reject(err);
  }

  [Symbol.asyncIterator](): AsyncIterator<WatchBatch> {
    return {
      next: () => this.next(),
      return: () => {
        this.cancel();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  private async open(): Promise<void> {
    let stream: WatchStream;
    try {
      stream = await this.deps.openStream();
    } catch (err) {
      this.fail(this.deps.mapStreamError(err));
      return;
    }
    if (this.ended) {
      closeStream(stream);
      return;
    }
    this.stream = stream;
    stream.on('data', (r) => {
      try {
        this.onResponse(r);
      } catch (err) {
        this.fail(storeErrors.unavailable(`bad watch response: ${String(err)}`, err));
      }
    });
    stream.on('error', (err) => this.fail(this.deps.mapStreamError(err)));
    stream.on('end', () => this.fail(storeErrors.unavailable('etcd ended the watch stream')));
    const { key, rangeEnd } = this.deps.codec.prefixRange(this.deps.prefix);
    this.write({
      create_request: {
        key,
        range_end: rangeEnd,
        start_revision: this.deps.fromRevision ?? 0,
        prev_kv: true,
        progress_notify: true,
      },
    });
  }

  private onResponse(r: IWatchResponse): void {
    if (this.ended) return;
    const header = toRevision(r.header?.revision);
    if (r.created) {
      this.createdRevision = header;
      if (this.nextRevision === 0) this.nextRevision = header + 1;
      this.gate.onCreated(header, this.deps.fromRevision ?? 0);
      this.markStarted();
      if (r.canceled) this.fail(storeErrors.unavailable(`etcd refused the watch: ${r.cancel_reason || 'no reason given'}`));
      return;
    }
    if (r.canceled) {
      const compactRev = toRevision(r.compact_revision);
      this.fail(
        compactRev > 0
          ? storeErrors.compacted(this.nextRevision, compactRev)
          : storeErrors.unavailable(`etcd cancelled the watch: ${r.cancel_reason || 'no reason given'}`),
      );
      return;
    }
    const events = r.events ?? [];
    if (events.length === 0) {
      if (r.watch_id === '-1') this.gate.onRequestedProgress(header);
      else this.gate.onServerProgress(header);
      return;
    }
    const batches = this.toBatches(events);
    for (const b of batches) {
      this.push(b, b.revision <= this.createdRevision);
      if (this.ended) return;
    }
    const last = batches[batches.length - 1]!.revision;
    this.nextRevision = last + 1;
    this.gate.onEvents(header, last, batches.length);
  }

  /** Splits one etcd response into one batch per revision (a transaction's events share a revision). */
  private toBatches(events: readonly IEvent[]): WatchBatch[] {
    const { codec } = this.deps;
    const out: WatchBatch[] = [];
    let current: StoreEvent[] = [];
    let rev = 0;
    for (const e of events) {
      const kv = codec.decodeKv(e.kv);
      const ev: StoreEvent = {
        type: e.type === 'Delete' ? 'delete' : 'put',
        kv: e.type === 'Delete' ? { ...kv, value: '' } : kv,
        prevKv: codec.decodeOptionalKv(e.prev_kv),
      };
      if (current.length > 0 && kv.modRevision !== rev) {
        out.push({ events: current, revision: rev, progressNotify: false });
        current = [];
      }
      rev = kv.modRevision;
      current.push(ev);
    }
    if (current.length > 0) out.push({ events: current, revision: rev, progressNotify: false });
    return out;
  }

  private push(batch: WatchBatch, replay: boolean): void {
    if (this.ended) return;
    const w = this.waiters.shift();
    if (w) {
      w.resolve({ value: batch, done: false });
      return;
    }
    if (!replay) {
      const live = this.queue.length - this.replayPending;
      if (live >= this.deps.maxBuffered) {
        this.fail(storeErrors.watchOverflow(live));
        return;
      }
    }
    this.queue.push(batch);
    if (replay) {
      this.replayPending++;
      if (this.replayPending >= this.deps.maxBuffered && !this.paused) {
        this.paused = true;
        (this.stream as Pausable | null)?.pause?.();
      }
    }
  }

  private next(): Promise<IteratorResult<WatchBatch>> {
    const b = this.queue.shift();
    if (b) {
      if (this.replayPending > 0) this.replayPending--;
      if (this.paused && this.replayPending < Math.ceil(this.deps.maxBuffered / 2)) {
        this.paused = false;
        (this.stream as Pausable | null)?.resume?.();
      }
      return Promise.resolve({ value: b, done: false });
    }
    if (this.error) return Promise.reject(this.error);
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private write(req: IWatchRequest): void {
    if (!this.ended && this.stream) this.stream.write(req);
  }

  /** Marks the watch ended and releases the stream; false if it had already ended. */
  private end(): boolean {
    if (this.ended) return false;
    this.ended = true;
    this.queue.length = 0;
    this.replayPending = 0;
    this.gate.stop();
    this.markStarted();
    if (this.stream) closeStream(this.stream);
    this.stream = null;
    this.deps.onEnded(this);
    return true;
  }
}

/**
 * Half-closes, then cancels, a watch stream. Half-closing first matters: etcd3 treats an error on a still-writable
 * stream as a host failure and resets every connection to that host, which would break the store's other watches.
 */
function closeStream(stream: WatchStream): void {
  const s = stream as WatchStream & Pausable;
  if (s.writable !== false) stream.end();
  stream.cancel();
}

/** A watch that failed before it started (bad arguments, closed store): iteration throws `err` until cancelled. */
export function failedWatch(err: StoreError): Watch {
  let cancelled = false;
  return {
    requestProgress: () => undefined,
    cancel: () => void (cancelled = true),
    [Symbol.asyncIterator]: () => ({
      next: () => (cancelled ? Promise.resolve({ value: undefined, done: true }) : Promise.reject(err)),
      return: () => {
        cancelled = true;
        return Promise.resolve({ value: undefined, done: true });
      },
    }),
  };
}
