/**
 * Compaction for the sqlite backend: keeps the data file from growing without bound.
 *
 * `compact(C)` is logical first: the compact revision is persisted and reads below it fail from then on. The purge
 * that follows deletes history rows no read at or above C can reach (see Statements.purgeReplaced), in chunks of
 * revisions, each chunk its own transaction, yielding to the event loop between chunks so writes keep flowing. Its
 * progress is persisted (`purged_rev`), so a purge cut short by close or a crash resumes on the next open. Then
 * `incremental_vacuum` returns the freed pages to the file system and `wal_checkpoint(TRUNCATE)` shrinks the WAL to
 * zero: the two places kine-based clusters grow without bound.
 *
 * `AutoCompactor` runs compaction every `intervalMs` on the injected Clock, like kube-apiserver's 5-minute compactor.
 */
import type Database from 'better-sqlite3';
import type { Clock, Timer } from '../../machinery/index.js';
import type { Statements } from './statements.js';

/** Revisions purged per transaction. */
const CHUNK_REVISIONS = 5_000;

export interface CompactionState {
  compactRevision: number;
  purgedRevision: number;
}

export interface MaintenanceStats {
  /** History rows deleted by compaction. */
  purgedRows: number;
  /** wal_checkpoint(TRUNCATE) runs. */
  checkpoints: number;
  /** Automatic compaction ticks that failed (the last error is in `lastError`). */
  autoCompactFailures: number;
  lastError: unknown;
}

export interface CompactorDeps {
  db: Database.Database;
  statements: Statements;
  state: CompactionState;
  isClosed(): boolean;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Compactor {
  readonly stats: MaintenanceStats = { purgedRows: 0, checkpoints: 0, autoCompactFailures: 0, lastError: null };
  private tail: Promise<void> = Promise.resolve();
  private readonly purgeChunk: (from: number, to: number) => number;

  private readonly persistCompact: (rev: number, currentRevision: number) => void;

  constructor(private readonly deps: CompactorDeps) {
    const st = deps.statements;
    this.persistCompact = deps.db.transaction((rev: number, currentRevision: number) => {
      st.setMeta.run(rev, 'compact_rev');
      st.setMeta.run(currentRevision, 'revision');
    });
    this.purgeChunk = deps.db.transaction((from: number, to: number) => {
      const replaced = st.purgeReplaced.run(from, to).changes;
      st.purgeTombstoneEntries.run(from, to, to);
      const n = replaced + st.purgeTombstones.run(from, to).changes;
      st.setMeta.run(to, 'purged_rev');
      return n;
    });
  }

  /**
   * Persists a new compact revision (synchronously: reads below it fail as soon as this returns), together with the
   * current revision, which the purge may leave no row for.
   */
  setCompactRevision(rev: number, currentRevision: number): void {
    this.persistCompact(rev, currentRevision);
    this.deps.state.compactRevision = rev;
  }

  /**
   * Purges history up to the compact revision, then vacuums and truncates the WAL. Calls are serialized; each one
   * resolves once everything below the compact revision current at its call is purged (or the store closed).
   */
  purge(): Promise<void> {
    const run = this.tail.then(() => this.runPurge());
    // The chain must survive a failed run; the failure itself goes to this call's caller.
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async runPurge(): Promise<void> {
    const state = this.deps.state;
    let purged = false;
    while (!this.deps.isClosed() && state.purgedRevision < state.compactRevision) {
      const to = Math.min(state.compactRevision, state.purgedRevision + CHUNK_REVISIONS);
      this.stats.purgedRows += this.purgeChunk(state.purgedRevision, to);
      state.purgedRevision = to;
      purged = true;
      if (to < state.compactRevision) await yieldToEventLoop();
    }
    if (purged && !this.deps.isClosed()) {
      this.deps.db.exec('PRAGMA incremental_vacuum');
      this.checkpoint();
    }
  }

  /** Copies the WAL into the database file and truncates the WAL to zero bytes. */
  checkpoint(): void {
    this.deps.db.pragma('wal_checkpoint(TRUNCATE)');
    this.stats.checkpoints++;
  }
}

export interface AutoCompactOptions {
  /** Time between compactions (kube-apiserver uses 5 minutes). */
  intervalMs: number;
  /**
   * Keep this many revisions of history below the current one. Absent: compact to the revision that was current one
   * interval earlier, as kube-apiserver does, so watchers that are less than an interval behind can still resume.
   */
  retainRevisions?: number;
}

export interface AutoCompactorDeps {
  clock: Clock;
  options: AutoCompactOptions;
  revision(): number;
  compactRevision(): number;
  compact(rev: number): Promise<void>;
  checkpoint(): void;
  stats: MaintenanceStats;
}

/**
 * Compacts every `intervalMs`; when there is nothing to compact it still truncates the WAL. A failed tick is counted
 * in the stats and the loop goes on. `stop()` cancels the next tick.
 */
export class AutoCompactor {
  private timer: Timer | null = null;
  private stopped = false;
  private previous: number;

  constructor(private readonly deps: AutoCompactorDeps) {
    const { intervalMs, retainRevisions } = deps.options;
    if (!(intervalMs > 0)) throw new RangeError(`autoCompact.intervalMs must be positive, got ${intervalMs}`);
    if (retainRevisions !== undefined && !(Number.isSafeInteger(retainRevisions) && retainRevisions >= 0)) {
      throw new RangeError(`autoCompact.retainRevisions must be a non-negative integer, got ${retainRevisions}`);
    }
    this.previous = deps.revision();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      void this.tick().then(() => this.schedule());
    }, this.deps.options.intervalMs);
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const current = this.deps.revision();
    const retain = this.deps.options.retainRevisions;
    const target = retain === undefined ? this.previous : current - retain;
    this.previous = current;
    try {
      if (target > this.deps.compactRevision()) await this.deps.compact(target);
      else this.deps.checkpoint();
    } catch (err) {
      this.deps.stats.autoCompactFailures++;
      this.deps.stats.lastError = err;
    }
  }
}
