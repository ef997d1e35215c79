/**
 * Opening a skiff data file: pragmas, the exclusive lock, the schema and the persisted counters.
 *
 * Schema (after kine's log table, reshaped so a write touches one random page, not two):
 * - `log`: one row per write of one key, appended in commit order. `id` orders rows (several rows share a `rev` when
 *   a txn writes several keys); `deleted` marks tombstones; `prev_id` points at the key's previous row (a tombstone
 *   for a re-create, null for a first create). That chain gives events their prevKv without copying old values, and
 *   reads at an older revision walk it back from `current`. Only index: (rev), append-only, for watch replay and
 *   compaction.
 * - `current`: key → id of its newest row, with `live` = 0 when that row is a tombstone (kept until compaction so a
 *   deleted key's history stays reachable). Latest get/range/count read only live entries.
 * - `meta`: `compact_rev` (reads below fail with Compacted), `purged_rev` (history below it is physically deleted;
 *   lags `compact_rev` only while a purge runs or after a crash, and is resumed on open) and `revision`, written at
 *   each compaction. Between compactions the revision is max(log.rev): a purge never deletes the newest row (it has no
 *   successor and its revision is ≥ the compact revision), so the revision never goes back on reopen.
 */
import Database from 'better-sqlite3';
import { StoreError, storeErrors } from '../errors.js';
import { SqliteLockedError } from './errors.js';

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS log (
  id INTEGER PRIMARY KEY,
  rev INTEGER NOT NULL,
  key TEXT NOT NULL,
  deleted INTEGER NOT NULL,
  create_rev INTEGER NOT NULL,
  version INTEGER NOT NULL,
  prev_id INTEGER,
  value TEXT
);
CREATE INDEX IF NOT EXISTS log_rev ON log (rev);
CREATE TABLE IF NOT EXISTS current (key TEXT PRIMARY KEY, id INTEGER NOT NULL, live INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT OR IGNORE INTO meta (name, value) VALUES ('revision', 0), ('compact_rev', 0), ('purged_rev', 0);
`;

export interface OpenedDatabase {
  db: Database.Database;
  revision: number;
  compactRevision: number;
  purgedRevision: number;
  /** The next free log row id. */
  nextId: number;
  /** Number of live keys. */
  keys: number;
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/**
 * Opens (creating if needed) the data file at `path` and takes its exclusive lock.
 * Fails with SqliteLockedError when another connection holds the file, Unavailable for anything else.
 */
export function openDatabase(path: string): OpenedDatabase {
  let db: Database.Database;
  try {
    // timeout 0: never wait for a lock. We are the only connection, so a busy file means someone else holds it.
    db = new Database(path, { timeout: 0 });
  } catch (err) {
    throw storeErrors.unavailable(`cannot open ${path}`, err);
  }
  try {
    return prepareDatabase(db, path);
  } catch (err) {
    db.close();
    if (isBusy(err)) throw new SqliteLockedError(path, { cause: err });
    if (err instanceof StoreError) throw err;
    throw storeErrors.unavailable(`cannot open ${path}`, err);
  }
}

function prepareDatabase(db: Database.Database, path: string): OpenedDatabase {
  // One writer per file: in EXCLUSIVE locking mode SQLite never releases its file lock, and the BEGIN EXCLUSIVE below
  // takes the write lock right away, so a second process (or connection) fails here instead of corrupting state or
  // waiting on "database is locked" later. The OS drops the lock when the holder dies, even on kill -9. It also
  // lets WAL keep its index in heap memory (no -shm file).
  db.pragma('locking_mode = EXCLUSIVE');
  // Only takes effect on a new, empty file (before the first table); lets compaction hand pages back to the OS.
  db.pragma('auto_vacuum = INCREMENTAL');
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw storeErrors.unavailable(`${path}: cannot switch to WAL journal mode (got ${String(mode)})`);
  // Durability. In WAL mode, synchronous=NORMAL fsyncs only at checkpoints: a commit survives kill -9 (it is in the
  // OS page cache) but not a power loss or kernel crash, which may drop the last transactions. A write is
  // acknowledged only once durable (types.ts), so we use FULL: the WAL is fsynced at every commit. Group commit
  // (writer.ts) amortizes that fsync over every write arriving in the same tick.
  db.pragma('synchronous = FULL');
  // Keep the WAL from staying large after a burst: truncate it to this size whenever it is reset by a checkpoint.
  db.pragma('journal_size_limit = 67108864');
  db.pragma('cache_size = -32768');
  db.pragma('temp_store = MEMORY');
  db.exec('BEGIN EXCLUSIVE; COMMIT');

  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== 0 && version !== SCHEMA_VERSION) {
    throw storeErrors.unavailable(`${path}: unsupported schema version ${version} (this skiff reads ${SCHEMA_VERSION})`);
  }
  db.transaction(() => {
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();

  const meta = new Map<string, number>();
  for (const row of db.prepare('SELECT name, value FROM meta').all() as { name: string; value: number }[]) {
    meta.set(row.name, row.value);
  }
  const tail = db.prepare('SELECT max(id) AS id, max(rev) AS rev FROM log').get() as { id: number | null; rev: number | null };
  const keys = (db.prepare('SELECT count(*) AS n FROM current WHERE live = 1').get() as { n: number }).n;
  return {
    db,
    revision: Math.max(meta.get('revision') ?? 0, tail.rev ?? 0),
    compactRevision: meta.get('compact_rev') ?? 0,
    purgedRevision: meta.get('purged_rev') ?? 0,
    nextId: (tail.id ?? 0) + 1,
    keys,
  };
}
