/**
 * framework.NodeInfo: one node plus the aggregates of the pods on it (bound and assumed), maintained incrementally so
 * a Filter reads numbers instead of walking pods. `clone()` gives the snapshot copy a scheduling cycle reads; the
 * cache mutates only its own instances.
 */
import type { Node, Taint } from '../../api/index.js';
import type { HostPort, PodInfo } from './pod-info.js';
import { Resource } from './resource.js';

let generationCounter = 0;
/** A process-wide increasing generation, bumped on every NodeInfo change. */
export function nextGeneration(): number {
  return ++generationCounter;
}

/**
 * HostPortInfo: ip → set of `protocol/port`. 0.0.0.0 conflicts with every ip on the same protocol/port; a specific ip
 * conflicts with itself and with 0.0.0.0.
 */
export class HostPortInfo {
  private readonly byIP = new Map<string, Map<string, number>>();

  private static key(protocol: string, port: number): string {
    return `${protocol}/${port}`;
  }

  add(p: HostPort): void {
    let m = this.byIP.get(p.ip);
    if (!m) this.byIP.set(p.ip, (m = new Map()));
    const k = HostPortInfo.key(p.protocol, p.port);
    m.set(k, (m.get(k) ?? 0) + 1);
  }

  remove(p: HostPort): void {
    const m = this.byIP.get(p.ip);
    if (!m) return;
    const k = HostPortInfo.key(p.protocol, p.port);
    const n = (m.get(k) ?? 0) - 1;
    if (n > 0) m.set(k, n);
    else m.delete(k);
    if (m.size === 0) this.byIP.delete(p.ip);
  }

  /** CheckConflict. */
  conflicts(p: HostPort): boolean {
    if (p.port <= 0) return false;
    const k = HostPortInfo.key(p.protocol, p.port);
    if (p.ip === '0.0.0.0') {
      for (const m of this.byIP.values()) if (m.has(k)) return true;
      return false;
    }
    return !!(this.byIP.get('0.0.0.0')?.has(k) || this.byIP.get(p.ip)?.has(k));
  }

  get size(): number {
    return this.byIP.size;
  }

  clone(): HostPortInfo {
    const c = new HostPortInfo();
    for (const [ip, m] of this.byIP) c.byIP.set(ip, new Map(m));
    return c;
  }
}

/** Normalizes an image reference the way ImageLocality does: no tag → `:latest`. */
export function normalizedImageName(name: string): string {
  if (name.lastIndexOf(':') <= name.lastIndexOf('/')) return `${name}:latest`;
  return name;
}

export class NodeInfo {
  /** The node object; undefined for a "ghost" entry whose node was deleted while pods still referenced it. */
  node: Node | undefined;
  pods: PodInfo[] = [];
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  usedPorts = new HostPortInfo();
  /** Sum of the pods' requests (NodeResourcesFit). */
  requested = new Resource();
  /** Sum of the pods' non-zero cpu/memory requests (the scorers' view). */
  nonZeroRequested = new Resource();
  allocatable = new Resource();
  /** Normalized image name → size in bytes, from node.status.images. */
  imageSizes = new Map<string, number>();
  generation = nextGeneration();

  constructor(node?: Node) {
    if (node) this.setNode(node);
  }

  get name(): string {
    return this.node?.metadata.name ?? '';
  }

  get labels(): Readonly<Record<string, string>> {
    return this.node?.metadata.labels ?? EMPTY_LABELS;
  }

  get taints(): readonly Taint[] {
    return this.node?.spec?.taints ?? EMPTY_TAINTS;
  }

  setNode(node: Node): void {
    this.node = node;
    this.allocatable = Resource.fromList(node.status?.allocatable ?? node.status?.capacity);
    this.imageSizes = new Map();
    for (const img of node.status?.images ?? []) {
      for (const n of img.names ?? []) this.imageSizes.set(normalizedImageName(n), img.sizeBytes ?? 0);
    }
    this.generation = nextGeneration();
  }

  addPod(p: PodInfo): void {
    this.pods.push(p);
    if (p.hasAffinity) this.podsWithAffinity.push(p);
    if (p.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.push(p);
    this.update(p, 1);
  }

  /** Removes the pod with `key`; returns false if it wasn't here. */
  removePod(key: string): boolean {
    const i = this.pods.findIndex((p) => p.key === key);
    if (i < 0) return false;
    const p = this.pods[i]!;
    this.pods.splice(i, 1);
    removeByKey(this.podsWithAffinity, key);
    removeByKey(this.podsWithRequiredAntiAffinity, key);
    this.update(p, -1);
    return true;
  }

  private update(p: PodInfo, sign: 1 | -1): void {
    this.requested.addResource(p.requests, sign);
    this.nonZeroRequested.milliCPU += sign * p.nonZeroMilliCPU;
    this.nonZeroRequested.memory += sign * p.nonZeroMemory;
    for (const hp of p.hostPorts) {
      if (sign > 0) this.usedPorts.add(hp);
      else this.usedPorts.remove(hp);
    }
    this.generation = nextGeneration();
  }

  /** A copy safe to mutate independently (pods arrays copied, PodInfos shared: they are immutable). */
  clone(): NodeInfo {
    const c = new NodeInfo();
    c.node = this.node;
    c.pods = this.pods.slice();
    c.podsWithAffinity = this.podsWithAffinity.slice();
    c.podsWithRequiredAntiAffinity = this.podsWithRequiredAntiAffinity.slice();
    c.usedPorts = this.usedPorts.clone();
    c.requested = this.requested.clone();
    c.nonZeroRequested = this.nonZeroRequested.clone();
    c.allocatable = this.allocatable;
    c.imageSizes = this.imageSizes;
    c.generation = this.generation;
    return c;
  }
}

function removeByKey(list: PodInfo[], key: string): void {
  const i = list.findIndex((p) => p.key === key);
  if (i >= 0) list.splice(i, 1);
}

const EMPTY_LABELS: Readonly<Record<string, string>> = Object.freeze({});
const EMPTY_TAINTS: readonly Taint[] = Object.freeze([]);
