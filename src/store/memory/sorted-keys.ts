/**
 * A sorted set of keys with cheap inserts: new keys go to an unsorted side list and are merged into the sorted array
 * the next time it is read, so a burst of creates costs O(p log p + n) once instead of O(n) per insert.
 *
 * Order is JavaScript string order (UTF-16 code units), which equals etcd's byte order for every key without
 * characters above U+FFFF mixed with characters in U+E000–U+FFFF; Kubernetes keys are ASCII.
 */

/** Below this many pending keys, inserting one by one into the sorted array beats sorting and merging. */
const SPLICE_THRESHOLD = 32;

/** First index in `arr` whose element is ≥ `key` (or > `key` when `strict`). */
export function lowerBound(arr: readonly string[], key: string, strict = false): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = arr[mid]!;
    if (v < key || (strict && v === key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SortedKeys {
  private sorted: string[] = [];
  private pending: string[] = [];

  get size(): number {
    return this.sorted.length + this.pending.length;
  }

  /** Adds a key the caller knows is absent. */
  add(key: string): void {
    this.pending.push(key);
  }

  /** Removes every key in `gone`. O(n). */
  removeAll(gone: ReadonlySet<string>): void {
    if (gone.size === 0) return;
    this.sorted = this.view().filter((k) => !gone.has(k));
  }

  /** The keys in order. The array is owned by this index: read it, never keep it across writes. */
  view(): readonly string[] {
    const p = this.pending;
    if (p.length === 0) return this.sorted;
    this.pending = [];
    if (p.length <= SPLICE_THRESHOLD) {
      for (const k of p) this.sorted.splice(lowerBound(this.sorted, k), 0, k);
      return this.sorted;
    }
    p.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const a = this.sorted;
    const out = new Array<string>(a.length + p.length);
    let i = 0;
    let j = 0;
    let o = 0;
    while (i < a.length && j < p.length) out[o++] = a[i]! < p[j]! ? a[i++]! : p[j++]!;
    while (i < a.length) out[o++] = a[i++]!;
    while (j < p.length) out[o++] = p[j++]!;
    this.sorted = out;
    return out;
  }
}
