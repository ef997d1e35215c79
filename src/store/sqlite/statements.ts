/**
 * Every SQL statement of the sqlite backend, prepared once per open database. Latest reads go through `current`;
 * reads at a revision walk `log` rows back through `prev_id` by rowid; watch replay and compaction use the (rev) index.
 */
import type Database from 'better-sqlite3';
import type { KeyValue } from '../types.js';

/** The newest row of a key, as the write path needs it. `live` is 0 when that row is a tombstone. */
export interface CurrentRow {
  id: number;
  live: number;
  modRevision: number;
  createRevision: number;
  version: number;
  value: string;
}

/** One version of a key, with the link to the version before it. */
export interface VersionRow extends KeyValue {
  prevId: number | null;
  deleted: number;
}

/** A log row joined with the row it replaced, as watch replay needs it. */
export interface HistoryRow {
  rev: number;
  key: string;
  deleted: number;
  createRevision: number;
  version: number;
  value: string | null;
  prevRev: number | null;
  prevDeleted: number;
  prevCreate: number;
  prevVersion: number;
  prevValue: string;
}

type Stmt<P extends unknown[], R = unknown> = Database.Statement<P, R>;

const KV_COLUMNS = 'l.key, l.value, l.create_rev AS createRevision, l.rev AS modRevision, l.version';
const VERSION_COLUMNS = `${KV_COLUMNS}, l.prev_id AS prevId, l.deleted`;

export class Statements {
  readonly current: Stmt<[string], CurrentRow>;
  readonly getLatest: Stmt<[string], KeyValue>;
  readonly newestVersion: Stmt<[string], VersionRow>;
  readonly versionById: Stmt<[number], VersionRow>;
  readonly insertLog: Stmt<[number, number, string, number, number, number, number | null, string | null]>;
  readonly insertCurrent: Stmt<[string, number]>;
  /** Parameters: id, live, key. */
  readonly setCurrent: Stmt<[number, number, string]>;
  readonly setMeta: Stmt<[number, string]>;
  readonly purgeReplaced: Stmt<[number, number]>;
  readonly purgeTombstoneEntries: Stmt<[number, number, number]>;
  readonly purgeTombstones: Stmt<[number, number]>;
  private readonly cache = new Map<string, Stmt<unknown[]>>();

  constructor(private readonly db: Database.Database) {
    this.current = db.prepare(
      `SELECT c.id, c.live, l.rev AS modRevision, l.create_rev AS createRevision, l.version, l.value
       FROM current c JOIN log l ON l.id = c.id WHERE c.key = ?`,
    );
    this.getLatest = db.prepare(`SELECT ${KV_COLUMNS} FROM current c JOIN log l ON l.id = c.id WHERE c.key = ? AND c.live = 1`);
    this.newestVersion = db.prepare(`SELECT ${VERSION_COLUMNS} FROM current c JOIN log l ON l.id = c.id WHERE c.key = ?`);
    this.versionById = db.prepare(`SELECT ${VERSION_COLUMNS} FROM log l WHERE l.id = ?`);
    this.insertLog = db.prepare(
      'INSERT INTO log (id, rev, key, deleted, create_rev, version, prev_id, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertCurrent = db.prepare('INSERT INTO current (key, id, live) VALUES (?, ?, 1)');
    this.setCurrent = db.prepare('UPDATE current SET id = ?, live = ? WHERE key = ?');
    this.setMeta = db.prepare('UPDATE meta SET value = ? WHERE name = ?');
    // Compaction to C runs these for rows written at revisions in [from, to), in this order: delete the rows they
    // replaced; forget keys whose newest row is a tombstone below `to`; delete the tombstones. What is left below C is,
    // per key, its newest row below C if that row is live: exactly what reads at revisions ≥ C and the prevKv of
    // events at revisions ≥ C need. A chain walk that reaches a deleted link therefore means "absent".
    this.purgeReplaced = db.prepare(
      'DELETE FROM log WHERE id IN (SELECT prev_id FROM log WHERE rev >= ? AND rev < ? AND prev_id IS NOT NULL)',
    );
    this.purgeTombstoneEntries = db.prepare(
      `DELETE FROM current WHERE key IN (SELECT key FROM log WHERE rev >= ? AND rev < ? AND deleted = 1)
         AND live = 0 AND (SELECT rev FROM log WHERE log.id = current.id) < ?`,
    );
    this.purgeTombstones = db.prepare('DELETE FROM log WHERE rev >= ? AND rev < ? AND deleted = 1');
  }

  private cached<P extends unknown[], R>(sql: string): Stmt<P, R> {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s as unknown as Stmt<P, R>;
  }

  private static bounds(column: string, exclusiveLow: boolean, hasHigh: boolean): string {
    return `${column} ${exclusiveLow ? '>' : '>='} ?${hasHigh ? ` AND ${column} < ?` : ''}`;
  }

  /** Live keys in the bounds, in key order, at most `limit` (-1 = all). Parameters: low, [high], limit. */
  rangeLatest(exclusiveLow: boolean, hasHigh: boolean): Stmt<unknown[], KeyValue> {
    return this.cached(
      `SELECT ${KV_COLUMNS} FROM current c JOIN log l ON l.id = c.id
       WHERE ${Statements.bounds('c.key', exclusiveLow, hasHigh)} AND c.live = 1 ORDER BY c.key LIMIT ?`,
    );
  }

  /** Newest versions (tombstones included) of keys in the bounds, in key order. Parameters: low, [high], limit. */
  newestVersions(exclusiveLow: boolean, hasHigh: boolean): Stmt<unknown[], VersionRow> {
    return this.cached(
      `SELECT ${VERSION_COLUMNS} FROM current c JOIN log l ON l.id = c.id
       WHERE ${Statements.bounds('c.key', exclusiveLow, hasHigh)} ORDER BY c.key LIMIT ?`,
    );
  }

  /** Number of live keys in [low, high). Parameters: low, [high]. */
  count(hasHigh: boolean): Stmt<unknown[], number> {
    return this.cached<unknown[], number>(
      `SELECT count(*) FROM current WHERE ${Statements.bounds('key', false, hasHigh)} AND live = 1`,
    ).pluck();
  }

  /**
   * Every write at revision ≥ rev with key in [low, high), in commit order. Walks the (rev) index: watches resume
   * from recent revisions, and history below the compact revision is gone, so this reads only the recent tail.
   * Parameters: rev, low, [high].
   */
  history(hasHigh: boolean): Stmt<unknown[], HistoryRow> {
    return this.cached(
      `SELECT l.rev, l.key, l.deleted, l.create_rev AS createRevision, l.version, l.value, p.rev AS prevRev,
              p.deleted AS prevDeleted, p.create_rev AS prevCreate, p.version AS prevVersion, p.value AS prevValue
       FROM log l INDEXED BY log_rev LEFT JOIN log p ON p.id = l.prev_id
       WHERE l.rev >= ? AND ${Statements.bounds('l.key', false, hasHigh)} ORDER BY l.rev, l.id`,
    );
  }
}
