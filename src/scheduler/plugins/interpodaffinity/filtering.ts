/**
 * InterPodAffinity PreFilter/Filter (interpodaffinity/filtering.go). PreFilter counts, per topology pair:
 * existing pods whose required anti-affinity matches the incoming pod, and existing pods matching the incoming pod's
 * required affinity / anti-affinity terms. Filter then checks a node's labels against those counts.
 */
import type { StateData } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { termMatches, type NamespaceLabels, type PodInfo } from '../../framework/pod-info.js';
import { TopologyCounts } from './topology-counts.js';

export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

export class PreFilterState implements StateData {
  /** Existing pods whose required anti-affinity matches the incoming pod, per topology pair. */
  readonly existingAntiAffinity: TopologyCounts;
  /** Existing pods matching all of the incoming pod's required affinity terms, per topology pair. */
  readonly affinity: TopologyCounts;
  /** Existing pods matching the incoming pod's required anti-affinity terms, per topology pair. */
  readonly antiAffinity: TopologyCounts;
  readonly podInfo: PodInfo;
  readonly nsLabels?: NamespaceLabels;

  constructor(f: { existingAntiAffinity: TopologyCounts; affinity: TopologyCounts; antiAffinity: TopologyCounts; podInfo: PodInfo; nsLabels?: NamespaceLabels }) {
    this.existingAntiAffinity = f.existingAntiAffinity;
    this.affinity = f.affinity;
    this.antiAffinity = f.antiAffinity;
    this.podInfo = f.podInfo;
    this.nsLabels = f.nsLabels;
  }

  clone(): StateData {
    return new PreFilterState({
      existingAntiAffinity: this.existingAntiAffinity.clone(),
      affinity: this.affinity.clone(),
      antiAffinity: this.antiAffinity.clone(),
      podInfo: this.podInfo,
      nsLabels: this.nsLabels,
    });
  }

  /** updateWithPod: `updated` added to (+1) or removed from (-1) `node`. */
  updateWithPod(updated: PodInfo, change: { node: NodeInfo; delta: number }): void {
    const { node, delta } = change;
    const n = node.node;
    if (!n) return;
    this.existingAntiAffinity.addAntiAffinityTerms(updated.requiredAntiAffinityTerms, { pod: this.podInfo.pod, node: n, nsLabels: this.nsLabels, delta });
    this.affinity.addAffinityTerms(this.podInfo.requiredAffinityTerms, { pod: updated.pod, node: n, nsLabels: this.nsLabels, delta });
    this.antiAffinity.addAntiAffinityTerms(this.podInfo.requiredAntiAffinityTerms, { pod: updated.pod, node: n, nsLabels: this.nsLabels, delta });
  }
}

export function computePreFilterState(
  pod: PodInfo,
  nodes: { all: readonly NodeInfo[]; withRequiredAntiAffinity: readonly NodeInfo[]; nsLabels?: NamespaceLabels },
): PreFilterState {
  const existing = new TopologyCounts();
  for (const ni of nodes.withRequiredAntiAffinity) {
    const n = ni.node;
    if (!n) continue;
    for (const p of ni.podsWithRequiredAntiAffinity) existing.addAntiAffinityTerms(p.requiredAntiAffinityTerms, { pod: pod.pod, node: n, nsLabels: nodes.nsLabels, delta: 1 });
  }
  const affinity = new TopologyCounts();
  const anti = new TopologyCounts();
  if (pod.requiredAffinityTerms.length > 0 || pod.requiredAntiAffinityTerms.length > 0) {
    for (const ni of nodes.all) {
      const n = ni.node;
      if (!n) continue;
      for (const p of ni.pods) {
        affinity.addAffinityTerms(pod.requiredAffinityTerms, { pod: p.pod, node: n, nsLabels: nodes.nsLabels, delta: 1 });
        anti.addAntiAffinityTerms(pod.requiredAntiAffinityTerms, { pod: p.pod, node: n, nsLabels: nodes.nsLabels, delta: 1 });
      }
    }
  }
  return new PreFilterState({ existingAntiAffinity: existing, affinity, antiAffinity: anti, podInfo: pod, nsLabels: nodes.nsLabels });
}

/** The node has every affinity topology key, and matching pods exist in each domain (or the pod is the first of its kind). */
export function satisfyPodAffinity(s: PreFilterState, node: NodeInfo): boolean {
  const labels = node.labels;
  let podsExist = true;
  for (const t of s.podInfo.requiredAffinityTerms) {
    if (!Object.hasOwn(labels, t.topologyKey)) return false;
    if (s.affinity.get(t.topologyKey, labels[t.topologyKey]!) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself: allowed when no pod matches yet and the pod matches its own terms.
  if (!s.affinity.isEmpty) return false;
  for (const t of s.podInfo.requiredAffinityTerms) if (!termMatches(t, { pod: s.podInfo.pod, nsLabels: s.nsLabels })) return false;
  return s.podInfo.requiredAffinityTerms.length > 0;
}

export function satisfyPodAntiAffinity(s: PreFilterState, node: NodeInfo): boolean {
  const labels = node.labels;
  for (const t of s.podInfo.requiredAntiAffinityTerms) {
    if (Object.hasOwn(labels, t.topologyKey) && s.antiAffinity.get(t.topologyKey, labels[t.topologyKey]!) > 0) return false;
  }
  return true;
}

export function satisfyExistingPodsAntiAffinity(s: PreFilterState, node: NodeInfo): boolean {
  return s.existingAntiAffinity.isEmpty || !s.existingAntiAffinity.anyPositiveFor(node.labels);
}
