/**
 * InterPodAffinity scoring (interpodaffinity/scoring.go): every (existing pod, term) pair that matches adds the term's
 * weight (negative for anti-affinity) to the existing pod's topology domain; a node's raw score is the sum over its
 * domains, normalized linearly between the lowest and highest raw score.
 */
import type { Node, Pod } from '../../../api/index.js';
import { MAX_NODE_SCORE, type NodeScoreList, type StateData } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { termMatches, type AffinityTerm, type NamespaceLabels, type PodInfo } from '../../framework/pod-info.js';

export class PreScoreState implements StateData {
  constructor(readonly topologyScore: ReadonlyMap<string, ReadonlyMap<string, number>>) {}
  clone(): StateData {
    return this;
  }
}

type ScoreMap = Map<string, Map<string, number>>;

function processTerm(m: ScoreMap, target: { term: AffinityTerm; weight: number; pod: Pod; node: Node; nsLabels?: NamespaceLabels }): void {
  const { term, weight } = target;
  const labels = target.node.metadata.labels;
  if (!labels || !Object.hasOwn(labels, term.topologyKey)) return;
  if (!termMatches(term, target)) return;
  const v = labels[term.topologyKey]!;
  let byValue = m.get(term.topologyKey);
  if (!byValue) m.set(term.topologyKey, (byValue = new Map()));
  byValue.set(v, (byValue.get(v) ?? 0) + weight);
}

function processExistingPod(
  m: ScoreMap,
  incoming: PodInfo,
  existing: PodInfo,
  opts: { node: Node; hardPodAffinityWeight: number; nsLabels?: NamespaceLabels },
): void {
  const node = opts.node;
  if (!node.metadata.labels || Object.keys(node.metadata.labels).length === 0) return;
  // The incoming pod's preferred terms, matched against the existing pod.
  for (const t of incoming.preferredAffinityTerms) processTerm(m, { term: t, weight: t.weight, pod: existing.pod, node, nsLabels: opts.nsLabels });
  for (const t of incoming.preferredAntiAffinityTerms) processTerm(m, { term: t, weight: -t.weight, pod: existing.pod, node, nsLabels: opts.nsLabels });
  // The existing pod's terms, matched against the incoming pod.
  if (opts.hardPodAffinityWeight > 0) {
    for (const t of existing.requiredAffinityTerms) processTerm(m, { term: t, weight: opts.hardPodAffinityWeight, pod: incoming.pod, node, nsLabels: opts.nsLabels });
  }
  for (const t of existing.preferredAffinityTerms) processTerm(m, { term: t, weight: t.weight, pod: incoming.pod, node, nsLabels: opts.nsLabels });
  for (const t of existing.preferredAntiAffinityTerms) processTerm(m, { term: t, weight: -t.weight, pod: incoming.pod, node, nsLabels: opts.nsLabels });
}

/** PreScore body; undefined when no topology got a score (the plugin then skips). */
export function computePreScoreState(
  pod: PodInfo,
  nodes: { all: readonly NodeInfo[]; withAffinity: readonly NodeInfo[]; hardPodAffinityWeight: number; nsLabels?: NamespaceLabels },
): PreScoreState | undefined {
  const hasConstraints = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
  const m: ScoreMap = new Map();
  for (const ni of hasConstraints ? nodes.all : nodes.withAffinity) {
    const node = ni.node;
    if (!node) continue;
    for (const existing of hasConstraints ? ni.pods : ni.podsWithAffinity) {
      processExistingPod(m, pod, existing, { node, hardPodAffinityWeight: nodes.hardPodAffinityWeight, nsLabels: nodes.nsLabels });
    }
  }
  if (m.size === 0) return undefined;
  return new PreScoreState(m);
}

export function scoreNode(s: PreScoreState, node: NodeInfo): number {
  const labels = node.labels;
  let score = 0;
  for (const [k, byValue] of s.topologyScore) {
    if (Object.hasOwn(labels, k)) score += byValue.get(labels[k]!) ?? 0;
  }
  return score;
}

/** NormalizeScore: MAX * (score - min) / (max - min); all equal → 0. */
export function normalize(list: NodeScoreList): void {
  const scores = list.scores;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of scores) {
    if (v > max) max = v;
    if (v < min) min = v;
  }
  const diff = max - min;
  for (let i = 0; i < scores.length; i++) {
    scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i]! - min) / diff)) : 0;
  }
}
