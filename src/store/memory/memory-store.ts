/**
 * The reference Store backend: everything in process memory, nothing durable.
 *
 * Guarantees (beyond the contract in ../types.ts): every write is applied synchronously when the method is called,
 * so writes take revisions in call order, and its events are published to watchers before the returned promise
 * settles. Reads at any revision ≥ the compact revision are served from per-key history. Returned KeyValues are
 * frozen and shared; watch batches are shared between watchers of one prefix.
 *
 * Costs: point reads O(log h); a range is O(log n + keys scanned); a write O(ops + distinct watched prefixes);
 * `compact` O(keys + versions dropped).
 */
import type { Clock } from '../../machinery/index.js';
import { realClock } from '../../machinery/index.js';
import { StoreError, storeErrors } from '../errors.js';
import type {
  DeleteOptions,
  DeleteResult,
  GetOptions,
  GetResult,
  KeyValue,
  RangeOptions,
  RangeResult,
  Store,
  StoreEvent,
  StoreStats,
  TxnOp,
  TxnOpResult,
  TxnRequest,
  TxnResult,
  Watch,
  WatchOptions,
  WriteResult,
} from '../types.js';
import { DEFAULT_MAX_BUFFERED, WatchHub } from '../watch-hub.js';
import type { LogEntry, Version } from './history.js';
import { compactHistory, latest, valueAt } from './history.js';
import { lowerBound, SortedKeys } from './sorted-keys.js';
import { checkKey, checkLimit, checkRevision, checkTxn } from '../validate.js';

export interface MemoryStoreOptions {
  /** Time source; the memory backend has no timed behaviour today, it is accepted so every backend is built alike. */
  clock?: Clock;
}

type WriteOp = { type: 'put'; key: string; value: string } | { type: 'delete'; key: string };

export class MemoryStore implements Store {
  readonly backend = 'memory';
  readonly clock: Clock;

  private rev = 0;
  private compactRev = 0;
  private liveKeys = 0;
  private closed = false;
  private readonly history = new Map<string, Version[]>();
  private readonly index = new SortedKeys();
  /** One entry per revision above the compact revision, in order: log[i].revision = log[0].revision + i. */
  private log: LogEntry[] = [];
  private readonly hub = new WatchHub(() => this.rev);

  constructor(opts: MemoryStoreOptions = {}) {
    this.clock = opts.clock ?? realClock;
  }

  async currentRevision(): Promise<number> {
    this.checkOpen();
    return this.rev;
  }

  async get(key: string, opts: GetOptions = {}): Promise<GetResult> {
    this.checkOpen();
    checkKey(key);
    const revision = this.readRevision(opts.revision);
    const h = this.history.get(key);
    return { kv: h ? valueAt(h, revision) : null, revision };
  }

  async range(prefix: string, opts: RangeOptions = {}): Promise<RangeResult> {
    this.checkOpen();
    const limit = checkLimit(opts.limit);
    const revision = this.readRevision(opts.revision);
    const keys = this.index.view();
    let i = lowerBound(keys, prefix);
    if (opts.after !== undefined && opts.after >= prefix) i = Math.max(i, lowerBound(keys, opts.after, true));
    const kvs: KeyValue[] = [];
    let more = false;
    for (; i < keys.length; i++) {
      const key = keys[i]!;
      if (!key.startsWith(prefix)) break;
      const kv = valueAt(this.history.get(key)!, revision);
      if (!kv) continue;
      if (limit > 0 && kvs.length === limit) {
        more = true;
        break;
      }
      kvs.push(kv);
    }
    return { kvs, more, revision };
  }

  async count(prefix: string): Promise<number> {
    this.checkOpen();
    if (prefix === '') return this.liveKeys;
    const keys = this.index.view();
    let n = 0;
    for (let i = lowerBound(keys, prefix); i < keys.length && keys[i]!.startsWith(prefix); i++) {
      if (latest(this.history.get(keys[i]!))) n++;
    }
    return n;
  }

  async create(key: string, value: string): Promise<WriteResult> {
    this.checkOpen();
    checkKey(key);
    if (latest(this.history.get(key))) throw storeErrors.keyExists(key);
    return this.writeOne({ type: 'put', key, value });
  }

  async update(key: string, value: string, expectedModRevision: number): Promise<WriteResult> {
    this.checkOpen();
    checkKey(key);
    checkRevision(expectedModRevision, 'expectedModRevision');
    this.checkCurrent(key, expectedModRevision);
    return this.writeOne({ type: 'put', key, value });
  }

  async delete(key: string, opts: DeleteOptions = {}): Promise<DeleteResult> {
    this.checkOpen();
    checkKey(key);
    if (opts.expectedModRevision !== undefined) checkRevision(opts.expectedModRevision, 'expectedModRevision');
    const prev = this.checkCurrent(key, opts.expectedModRevision);
    this.commit([{ type: 'delete', key }]);
    return { prevKv: prev, revision: this.rev };
  }

  async txn(req: TxnRequest): Promise<TxnResult> {
    this.checkOpen();
    checkTxn(req);
    const succeeded = req.compare.every((c) => (latest(this.history.get(c.key))?.modRevision ?? 0) === c.modRevision);
    const results = this.commit(succeeded ? req.success : (req.failure ?? []));
    return { succeeded, revision: this.rev, results };
  }

