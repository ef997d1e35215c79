/**
 * The embedded default backend: one SQLite file in WAL mode, written by one process.
 *
 * Guarantees beyond the Store contract (types.ts):
 * - Durable acknowledgement: a write's promise resolves only after its transaction is fsynced (synchronous=FULL
 *   under WAL), so an acknowledged write survives kill -9 and power loss.
 * - Group commit: writes arriving in the same event-loop iteration share one sqlite transaction and one fsync, each
 *   at its own revision (writer.ts). `commitStats()` makes that observable.
 * - Exclusive: opening a file another SqliteStore holds (in any process) throws SqliteLockedError.
 * - Monotonic across restarts: the revision, compact revision and history survive close/reopen and crashes; the next
 *   write after reopen gets a revision above every acknowledged one, even if the newest rows were compacted.
 * - Bounded growth: `compact` deletes unreachable history, vacuums freed pages and truncates the WAL; `autoCompact`
 *   does it on a timer (compaction.ts).
 */
import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { realClock } from '../../machinery/index.js';
import type { Clock } from '../../machinery/index.js';
import { storeErrors } from '../errors.js';
import { WatchHub } from '../watch-hub.js';
import type {
  DeleteOptions,
  DeleteResult,
  GetOptions,
  GetResult,
  RangeOptions,
  RangeResult,
  Store,
  StoreStats,
  TxnRequest,
  TxnResult,
  Watch,
  WatchOptions,
  WriteResult,
} from '../types.js';
import { AutoCompactor, Compactor } from './compaction.js';
import type { AutoCompactOptions, CompactionState, MaintenanceStats } from './compaction.js';
import { FutureWatch } from './future-watch.js';
import { checkKey, checkLimit, checkRevision, checkTxn, checkValue } from './keys.js';
import { countKeys, readHistory, readKey, readRange } from './reads.js';
import { openDatabase } from './schema.js';
import { Statements } from './statements.js';
import { GroupCommitter } from './writer.js';
import type { CommitStats, CommittedState } from './writer.js';

export interface SqliteStoreOptions {
  /** Path of the data file (created if missing). Its `-wal` sibling lives beside it. */
  path: string;
  /** Drives `autoCompact`; defaults to the real clock. */
  clock?: Clock;
  /** Compact automatically on a timer; off when absent. */
  autoCompact?: AutoCompactOptions;
}

/** Group-commit counters plus compaction and checkpoint counters. */
export interface SqliteInternalStats extends CommitStats, MaintenanceStats {}

/** Runs `fn` and turns a synchronous throw into a rejected promise, as async callers expect. */
function attempt<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err);
  }
}

export class SqliteStore implements Store {
  readonly backend = 'sqlite';
  readonly path: string;
  private readonly db: Database.Database;
  private readonly st: Statements;
  private readonly state: CommittedState;
  private readonly compaction: CompactionState;
  private readonly hub: WatchHub;
  private readonly writer: GroupCommitter;
  private readonly compactor: Compactor;
  private readonly auto: AutoCompactor | null;
  private closed = false;

  /** Opens (or creates) the data file. Throws SqliteLockedError if another store holds it, Unavailable otherwise. */
  constructor(opts: SqliteStoreOptions) {
    this.path = opts.path;
    const opened = openDatabase(opts.path);
    this.db = opened.db;
    this.st = new Statements(this.db);
    this.state = { revision: opened.revision, nextId: opened.nextId, keys: opened.keys };
    this.compaction = { compactRevision: opened.compactRevision, purgedRevision: opened.purgedRevision };
    this.hub = new WatchHub(() => this.state.revision);
    this.writer = new GroupCommitter({
      db: this.db,
      statements: this.st,
      state: this.state,
      publish: (events, revision) => this.hub.publish(events, revision),
    });
    this.compactor = new Compactor({
      db: this.db,
      statements: this.st,
      state: this.compaction,
      isClosed: () => this.closed,
    });
    // Resume a purge a crash or close cut short.
    if (this.compaction.purgedRevision < this.compaction.compactRevision) {
      this.runPurge().catch((err: unknown) => {
        this.compactor.stats.lastError = err;
      });
    }
    this.auto = opts.autoCompact
      ? new AutoCompactor({
          clock: opts.clock ?? realClock,
          options: opts.autoCompact,
          revision: () => this.state.revision,
          compactRevision: () => this.compaction.compactRevision,
          compact: (rev) => this.compact(rev),
          checkpoint: () => this.compactor.checkpoint(),
          stats: this.compactor.stats,
        })
      : null;
  }

  private ensureOpen(): void {
    if (this.closed) throw storeErrors.closed();
  }

  /** The revision to read at: null for the latest, else a validated historical revision. */
  private readRevision(revision: number | undefined): number | null {
    if (revision === undefined) return null;
    checkRevision(revision);
    if (revision > this.state.revision) throw storeErrors.futureRevision(revision, this.state.revision);
    if (revision < this.compaction.compactRevision) throw storeErrors.compacted(revision, this.compaction.compactRevision);
    return revision === this.state.revision ? null : revision;
  }

  currentRevision(): Promise<number> {
    return attempt(() => {
      this.ensureOpen();
      return this.state.revision;
    });
  }

  get(key: string, opts: GetOptions = {}): Promise<GetResult> {
    return attempt(() => {
      this.ensureOpen();
      checkKey(key);
      const at = this.readRevision(opts.revision);
      return { kv: readKey(this.st, key, at), revision: at ?? this.state.revision };
    });
  }

