/**
 * The pod nominator (internal/queue nominator): pods that preemption nominated to a node, so later cycles account for
 * the space they are about to take. A pod is nominated to at most one node.
 */
import type { PodNominator } from '../framework/interface.js';
import type { PodInfo } from '../framework/pod-info.js';

export class Nominator implements PodNominator {
  private readonly byNode = new Map<string, PodInfo[]>();
  private readonly nodeOf = new Map<string, string>();

  /**
   * AddNominatedPod: `nodeName` overrides the pod's status.nominatedNodeName when given; an empty result removes the
   * nomination. Pods already assigned to a node are never nominated.
   */
  add(pi: PodInfo, nodeName?: string): void {
    this.delete(pi.key);
    const target = nodeName ?? pi.pod.status?.nominatedNodeName ?? '';
    if (!target || pi.nodeName) return;
    this.nodeOf.set(pi.key, target);
    let list = this.byNode.get(target);
    if (!list) this.byNode.set(target, (list = []));
    list.push(pi);
  }

  delete(key: string): void {
    const node = this.nodeOf.get(key);
    if (node === undefined) return;
    this.nodeOf.delete(key);
    const list = this.byNode.get(node);
    if (!list) return;
    const i = list.findIndex((p) => p.key === key);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.byNode.delete(node);
  }

  /** UpdateNominatedPod: keeps the nomination unless the new pod carries a different one. */
  update(oldKey: string, pi: PodInfo): void {
    const prev = this.nodeOf.get(oldKey);
    const next = pi.pod.status?.nominatedNodeName || prev;
    this.delete(oldKey);
    if (next) this.add(pi, next);
  }

  nominatedNodeOf(key: string): string | undefined {
    return this.nodeOf.get(key);
  }

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    if (this.byNode.size === 0) return EMPTY;
    return this.byNode.get(nodeName) ?? EMPTY;
  }
}

const EMPTY: readonly PodInfo[] = Object.freeze([]);