  watch(prefix: string, opts: WatchOptions = {}): Watch {
    const maxBuffered = opts.maxBuffered ?? DEFAULT_MAX_BUFFERED;
    const from = opts.fromRevision;
    try {
      this.checkOpen();
      if (!Number.isInteger(maxBuffered) || maxBuffered < 1) throw storeErrors.invalid(`maxBuffered must be a positive integer, got ${maxBuffered}`);
      if (from !== undefined) {
        checkRevision(from, 'fromRevision');
        if (from < this.compactRev) throw storeErrors.compacted(from, this.compactRev);
      }
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
      const failed = this.hub.register(prefix, []);
      failed.fail(err);
      return failed;
    }
    const replay = from !== undefined && from <= this.rev ? this.eventsFrom(from) : [];
    return this.hub.register(prefix, replay, { maxBuffered, minRevision: from ?? 0 });
  }

  async compact(revision: number): Promise<void> {
    this.checkOpen();
    checkRevision(revision, 'compact revision');
    if (revision > this.rev) throw storeErrors.futureRevision(revision, this.rev);
    if (revision <= this.compactRev) throw storeErrors.compacted(revision, this.compactRev);
    const gone = new Set<string>();
    for (const [key, h] of this.history) {
      compactHistory(h, revision);
      if (h.length === 0) gone.add(key);
    }
    for (const key of gone) this.history.delete(key);
    this.index.removeAll(gone);
    const first = this.log[0]?.revision ?? revision;
    this.log = this.log.slice(Math.max(0, revision - first));
    this.compactRev = revision;
  }

  async compactRevision(): Promise<number> {
    this.checkOpen();
    return this.compactRev;
  }

  async stats(): Promise<StoreStats> {
    this.checkOpen();
    return { backend: this.backend, revision: this.rev, compactRevision: this.compactRev, keys: this.liveKeys };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.hub.closeAll(storeErrors.closed());
    this.history.clear();
    this.log = [];
  }

  private checkOpen(): void {
    if (this.closed) throw storeErrors.closed();
  }

  /** The revision a read is served at; validates an explicit one against the compact and current revisions. */
  private readRevision(rev: number | undefined): number {
    if (rev === undefined) return this.rev;
    checkRevision(rev, 'revision');
    if (rev < this.compactRev) throw storeErrors.compacted(rev, this.compactRev);
    if (rev > this.rev) throw storeErrors.futureRevision(rev, this.rev);
    return rev;
  }

  /** The live value of `key`; NotFound when absent, Conflict when `expected` is given and differs. */
  private checkCurrent(key: string, expected: number | undefined): KeyValue {
    const cur = latest(this.history.get(key));
    if (!cur) throw storeErrors.notFound(key);
    if (expected !== undefined && cur.modRevision !== expected) throw storeErrors.conflict(key, cur.modRevision, expected);
    return cur;
  }

  private writeOne(op: WriteOp): WriteResult {
    const [r] = this.commit([op]);
    return { kv: r!.kv!, revision: this.rev };
  }

  /**
   * Applies validated ops in order as one transaction at revision rev+1 (bumped only if something changed), then
   * publishes its events. Cannot fail part-way: all checks happen before.
   */
  private commit(ops: readonly TxnOp[]): TxnOpResult[] {
    const rev = this.rev + 1;
    const events: StoreEvent[] = [];
    const results: TxnOpResult[] = [];
    for (const op of ops) {
      const h = this.history.get(op.key);
      const prev = latest(h);
      if (op.type === 'get') {
        results.push({ kv: prev, prevKv: null });
        continue;
      }
      if (op.type === 'delete') {
        results.push({ kv: prev, prevKv: prev });
        if (!prev) continue;
        const tombstone = Object.freeze({ key: op.key, value: '', createRevision: 0, modRevision: rev, version: 0 });
        h!.push({ rev, kv: null });
        this.liveKeys--;
        events.push({ type: 'delete', kv: tombstone, prevKv: prev });
        continue;
      }
      const kv: KeyValue = Object.freeze({
        key: op.key,
        value: op.value,
        createRevision: prev ? prev.createRevision : rev,
        modRevision: rev,
        version: prev ? prev.version + 1 : 1,
      });
      if (h) h.push({ rev, kv });
      else {
        this.history.set(op.key, [{ rev, kv }]);
        this.index.add(op.key);
      }
      if (!prev) this.liveKeys++;
      results.push({ kv, prevKv: prev });
      events.push({ type: 'put', kv, prevKv: prev });
    }
    if (events.length > 0) {
      this.rev = rev;
      this.log.push({ revision: rev, events });
      this.hub.publish(events, rev);
    }
    return results;
  }

  /** Every event with revision ≥ `from` (≥ the compact revision, ≤ the current one), in order. */
  private eventsFrom(from: number): StoreEvent[] {
    const first = this.log[0]?.revision;
    if (first === undefined) return [];
    const out: StoreEvent[] = [];
    for (let i = Math.max(0, from - first); i < this.log.length; i++) out.push(...this.log[i]!.events);
    return out;
  }
}
