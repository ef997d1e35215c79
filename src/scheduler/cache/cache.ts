/**
 * The scheduler cache (internal/cache/cache.go): nodes and the pods on them, including pods the scheduler has
 * assumed onto a node before the binding is confirmed, so they count against capacity immediately.
 *
 * Pod lifecycle in the cache:
 *   assumePod → finishBinding → (addPod from the informer: confirmed)  |  (TTL passes without addPod: expired)
 *   assumePod → forgetPod  (binding failed)
 *   addPod → updatePod* → removePod  (pods bound by others or confirmed)
 * Guarantees: each pod counts on at most one node; `updateSnapshot` copies only nodes changed since the last call.
 */
import type { Clock, Timer } from '../../machinery/index.js';
import type { Node } from '../../api/index.js';
import { NodeInfo } from '../framework/node-info.js';
import { podName, type PodInfo } from '../framework/pod-info.js';
import { LabelTopologyRegion, LabelTopologyZone, type Snapshot } from './snapshot.js';

function sameKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const k of a.keys()) if (!b.has(k)) return false;
  return true;
}

function zoneOf(n: Node): string {
  const l = n.metadata.labels ?? {};
  return `${l[LabelTopologyRegion] ?? ''}/${l[LabelTopologyZone] ?? ''}`;
}

export type CacheErrorReason = 'AlreadyInCache' | 'NotAssumed' | 'NotFound' | 'NodeMismatch';

/** A cache operation was inconsistent with the cache's state (a scheduler bug or an out-of-order event). */
export class CacheError extends Error {
  override readonly name = 'CacheError';
  constructor(
    readonly reason: CacheErrorReason,
    message: string,
  ) {
    super(message);
  }
}

interface PodState {
  pod: PodInfo;
  bindingFinished: boolean;
  /** When an assumed pod expires (after finishBinding); undefined while binding is in flight. */
  deadline?: number;
}

export interface CacheOptions {
  clock: Clock;
  /** How long an assumed pod whose binding finished may wait for the informer's confirmation (default 15 min; 0 = forever). */
  assumedPodTTLMs?: number;
  /** How often expired assumed pods are cleaned up (default 1 s). */
  cleanupPeriodMs?: number;
}

export class SchedulerCache {
  private readonly clock: Clock;
  private readonly ttl: number;
  private readonly period: number;
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly podStates = new Map<string, PodState>();
  private readonly assumed = new Set<string>();
  private readonly imageNodes = new Map<string, Set<string>>();
  private readonly dirty = new Set<string>();
  private listChanged = true;
  private imagesChanged = true;
  private timer: Timer | undefined;

  constructor(opts: CacheOptions) {
    this.clock = opts.clock;
    this.ttl = opts.assumedPodTTLMs ?? 15 * 60 * 1000;
    this.period = opts.cleanupPeriodMs ?? 1000;
  }