  range(prefix: string, opts: RangeOptions = {}): Promise<RangeResult> {
    return attempt(() => {
      this.ensureOpen();
      if (typeof prefix !== 'string') throw storeErrors.invalid('prefix must be a string');
      const limit = opts.limit ?? 0;
      checkLimit(limit);
      if (opts.after !== undefined && typeof opts.after !== 'string') throw storeErrors.invalid('after must be a string');
      const at = this.readRevision(opts.revision);
      const { kvs, more } = readRange(this.st, { prefix, limit, after: opts.after, revision: at });
      return { kvs, more, revision: at ?? this.state.revision };
    });
  }

  count(prefix: string): Promise<number> {
    return attempt(() => {
      this.ensureOpen();
      if (typeof prefix !== 'string') throw storeErrors.invalid('prefix must be a string');
      return prefix === '' ? this.state.keys : countKeys(this.st, prefix);
    });
  }

  create(key: string, value: string): Promise<WriteResult> {
    return attempt(() => {
      this.ensureOpen();
      checkKey(key);
      checkValue(value);
      return this.writer.create(key, value) as Promise<WriteResult>;
    });
  }

  update(key: string, value: string, expectedModRevision: number): Promise<WriteResult> {
    return attempt(() => {
      this.ensureOpen();
      checkKey(key);
      checkValue(value);
      checkRevision(expectedModRevision, 'expectedModRevision');
      return this.writer.update(key, value, expectedModRevision) as Promise<WriteResult>;
    });
  }

  delete(key: string, opts: DeleteOptions = {}): Promise<DeleteResult> {
    return attempt(() => {
      this.ensureOpen();
      checkKey(key);
      const expected = opts.expectedModRevision;
      if (expected !== undefined) checkRevision(expected, 'expectedModRevision');
      return this.writer.delete(key, expected ?? -1) as Promise<DeleteResult>;
    });
  }

  txn(req: TxnRequest): Promise<TxnResult> {
    return attempt(() => {
      this.ensureOpen();
      checkTxn(req);
      return this.writer.txn(req) as Promise<TxnResult>;
    });
  }

  /**
   * Replays history from `fromRevision` (read and registered in one synchronous step, so no commit falls between),
   * then delivers live batches. Throws Closed, Compacted or InvalidArgument synchronously.
   */
  watch(prefix: string, opts: WatchOptions = {}): Watch {
    this.ensureOpen();
    if (typeof prefix !== 'string') throw storeErrors.invalid('prefix must be a string');
    const from = opts.fromRevision;
    const maxBuffered = opts.maxBuffered;
    if (maxBuffered !== undefined && !(Number.isSafeInteger(maxBuffered) && maxBuffered > 0)) {
      throw storeErrors.invalid(`maxBuffered must be a positive integer, got ${String(maxBuffered)}`);
    }
    if (from === undefined) return this.hub.register(prefix, [], maxBuffered);
    checkRevision(from, 'fromRevision');
    if (from < this.compaction.compactRevision) throw storeErrors.compacted(from, this.compaction.compactRevision);
    const replay = from <= this.state.revision ? readHistory(this.st, prefix, from) : [];
    const w = this.hub.register(prefix, replay, maxBuffered);
    return from > this.state.revision + 1 ? new FutureWatch(w, from) : w;
  }

  /**
   * Compacts to `revision`: from the moment this is called, reads and watches below it fail with Compacted. Resolves
   * once the unreachable history is deleted, the freed pages vacuumed and the WAL truncated. Compacting to the
   * current compact revision again is a no-op.
   */
  compact(revision: number): Promise<void> {
    return attempt(() => {
      this.ensureOpen();
      checkRevision(revision);
      if (revision > this.state.revision) throw storeErrors.futureRevision(revision, this.state.revision);
      if (revision < this.compaction.compactRevision) throw storeErrors.compacted(revision, this.compaction.compactRevision);
      if (revision > this.compaction.compactRevision) this.compactor.setCompactRevision(revision, this.state.revision);
      return this.runPurge();
    });
  }

  private async runPurge(): Promise<void> {
    try {
      await this.compactor.purge();
    } catch (err) {
      throw storeErrors.unavailable('compaction failed', err);
    }
  }

  compactRevision(): Promise<number> {
    return attempt(() => {
      this.ensureOpen();
      return this.compaction.compactRevision;
    });
  }

  /** Runs wal_checkpoint(TRUNCATE) now: the WAL is folded into the data file and cut to zero bytes. */
  checkpoint(): Promise<void> {
    return attempt(() => {
      this.ensureOpen();
      this.compactor.checkpoint();
    });
  }

  stats(): Promise<StoreStats> {
    return attempt(() => {
      this.ensureOpen();
      return {
        backend: this.backend,
        revision: this.state.revision,
        compactRevision: this.compaction.compactRevision,
        keys: this.state.keys,
        sizeBytes: this.fileBytes(),
      };
    });
  }

  /** Bytes of the data file plus its WAL. */
  fileBytes(): number {
    const size = (p: string) => statSync(p, { throwIfNoEntry: false })?.size ?? 0;
    return size(this.path) + size(`${this.path}-wal`);
  }

  /** Group-commit, compaction and checkpoint counters (a snapshot). */
  commitStats(): SqliteInternalStats {
    return { ...this.writer.stats, ...this.compactor.stats };
  }

  /**
   * Commits writes already queued, ends open watches with Closed, stops automatic compaction and closes the file
   * (SQLite checkpoints and removes the WAL). Idempotent.
   */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return attempt(() => {
      this.writer.flush();
      this.closed = true;
      this.auto?.stop();
      this.hub.closeAll(storeErrors.closed());
      this.db.close();
    });
  }
}
