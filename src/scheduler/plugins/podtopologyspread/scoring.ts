/**
 * PodTopologySpread scoring (podtopologyspread/scoring.go) for ScheduleAnyway constraints: a node's raw score is the
 * weighted count of matching pods in its domains (weight = ln(domains + 2), plus maxSkew - 1); normalization flips it
 * so emptier domains score higher.
 */
import { RequiredNodeAffinity } from '../../framework/helpers/node-affinity.js';
import { MAX_NODE_SCORE, type NodeScoreList, type StateData } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { countPodsMatchSelector, LabelHostname, matchNodeInclusionPolicies, nodeLabelsMatchSpreadConstraints, type SpreadConstraint } from './common.js';

export class PreScoreState implements StateData {
  readonly constraints: readonly SpreadConstraint[];
  /** Nodes lacking a required topology key: they score 0. */
  readonly ignoredNodes: ReadonlySet<string>;
  /** Per constraint (non-hostname): topology value → matching pods. */
  readonly topologyValueToPodCounts: readonly Map<string, number>[];
  readonly topologyNormalizingWeight: readonly number[];

  constructor(f: {
    constraints: readonly SpreadConstraint[];
    ignoredNodes: ReadonlySet<string>;
    topologyValueToPodCounts: readonly Map<string, number>[];
    topologyNormalizingWeight: readonly number[];
  }) {
    this.constraints = f.constraints;
    this.ignoredNodes = f.ignoredNodes;
    this.topologyValueToPodCounts = f.topologyValueToPodCounts;
    this.topologyNormalizingWeight = f.topologyNormalizingWeight;
  }

  clone(): StateData {
    return this;
  }
}

/** topologyNormalizingWeight: ln(size + 2), so small topologies aren't watered down by big ones. */
export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

/** PreScore body; undefined when there is nothing to score. */
export function computePreScoreState(
  pod: PodInfo,
  constraints: readonly SpreadConstraint[],
  nodes: { filtered: readonly NodeInfo[]; all: readonly NodeInfo[]; requireAllTopologies: boolean },
): PreScoreState {
  const ignored = new Set<string>();
  const counts = constraints.map(() => new Map<string, number>());
  const topoSize = constraints.map(() => 0);
  for (const ni of nodes.filtered) {
    const labels = ni.labels;
    if (nodes.requireAllTopologies && !nodeLabelsMatchSpreadConstraints(labels, constraints)) {
      ignored.add(ni.name);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey === LabelHostname) return;
      const v = labels[c.topologyKey] ?? '';
      if (!counts[i]!.has(v)) {
        counts[i]!.set(v, 0);
        topoSize[i]!++;
      }
    });
  }
  const weights = constraints.map((c, i) =>
    topologyNormalizingWeight(c.topologyKey === LabelHostname ? nodes.filtered.length - ignored.size : topoSize[i]!),
  );
  const required = new RequiredNodeAffinity(pod.pod);
  for (const ni of nodes.all) {
    const node = ni.node;
    if (!node) continue;
    const labels = ni.labels;
    if (nodes.requireAllTopologies && !nodeLabelsMatchSpreadConstraints(labels, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!matchNodeInclusionPolicies(c, { pod: pod.pod, node, required })) return;
      const v = labels[c.topologyKey] ?? '';
      const cur = counts[i]!.get(v);
      if (cur === undefined) return;
      counts[i]!.set(v, cur + countPodsMatchSelector(ni.pods, { selector: c.selector, namespace: pod.namespace }));
    });
  }
  return new PreScoreState({ constraints, ignoredNodes: ignored, topologyValueToPodCounts: counts, topologyNormalizingWeight: weights });
}

export function scoreNode(s: PreScoreState, target: { pod: PodInfo; node: NodeInfo }): number {
  const { pod, node } = target;
  if (s.ignoredNodes.has(node.name)) return 0;
  const labels = node.labels;
  let score = 0;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]!;
    if (!Object.hasOwn(labels, c.topologyKey)) continue;
    const cnt =
      c.topologyKey === LabelHostname
        ? countPodsMatchSelector(node.pods, { selector: c.selector, namespace: pod.namespace })
        : (s.topologyValueToPodCounts[i]!.get(labels[c.topologyKey]!) ?? 0);
    score += cnt * s.topologyNormalizingWeight[i]! + (c.maxSkew - 1);
  }
  return Math.round(score);
}

/** NormalizeScore: MAX * (max + min - score) / max; ignored nodes get 0; all-zero scores become MAX. */
export function normalize(s: PreScoreState, list: NodeScoreList): void {
  const { nodes, scores } = list;
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (let i = 0; i < scores.length; i++) {
    if (s.ignoredNodes.has(nodes[i]!.name)) continue;
    const v = scores[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  for (let i = 0; i < scores.length; i++) {
    if (s.ignoredNodes.has(nodes[i]!.name)) {
      scores[i] = 0;
      continue;
    }
    if (max === 0) {
      scores[i] = MAX_NODE_SCORE;
      continue;
    }
    scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i]!)) / max);
  }
}
