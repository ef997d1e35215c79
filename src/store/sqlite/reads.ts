/**
 * Read queries of the sqlite backend. All synchronous: a read sees exactly the committed state at the moment it runs
 * (writes commit synchronously too, so nothing can interleave).
 */
import type { KeyValue, StoreEvent } from '../types.js';
import { prefixEnd } from './keys.js';
import type { Statements, VersionRow } from './statements.js';

export interface RangeQuery {
  prefix: string;
  /** 0 = all. */
  limit: number;
  after: string | undefined;
  /** null = latest (served from `current`); a number = as of that revision (served from `log`). */
  revision: number | null;
}

/** Rows fetched per round when walking `current` for a range at an older revision. */
const WALK_CHUNK = 512;

/** The version of a key live at `revision`, walking back from `row` (its newest row); null if absent then. */
function versionAt(st: Statements, row: VersionRow | undefined, revision: number): KeyValue | null {
  while (row && row.modRevision > revision) {
    // A missing link was purged by compaction: only tombstones and replaced rows are, so the key was absent then.
    row = row.prevId === null ? undefined : st.versionById.get(row.prevId);
  }
  if (!row || row.deleted) return null;
  return { key: row.key, value: row.value, createRevision: row.createRevision, modRevision: row.modRevision, version: row.version };
}

/** The key (at the latest revision when `revision` is null), or null if absent or deleted. */
export function readKey(st: Statements, key: string, revision: number | null): KeyValue | null {
  if (revision === null) return st.getLatest.get(key) ?? null;
  return versionAt(st, st.newestVersion.get(key), revision);
}

/** Keys under the prefix in key order; `more` says whether keys remain after the last one returned. */
export function readRange(st: Statements, q: RangeQuery): { kvs: KeyValue[]; more: boolean } {
  const high = prefixEnd(q.prefix);
  // `after` only narrows the range when it lies at or past the prefix; below it, the prefix is the bound.
  let exclusiveLow = q.after !== undefined && q.after >= q.prefix;
  let low = exclusiveLow ? q.after! : q.prefix;
  const want = q.limit > 0 ? q.limit + 1 : Infinity;
  let kvs: KeyValue[];
  if (q.revision === null) {
    kvs = st.rangeLatest(exclusiveLow, high !== null).all(...bind(low, high, q.limit > 0 ? want : -1));
  } else {
    // Keys at an older revision: the newest version of every key (tombstones included) walked back to `revision`.
    kvs = [];
    for (;;) {
      const rows = st.newestVersions(exclusiveLow, high !== null).all(...bind(low, high, WALK_CHUNK));
      for (const row of rows) {
        const kv = versionAt(st, row, q.revision);
        if (kv && kvs.push(kv) >= want) break;
      }
      if (kvs.length >= want || rows.length < WALK_CHUNK) break;
      low = rows[rows.length - 1]!.key;
      exclusiveLow = true;
    }
  }
  const more = kvs.length > q.limit && q.limit > 0;
  if (more) kvs.length = q.limit;
  return { kvs, more };
}

function bind(low: string, high: string | null, limit: number): unknown[] {
  return high === null ? [low, limit] : [low, high, limit];
}

export function countKeys(st: Statements, prefix: string): number {
  const high = prefixEnd(prefix);
  return high === null ? st.count(false).get(prefix)! : st.count(true).get(prefix, high)!;
}

/** Every event at revision ≥ `fromRevision` under `prefix`, in revision order (txn events in op order). */
export function readHistory(st: Statements, prefix: string, fromRevision: number): StoreEvent[] {
  const high = prefixEnd(prefix);
  const rows = high === null ? st.history(false).all(fromRevision, prefix) : st.history(true).all(fromRevision, prefix, high);
  const events: StoreEvent[] = new Array<StoreEvent>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const prevKv: KeyValue | null =
      r.prevRev === null || r.prevDeleted
        ? null
        : { key: r.key, value: r.prevValue, createRevision: r.prevCreate, modRevision: r.prevRev, version: r.prevVersion };
    events[i] = r.deleted
      ? { type: 'delete', kv: { key: r.key, value: '', createRevision: 0, modRevision: r.rev, version: 0 }, prevKv }
      : {
          type: 'put',
          kv: { key: r.key, value: r.value ?? '', createRevision: r.createRevision, modRevision: r.rev, version: r.version },
          prevKv,
        };
  }
  return events;
}
