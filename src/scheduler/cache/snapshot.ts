/**
 * Snapshot (internal/cache/snapshot.go): the immutable-for-one-cycle view of nodes a scheduling cycle reads. The
 * cache refreshes it incrementally before each cycle; NodeInfos in a snapshot are clones the cache never mutates.
 */
import type { Node, Pod } from '../../api/index.js';
import type { SharedLister } from '../framework/interface.js';
import { NodeInfo } from '../framework/node-info.js';
import { PodInfo } from '../framework/pod-info.js';

export const LabelTopologyZone = 'topology.kubernetes.io/zone';
export const LabelTopologyRegion = 'topology.kubernetes.io/region';

export class Snapshot implements SharedLister {
  nodeInfoMap = new Map<string, NodeInfo>();
  nodeInfoList: NodeInfo[] = [];
  /** Position of each node in nodeInfoList. */
  indexOf = new Map<string, number>();
  podsWithAffinityList: NodeInfo[] = [];
  podsWithRequiredAntiAffinityList: NodeInfo[] = [];
  imageNodes = new Map<string, number>();

  list(): readonly NodeInfo[] {
    return this.nodeInfoList;
  }

  get(name: string): NodeInfo | undefined {
    return this.nodeInfoMap.get(name);
  }

  havePodsWithAffinityList(): readonly NodeInfo[] {
    return this.podsWithAffinityList;
  }

  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[] {
    return this.podsWithRequiredAntiAffinityList;
  }

  imageNumNodes(image: string): number {
    return this.imageNodes.get(image) ?? 0;
  }

  numNodes(): number {
    return this.nodeInfoList.length;
  }

  /** Rebuilds the node list in zone round-robin order (nodeTree), so evaluating a prefix of it spans zones. */
  rebuildList(): void {
    const byZone = new Map<string, NodeInfo[]>();
    for (const ni of this.nodeInfoMap.values()) {
      const labels = ni.labels;
      const zone = `${labels[LabelTopologyRegion] ?? ''}:\u0000:${labels[LabelTopologyZone] ?? ''}`;
      let list = byZone.get(zone);
      if (!list) byZone.set(zone, (list = []));
      list.push(ni);
    }
    const zones = [...byZone.values()];
    const out: NodeInfo[] = [];
    for (let i = 0; out.length < this.nodeInfoMap.size; i++) {
      for (const z of zones) if (i < z.length) out.push(z[i]!);
    }
    this.nodeInfoList = out;
    this.indexOf = new Map(out.map((ni, i) => [ni.name, i]));
  }

  rebuildAffinityLists(): void {
    this.podsWithAffinityList = this.nodeInfoList.filter((n) => n.podsWithAffinity.length > 0);
    this.podsWithRequiredAntiAffinityList = this.nodeInfoList.filter((n) => n.podsWithRequiredAntiAffinity.length > 0);
  }

  /** NewSnapshot: a standalone snapshot of `nodes` with `pods` placed by spec.nodeName (for tests and tools). */
  static of(nodes: readonly Node[], pods: readonly Pod[] = []): Snapshot {
    const s = new Snapshot();
    for (const n of nodes) s.nodeInfoMap.set(n.metadata.name ?? '', new NodeInfo(n));
    for (const p of pods) s.nodeInfoMap.get(p.spec?.nodeName ?? '')?.addPod(PodInfo.of(p));
    for (const ni of s.nodeInfoMap.values()) {
      for (const img of ni.imageSizes.keys()) s.imageNodes.set(img, (s.imageNodes.get(img) ?? 0) + 1);
    }
    s.rebuildList();
    s.rebuildAffinityLists();
    return s;
  }
}