  /** Starts the periodic cleanup of expired assumed pods. */
  run(): void {
    if (this.timer) return;
    const tick = () => {
      this.cleanupAssumedPods(this.clock.now());
      this.timer = this.clock.setTimeout(tick, this.period);
    };
    this.timer = this.clock.setTimeout(tick, this.period);
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  private nodeInfoFor(name: string): NodeInfo {
    let ni = this.nodes.get(name);
    if (!ni) {
      ni = new NodeInfo();
      this.nodes.set(name, ni);
    }
    return ni;
  }

  private addPodToNode(p: PodInfo): void {
    this.nodeInfoFor(p.nodeName).addPod(p);
    this.dirty.add(p.nodeName);
  }

  private removePodFromNode(p: PodInfo): void {
    const ni = this.nodes.get(p.nodeName);
    if (!ni) return;
    ni.removePod(p.key);
    this.dirty.add(p.nodeName);
    if (!ni.node && ni.pods.length === 0) this.nodes.delete(p.nodeName);
  }

  /** AssumePod: the pod (with spec.nodeName set) counts on its node from now on. */
  assumePod(p: PodInfo): void {
    if (this.podStates.has(p.key)) throw new CacheError('AlreadyInCache', `pod ${podName(p.pod)}(${p.key}) is in the cache, so can't be assumed`);
    this.addPodToNode(p);
    this.podStates.set(p.key, { pod: p, bindingFinished: false });
    this.assumed.add(p.key);
  }

  /** FinishBinding: the binding call returned; the assumed pod may now expire if the informer never confirms it. */
  finishBinding(p: PodInfo): void {
    const ps = this.podStates.get(p.key);
    if (!ps || !this.assumed.has(p.key)) return;
    ps.bindingFinished = true;
    ps.deadline = this.ttl > 0 ? this.clock.now() + this.ttl : undefined;
  }

  /** ForgetPod: undoes assumePod (the binding failed). */
  forgetPod(p: PodInfo): void {
    const ps = this.podStates.get(p.key);
    if (ps && ps.pod.nodeName !== p.nodeName) {
      throw new CacheError('NodeMismatch', `pod ${podName(p.pod)}(${p.key}) was assumed on ${p.nodeName} but assigned to ${ps.pod.nodeName}`);
    }
    if (!ps || !this.assumed.has(p.key)) throw new CacheError('NotAssumed', `pod ${podName(p.pod)}(${p.key}) wasn't assumed so cannot be forgotten`);
    this.removePodFromNode(ps.pod);
    this.podStates.delete(p.key);
    this.assumed.delete(p.key);
  }

  /** AddPod: the informer saw an assigned pod. Confirms an assumed pod (moving it if it landed elsewhere). */
  addPod(p: PodInfo): void {
    const ps = this.podStates.get(p.key);
    if (ps && this.assumed.has(p.key)) {
      this.removePodFromNode(ps.pod);
      this.addPodToNode(p);
      this.podStates.set(p.key, { pod: p, bindingFinished: true });
      this.assumed.delete(p.key);
      return;
    }
    if (ps) throw new CacheError('AlreadyInCache', `pod ${podName(p.pod)}(${p.key}) was already in added state`);
    // Never assumed, or assumed and expired before the informer caught up.
    this.addPodToNode(p);
    this.podStates.set(p.key, { pod: p, bindingFinished: true });
  }

  /** UpdatePod: a confirmed pod changed. */
  updatePod(oldPod: PodInfo, newPod: PodInfo): void {
    const ps = this.podStates.get(oldPod.key);
    if (!ps || this.assumed.has(oldPod.key)) throw new CacheError('NotFound', `pod ${podName(oldPod.pod)}(${oldPod.key}) is not added to scheduler cache, so cannot be updated`);
    this.removePodFromNode(ps.pod);
    this.addPodToNode(newPod);
    this.podStates.set(newPod.key, { pod: newPod, bindingFinished: true });
  }

  /** RemovePod: the pod was deleted (or unassigned). Removes assumed and confirmed pods alike. */
  removePod(p: PodInfo): void {
    const ps = this.podStates.get(p.key);
    if (!ps) throw new CacheError('NotFound', `pod ${podName(p.pod)}(${p.key}) is not found in scheduler cache, so cannot be removed from it`);
    this.removePodFromNode(ps.pod);
    this.podStates.delete(p.key);
    this.assumed.delete(p.key);
  }

  isAssumedPod(key: string): boolean {
    return this.assumed.has(key);
  }

  getPod(key: string): PodInfo | undefined {
    return this.podStates.get(key)?.pod;
  }

  /** Expires assumed pods whose binding finished more than the TTL ago; returns them. */
  cleanupAssumedPods(now: number): PodInfo[] {
    const expired: PodInfo[] = [];
    for (const key of this.assumed) {
      const ps = this.podStates.get(key)!;
      if (!ps.bindingFinished || ps.deadline === undefined || now < ps.deadline) continue;
      expired.push(ps.pod);
    }
    for (const p of expired) {
      this.removePodFromNode(p);
      this.podStates.delete(p.key);
      this.assumed.delete(p.key);
    }
    return expired;
  }

  addNode(node: Node): void {
    const name = node.metadata.name ?? '';
    const ni = this.nodeInfoFor(name);
    if (ni.node) this.removeNodeImages(name, ni.imageSizes);
    ni.setNode(node);
    this.addNodeImages(ni);
    this.dirty.add(name);
    this.listChanged = true;
  }

  updateNode(oldNode: Node, newNode: Node): void {
    const name = newNode.metadata.name ?? '';
    const ni = this.nodeInfoFor(name);
    const isNew = !ni.node;
    const before = ni.imageSizes;
    ni.setNode(newNode);
    // Heartbeats rarely change the image list; only a real change touches the cluster-wide image counts.
    if (isNew || !sameKeys(before, ni.imageSizes)) {
      if (!isNew) this.removeNodeImages(name, before);
      this.addNodeImages(ni);
    }
    this.dirty.add(name);
    // The zone labels decide the node's place in the round-robin list.
    if (isNew || zoneOf(oldNode) !== zoneOf(newNode)) this.listChanged = true;
  }

  /** RemoveNode: the node disappears from snapshots; a node entry survives while pods still reference it. */
  removeNode(node: Node): void {
    const name = node.metadata.name ?? '';
    const ni = this.nodes.get(name);
    if (!ni?.node) throw new CacheError('NotFound', `node ${name} is not found`);
    this.removeNodeImages(name, ni.imageSizes);
    ni.node = undefined;
    if (ni.pods.length === 0) this.nodes.delete(name);
    this.dirty.add(name);
    this.listChanged = true;
  }

  private addNodeImages(ni: NodeInfo): void {
    for (const img of ni.imageSizes.keys()) {
      let s = this.imageNodes.get(img);
      if (!s) this.imageNodes.set(img, (s = new Set()));
      s.add(ni.name);
      this.imagesChanged = true;
    }
  }

  private removeNodeImages(nodeName: string, images: ReadonlyMap<string, number>): void {
    for (const img of images.keys()) {
      const s = this.imageNodes.get(img);
      if (!s) continue;
      s.delete(nodeName);
      if (s.size === 0) this.imageNodes.delete(img);
      this.imagesChanged = true;
    }
  }

  /** Number of nodes with a node object. */
  nodeCount(): number {
    let n = 0;
    for (const ni of this.nodes.values()) if (ni.node) n++;
    return n;
  }

  podCount(): number {
    return this.podStates.size;
  }

  /**
   * UpdateSnapshot: brings `s` up to date by cloning only the nodes that changed since the previous call. The
   * snapshot's lists are rebuilt only when the node set or the placement of pods with affinity changed.
   */
  updateSnapshot(s: Snapshot): void {
    let listChanged = this.listChanged;
    let affinityChanged = listChanged;
    for (const name of this.dirty) {
      const ni = this.nodes.get(name);
      const old = s.nodeInfoMap.get(name);
      if (ni?.node) {
        const clone = ni.clone();
        s.nodeInfoMap.set(name, clone);
        if (old && (old.podsWithAffinity.length > 0 || clone.podsWithAffinity.length > 0)) affinityChanged = true;
        if (!old && clone.podsWithAffinity.length > 0) affinityChanged = true;
        const idx = s.indexOf.get(name);
        if (idx === undefined) listChanged = true;
        else if (!listChanged) s.nodeInfoList[idx] = clone;
      } else if (old) {
        s.nodeInfoMap.delete(name);
        listChanged = true;
      }
    }
    this.dirty.clear();
    if (listChanged) s.rebuildList();
    if (listChanged || affinityChanged) s.rebuildAffinityLists();
    if (this.imagesChanged) s.imageNodes = new Map([...this.imageNodes].map(([k, v]) => [k, v.size]));
    this.listChanged = false;
    this.imagesChanged = false;
  }
}
