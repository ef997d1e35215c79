/**
 * ClusterRole aggregation, as Kubernetes' clusterrole-aggregation controller computes it
 * (pkg/controller/clusterroleaggregation): a ClusterRole with `aggregationRule.clusterRoleSelectors` gets, as its
 * rules, the rules of every other ClusterRole matching any selector — selectors in order, matching roles by name,
 * duplicates (deep-equal rules) dropped.
 *
 * Guarantees:
 * - Pure and deterministic; the input is never modified.
 * - Aggregates of aggregates resolve (admin ← edit ← view): the computation is repeated until nothing changes, as the
 *   controller's repeated syncs would converge; a selector cycle stops after a bounded number of rounds.
 * - An invalid selector selects nothing (validation refuses such roles before they are stored).
 */
import type { ClusterRole, PolicyRule } from '../../api/index.js';
import { type Selector, nothing, selectorFromLabelSelector, SelectorError } from '../../machinery/index.js';
import { list } from './rule-match.js';

export interface AggregationUpdate {
  name: string;
  /** The rules the role must hold; write them with an update (the controller's job). */
  rules: PolicyRule[];
}

export function isAggregated(role: Readonly<ClusterRole>): boolean {
  const sels = role.aggregationRule?.clusterRoleSelectors;
  return Array.isArray(sels) && sels.length > 0;
}

function selectorOf(raw: unknown): Selector {
  try {
    return selectorFromLabelSelector(raw as Parameters<typeof selectorFromLabelSelector>[0]);
  } catch (err) {
    if (err instanceof SelectorError) return nothing();
    throw err;
  }
}

/** A rule's identity for de-duplication: field order fixed, absent lists equal to empty ones, list order kept. */
function ruleKey(r: Readonly<PolicyRule>): string {
  return JSON.stringify([list(r.verbs), list(r.apiGroups), list(r.resources), list(r.resourceNames), list(r.nonResourceURLs)]);
}

const rulesKey = (rules: readonly Readonly<PolicyRule>[] | undefined): string => JSON.stringify((rules ?? []).map(ruleKey));

/** Every aggregated ClusterRole's rules once aggregation has converged, keyed by role name. */
export function aggregatedRules(roles: readonly Readonly<ClusterRole>[]): Map<string, PolicyRule[]> {
  const byName = [...roles].filter((r) => typeof r.metadata?.name === 'string').sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0));
  const current = new Map<string, readonly Readonly<PolicyRule>[]>(byName.map((r) => [r.metadata.name!, Array.isArray(r.rules) ? r.rules : []]));
  const aggregated = byName.filter(isAggregated).map((r) => ({ name: r.metadata.name!, selectors: r.aggregationRule!.clusterRoleSelectors!.map(selectorOf) }));
  const result = new Map<string, PolicyRule[]>();
  const rounds = aggregated.length + 1;
  for (let round = 0; round < rounds; round++) {
    let changed = false;
    for (const agg of aggregated) {
      const next: PolicyRule[] = [];
      const seen = new Set<string>();
      for (const sel of agg.selectors) {
        for (const other of byName) {
          const name = other.metadata.name!;
          if (name === agg.name || !sel.matches(other.metadata.labels ?? {})) continue;
          for (const rule of current.get(name) ?? []) {
            const k = ruleKey(rule);
            if (seen.has(k)) continue;
            seen.add(k);
            next.push(rule as PolicyRule);
          }
        }
      }
      if (rulesKey(next) !== rulesKey(current.get(agg.name))) changed = true;
      current.set(agg.name, next);
      result.set(agg.name, next);
    }
    if (!changed) break;
  }
  return result;
}

/**
 * What the clusterrole-aggregation controller would write: for each aggregated ClusterRole whose stored rules differ
 * from its aggregate, the rules to store. Run it whenever a ClusterRole changes; an empty answer means converged.
 */
export function aggregateClusterRoles(roles: readonly Readonly<ClusterRole>[]): AggregationUpdate[] {
  const want = aggregatedRules(roles);
  const updates: AggregationUpdate[] = [];
  for (const role of roles) {
    const name = role.metadata?.name;
    if (!name || !want.has(name)) continue;
    const rules = want.get(name)!;
    if (rulesKey(rules) !== rulesKey(role.rules)) updates.push({ name, rules: rules.map((r) => structuredClone(r)) });
  }
  return updates.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
