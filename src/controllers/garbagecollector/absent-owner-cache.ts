/**
 * ReferenceCache: a bounded LRU set of owner identities known to be absent (Kubernetes' absentOwnerCache, 500 entries),
 * so many dependents of one deleted owner cost one lookup. An identity is only ever added after the server (or an
 * observed deletion) showed the owner gone; uids are never reused, so entries never become wrong, only evicted.
 */
export class ReferenceCache {
  readonly #max: number;
  readonly #items = new Map<string, true>();

  constructor(max = 500) {
    this.#max = max;
  }

  add(key: string): void {
    this.#items.delete(key);
    this.#items.set(key, true);
    if (this.#items.size > this.#max) this.#items.delete(this.#items.keys().next().value as string);
  }

  has(key: string): boolean {
    if (!this.#items.has(key)) return false;
    this.add(key);
    return true;
  }

  get size(): number {
    return this.#items.size;
  }
}
