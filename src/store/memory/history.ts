/**
 * Per-key revision history for the memory backend: every write to a key appends a version (a value or a tombstone)
 * at its revision, so reads at any revision since the compact revision are a binary search.
 */
import type { KeyValue, StoreEvent } from '../types.js';

/** One write to a key: the value it left (null for a delete) at revision `rev`. */
export interface Version {
  readonly rev: number;
  readonly kv: KeyValue | null;
}

/** The events of one committed write transaction. */
export interface LogEntry {
  readonly revision: number;
  readonly events: StoreEvent[];
}

/** The key's value as of `rev` (null when absent then). Versions are in ascending `rev` order. */
export function valueAt(history: readonly Version[], rev: number): KeyValue | null {
  const last = history[history.length - 1];
  if (!last) return null;
  if (last.rev <= rev) return last.kv;
  let lo = 0;
  let hi = history.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (history[mid]!.rev <= rev) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : history[lo - 1]!.kv;
}

/** The key's latest value (null when deleted). */
export function latest(history: readonly Version[] | undefined): KeyValue | null {
  return history?.[history.length - 1]?.kv ?? null;
}

/**
 * Drops the versions no read at or above `compactRev` can see: everything before the newest version at or below it,
 * and that version too when it is a tombstone. Returns the number of versions dropped (the history may become empty).
 */
export function compactHistory(history: Version[], compactRev: number): number {
  let keep = -1;
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i]!.rev <= compactRev) {
      keep = i;
      break;
    }
  }
  if (keep < 0) return 0;
  const drop = history[keep]!.kv === null ? keep + 1 : keep;
  if (drop > 0) history.splice(0, drop);
  return drop;
}
