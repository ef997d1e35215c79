/** topologyToMatchedTermCount: (topology key, value) → count, without zero entries. */
import type { Node } from '../../../api/index.js';
import { termMatches, type AffinityTerm, type NamespaceLabels } from '../../framework/pod-info.js';
import type { Pod } from '../../../api/index.js';

export class TopologyCounts {
  private readonly byKey = new Map<string, Map<string, number>>();

  get(key: string, value: string): number {
    return this.byKey.get(key)?.get(value) ?? 0;
  }

  /** Adds `delta` to the count of (key, value); a count reaching 0 is removed. */
  add(pair: { key: string; value: string }, delta: number): void {
    const { key, value } = pair;
    let m = this.byKey.get(key);
    if (!m) this.byKey.set(key, (m = new Map()));
    const n = (m.get(value) ?? 0) + delta;
    if (n === 0) {
      m.delete(value);
      if (m.size === 0) this.byKey.delete(key);
    } else {
      m.set(value, n);
    }
  }

  get isEmpty(): boolean {
    return this.byKey.size === 0;
  }

  /** True when any (key, value) of the node's labels has a positive count. */
  anyPositiveFor(labels: Readonly<Record<string, string>>): boolean {
    for (const [k, m] of this.byKey) {
      if (!Object.hasOwn(labels, k)) continue;
      if ((m.get(labels[k]!) ?? 0) > 0) return true;
    }
    return false;
  }

  clone(): TopologyCounts {
    const c = new TopologyCounts();
    for (const [k, m] of this.byKey) c.byKey.set(k, new Map(m));
    return c;
  }

  /** updateWithAffinityTerms: when `pod` matches ALL `terms`, count each term's topology pair on `node`. */
  addAffinityTerms(terms: readonly AffinityTerm[], target: { pod: Pod; node: Node; nsLabels?: NamespaceLabels; delta: number }): void {
    if (terms.length === 0) return;
    for (const t of terms) if (!termMatches(t, target)) return;
    const labels = target.node.metadata.labels ?? {};
    for (const t of terms) if (Object.hasOwn(labels, t.topologyKey)) this.add({ key: t.topologyKey, value: labels[t.topologyKey]! }, target.delta);
  }

  /** updateWithAntiAffinityTerms: count each term `pod` matches, at the term's topology pair on `node`. */
  addAntiAffinityTerms(terms: readonly AffinityTerm[], target: { pod: Pod; node: Node; nsLabels?: NamespaceLabels; delta: number }): void {
    const labels = target.node.metadata.labels ?? {};
    for (const t of terms) {
      if (!termMatches(t, target)) continue;
      if (Object.hasOwn(labels, t.topologyKey)) this.add({ key: t.topologyKey, value: labels[t.topologyKey]! }, target.delta);
    }
  }
}
