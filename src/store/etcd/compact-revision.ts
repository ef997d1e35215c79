/**
 * Finding etcd's compact revision, which etcd does not report directly (kube-apiserver keeps its own `compact_rev_key`,
 * but writing one would bump the revision, which skiff's contract forbids for compact()). etcd serves a read at
 * revision r exactly when r ≥ the compact revision, so the compact revision is the smallest readable revision, found
 * by probing reads of one key. With a good hint (the last compaction this store saw) that is two cheap reads; otherwise
 * a binary search, O(log current revision) reads.
 *
 * Guarantee: the result was the compact revision at some moment during the call (0 when revision 1 is still readable,
 * i.e. nothing was compacted away).
 */
export interface RevisionProbe {
  /** True when a read at `revision` succeeds, false when etcd says it was compacted. Other failures reject. */
  readable(revision: number): Promise<boolean>;
  /** The current revision (always readable). */
  current(): Promise<number>;
}

export interface CompactSearchHints {
  /** A revision known to be compacted away (e.g. a read at it just failed with Compacted). */
  unreadable?: number;
  /** A guess at the compact revision (e.g. the last compaction this store performed or learned). */
  guess?: number;
}

export async function findCompactRevision(probe: RevisionProbe, hints: CompactSearchHints = {}): Promise<number> {
  // Invariant: `lo` is unreadable (or 0: nothing below revision 1), `hi` is readable.
  let lo = Math.max(0, hints.unreadable ?? 0);
  let hi = await probe.current();
  if (lo >= hi) return hi;
  const guess = hints.guess ?? 0;
  if (guess > lo && guess <= hi) {
    if (await probe.readable(guess)) hi = guess;
    else lo = guess;
    if (hi === guess && guess - 1 > lo) {
      if (await probe.readable(guess - 1)) hi = guess - 1;
      else return guess;
    }
  }
  if (lo === 0) {
    if (hi === 1 || (await probe.readable(1))) return 0;
    lo = 1;
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (await probe.readable(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
