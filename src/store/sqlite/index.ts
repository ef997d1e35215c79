/**
 * store/sqlite: the embedded default Store backend (one SQLite file, WAL, group commit, compaction).
 *
 * Usage: `const store = new SqliteStore({ path: '/var/lib/skiff/state.db', autoCompact: { intervalMs: 300_000 } })`.
 * The constructor opens the file synchronously and throws SqliteLockedError (a StoreError with code Unavailable) when
 * another skiff process holds it. `close()` releases it.
 */
export { SqliteStore } from './sqlite-store.js';
export type { SqliteStoreOptions, SqliteInternalStats } from './sqlite-store.js';
export type { AutoCompactOptions } from './compaction.js';
export { SqliteLockedError, isSqliteLocked } from './errors.js';
