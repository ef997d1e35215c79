/**
 * PodTopologySpread's PreFilter/Filter state (podtopologyspread/filtering.go): per hard constraint, the number of
 * matching pods in each topology domain and the two smallest counts ("critical paths"), so Filter is O(constraints)
 * per node and AddPod/RemovePod (preemption, nominated pods) are O(1) updates.
 */
import type { Node } from '../../../api/index.js';
import { RequiredNodeAffinity } from '../../framework/helpers/node-affinity.js';
import type { StateData } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { countPodsMatchSelector, matchNodeInclusionPolicies, nodeLabelsMatchSpreadConstraints, type SpreadConstraint } from './common.js';

export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + ' (missing required label)';

const MAX_INT32 = 2 ** 31 - 1;

/** The two domains with the fewest matching pods; [0] always holds the minimum. */
export class CriticalPaths {
  v0 = '';
  n0 = MAX_INT32;
  v1 = '';
  n1 = MAX_INT32;

  update(value: string, num: number): void {
    if (value === this.v0 || value === this.v1) {
      if (value === this.v0) this.n0 = num;
      else this.n1 = num;
      if (this.n0 > this.n1) {
        [this.v0, this.n0, this.v1, this.n1] = [this.v1, this.n1, this.v0, this.n0];
      }
    } else if (num < this.n0) {
      this.v1 = this.v0;
      this.n1 = this.n0;
      this.v0 = value;
      this.n0 = num;
    } else if (num < this.n1) {
      this.v1 = value;
      this.n1 = num;
    }
  }

  clone(): CriticalPaths {
    const c = new CriticalPaths();
    c.v0 = this.v0;
    c.n0 = this.n0;
    c.v1 = this.v1;
    c.n1 = this.n1;
    return c;
  }
}

export interface PreFilterStateFields {
  readonly constraints: readonly SpreadConstraint[];
  readonly criticalPaths: CriticalPaths[];
  /** Per constraint: topology value → matching pods in that domain. */
  readonly tpValueToMatchNum: Map<string, number>[];
  /** Per constraint: number of eligible domains (fixed for the cycle). */
  readonly domainsNum: readonly number[];
  readonly required: RequiredNodeAffinity;
}

export class PreFilterState implements StateData {
  readonly constraints: readonly SpreadConstraint[];
  readonly criticalPaths: CriticalPaths[];
  readonly tpValueToMatchNum: Map<string, number>[];
  readonly domainsNum: readonly number[];
  readonly required: RequiredNodeAffinity;

  constructor(f: PreFilterStateFields) {
    this.constraints = f.constraints;
    this.criticalPaths = f.criticalPaths;
    this.tpValueToMatchNum = f.tpValueToMatchNum;
    this.domainsNum = f.domainsNum;
    this.required = f.required;
  }

  /** The global minimum for skew, treated as 0 when fewer than minDomains domains exist. */
  minMatchNum(i: number): number {
    const c = this.constraints[i]!;
    if (this.domainsNum[i]! < c.minDomains) return 0;
    return this.criticalPaths[i]!.n0;
  }

  clone(): StateData {
    return new PreFilterState({
      constraints: this.constraints,
      criticalPaths: this.criticalPaths.map((p) => p.clone()),
      tpValueToMatchNum: this.tpValueToMatchNum.map((m) => new Map(m)),
      domainsNum: this.domainsNum,
      required: this.required,
    });
  }

  /** updateWithPod: `delta` = +1 when `updated` is added to `node`, -1 when removed. */
  updateWithPod(updated: PodInfo, change: { preemptor: PodInfo; node: Node | undefined; delta: number }): void {
    const { preemptor, node, delta } = change;
    if (!node || updated.namespace !== preemptor.namespace) return;
    const labels = node.metadata.labels ?? {};
    if (!nodeLabelsMatchSpreadConstraints(labels, this.constraints)) return;
    this.constraints.forEach((c, i) => {
      if (!c.selector.matches(updated.pod.metadata.labels)) return;
      if (!matchNodeInclusionPolicies(c, { pod: preemptor.pod, node, required: this.required })) return;
      const v = labels[c.topologyKey]!;
      const m = this.tpValueToMatchNum[i]!;
      const n = (m.get(v) ?? 0) + delta;
      m.set(v, n);
      this.criticalPaths[i]!.update(v, n);
    });
  }
}

/** calPreFilterState: counts matching pods per domain over every node that is eligible for each constraint. */
export function computePreFilterState(pod: PodInfo, opts: { constraints: readonly SpreadConstraint[]; allNodes: readonly NodeInfo[] }): PreFilterState {
  const { constraints, allNodes } = opts;
  const required = new RequiredNodeAffinity(pod.pod);
  const maps = constraints.map(() => new Map<string, number>());
  for (const ni of allNodes) {
    const node = ni.node;
    if (!node) continue;
    const labels = node.metadata.labels ?? {};
    if (!nodeLabelsMatchSpreadConstraints(labels, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i]!;
      if (!matchNodeInclusionPolicies(c, { pod: pod.pod, node, required })) continue;
      const v = labels[c.topologyKey]!;
      const m = maps[i]!;
      m.set(v, (m.get(v) ?? 0) + countPodsMatchSelector(ni.pods, { selector: c.selector, namespace: pod.namespace }));
    }
  }
  const paths = constraints.map(() => new CriticalPaths());
  maps.forEach((m, i) => {
    for (const [v, n] of m) paths[i]!.update(v, n);
  });
  return new PreFilterState({ constraints, criticalPaths: paths, tpValueToMatchNum: maps, domainsNum: maps.map((m) => m.size), required });
}

/** Filter: for every constraint, matching pods in the node's domain + self-match - global minimum ≤ maxSkew. */
export function filterNode(s: PreFilterState, target: { pod: PodInfo; node: NodeInfo }): 'ok' | 'missing-label' | 'skew' {
  const { pod, node } = target;
  const labels = node.labels;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]!;
    if (!Object.hasOwn(labels, c.topologyKey)) return 'missing-label';
    const v = labels[c.topologyKey]!;
    const self = c.selector.matches(pod.pod.metadata.labels) ? 1 : 0;
    const matchNum = s.tpValueToMatchNum[i]!.get(v) ?? 0;
    if (matchNum + self - s.minMatchNum(i) > c.maxSkew) return 'skew';
  }
  return 'ok';
}
