/**
 * SliceTracker: remembers this controller's own slice writes until the informer cache reflects them
 * (k8s.io/endpointslice util.EndpointSliceTracker, keyed by resourceVersion instead of generation because skiff does
 * not bump EndpointSlice generations).
 *
 * Guarantees: `stale(service, cached)` is true while the cache still lacks a slice we created, still shows the exact
 * version of a slice we replaced, or still holds a slice we deleted. Syncing from such a cache would duplicate or undo
 * our writes; the controller skips the sync instead, and the informer event that makes the cache current enqueues the
 * Service again. Expectations the cache has met are forgotten.
 */
import type { EndpointSlice } from '../../api/index.js';

type Expectation = { kind: 'created' } | { kind: 'replaced'; rv: string } | { kind: 'deleted'; rv: string };

export class SliceTracker {
  /** service key → slice name → expectation */
  readonly #expect = new Map<string, Map<string, Expectation>>();

  #forService(service: string): Map<string, Expectation> {
    let m = this.#expect.get(service);
    if (!m) this.#expect.set(service, (m = new Map()));
    return m;
  }

  created(service: string, slice: Readonly<EndpointSlice>): void {
    this.#forService(service).set(slice.metadata.name ?? '', { kind: 'created' });
  }

  /** `before` is the version our update replaced. */
  updated(service: string, before: Readonly<EndpointSlice>): void {
    const rv = before.metadata.resourceVersion;
    if (rv) this.#forService(service).set(before.metadata.name ?? '', { kind: 'replaced', rv });
  }

  deleted(service: string, slice: Readonly<EndpointSlice>): void {
    this.#forService(service).set(slice.metadata.name ?? '', { kind: 'deleted', rv: slice.metadata.resourceVersion ?? '' });
  }

  /**
   * Records what an informer event showed (from the slice event handlers), so an expectation whose evidence came and
   * went between two syncs (a created slice deleted at once) cannot stay unmet forever.
   */
  observe(service: string, slice: Readonly<EndpointSlice>, gone: boolean): void {
    const m = this.#expect.get(service);
    const name = slice.metadata.name ?? '';
    const e = m?.get(name);
    if (!m || !e) return;
    if (gone || e.kind === 'created' || slice.metadata.resourceVersion !== e.rv) m.delete(name);
    if (m.size === 0) this.#expect.delete(service);
  }

  stale(service: string, cached: readonly Readonly<EndpointSlice>[]): boolean {
    const m = this.#expect.get(service);
    if (!m) return false;
    const byName = new Map(cached.map((s) => [s.metadata.name ?? '', s]));
    let stale = false;
    for (const [name, e] of m) {
      const s = byName.get(name);
      const met = e.kind === 'created' ? s !== undefined : s === undefined || s.metadata.resourceVersion !== e.rv;
      if (met) m.delete(name);
      else stale = true;
    }
    if (m.size === 0) this.#expect.delete(service);
    return stale;
  }

  deleteService(service: string): void {
    this.#expect.delete(service);
  }
}
