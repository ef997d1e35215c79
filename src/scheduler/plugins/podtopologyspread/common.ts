/** Constraint parsing and the helpers the PodTopologySpread filter and scorer share (podtopologyspread/common.go). */
import { selectorFromLabelSelector, type Selector } from '../../../machinery/index.js';
import type { Node, Pod, TopologySpreadConstraint } from '../../../api/index.js';
import type { RequiredNodeAffinity } from '../../framework/helpers/node-affinity.js';
import { doNotScheduleTaint, findMatchingUntoleratedTaint } from '../../framework/helpers/taints.js';
import type { PodInfo } from '../../framework/pod-info.js';

export const LabelHostname = 'kubernetes.io/hostname';
export const LabelTopologyZone = 'topology.kubernetes.io/zone';

/** A parsed constraint. */
export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: Selector;
  readonly minDomains: number;
  readonly nodeAffinityPolicy: 'Honor' | 'Ignore';
  readonly nodeTaintsPolicy: 'Honor' | 'Ignore';
}

/** The constraints Kubernetes applies when a profile uses `defaultingType: System`. */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: LabelHostname, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LabelTopologyZone, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

/** filterTopologySpreadConstraints: the pod's constraints with `action`, selectors compiled (matchLabelKeys folded in). */
export function parseConstraints(
  constraints: readonly TopologySpreadConstraint[],
  opts: { podLabels: Readonly<Record<string, string>>; action: 'DoNotSchedule' | 'ScheduleAnyway' },
): SpreadConstraint[] {
  const { podLabels, action } = opts;
  const out: SpreadConstraint[] = [];
  for (const c of constraints) {
    if (c.whenUnsatisfiable !== action) continue;
    let ls = c.labelSelector;
    const extra = (c.matchLabelKeys ?? []).filter((k) => Object.hasOwn(podLabels, k)).map((k) => ({ key: k, operator: 'In', values: [podLabels[k]!] }));
    if (extra.length > 0 && ls) ls = { matchLabels: ls.matchLabels, matchExpressions: [...(ls.matchExpressions ?? []), ...extra] } as typeof ls;
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector: selectorFromLabelSelector(ls),
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
    });
  }
  return out;
}

/** matchNodeInclusionPolicies: whether `node` counts as a domain member for this constraint. */
export function matchNodeInclusionPolicies(c: SpreadConstraint, target: { pod: Pod; node: Node; required: RequiredNodeAffinity }): boolean {
  const { pod, node, required } = target;
  if (c.nodeAffinityPolicy === 'Honor' && !required.match(node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findMatchingUntoleratedTaint(node.spec?.taints ?? [], { tolerations: pod.spec?.tolerations, filter: doNotScheduleTaint })) return false;
  return true;
}

/** True when the node has every constraint's topology key. */
export function nodeLabelsMatchSpreadConstraints(labels: Readonly<Record<string, string>>, constraints: readonly SpreadConstraint[]): boolean {
  for (const c of constraints) if (!Object.hasOwn(labels, c.topologyKey)) return false;
  return true;
}

/** countPodsMatchSelector: pods in `ns`, not terminating, matching `selector` (an empty selector counts nothing). */
export function countPodsMatchSelector(pods: readonly PodInfo[], opts: { selector: Selector; namespace: string }): number {
  const { selector, namespace: ns } = opts;
  if (selector.empty()) return 0;
  let n = 0;
  for (const p of pods) {
    const m = p.pod.metadata;
    if (m.deletionTimestamp || (m.namespace ?? '') !== ns) continue;
    if (selector.matches(m.labels)) n++;
  }
  return n;
}
