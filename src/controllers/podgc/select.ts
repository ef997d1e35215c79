/**
 * Which pods the pod garbage collector removes (pkg/controller/podgc gc_controller.go), as pure functions over
 * cached pods and nodes. Writes live in collector.ts.
 */
import type { Node, Pod } from '../../api/index.js';

/** The taint an operator puts on a node known to be shut down (non-graceful node shutdown). */
export const TAINT_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

/** Terminated: phase neither Pending, Running nor Unknown (isPodTerminated). */
export function isPodTerminated(pod: Readonly<Pod>): boolean {
  const phase = pod.status?.phase;
  return phase !== undefined && phase !== 'Pending' && phase !== 'Running' && phase !== 'Unknown';
}

/** Evicted by the kubelet: phase Failed with reason Evicted (eviction.PodIsEvicted). */
export function isPodEvicted(pod: Readonly<Pod>): boolean {
  return pod.status?.phase === 'Failed' && pod.status.reason === 'Evicted';
}

function isNodeReady(node: Readonly<Node>): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** byEvictionAndCreationTimestamp: evicted pods first, then oldest first, names breaking ties. */
export function byEvictionAndCreation(a: Readonly<Pod>, b: Readonly<Pod>): number {
  const ea = isPodEvicted(a);
  const eb = isPodEvicted(b);
  if (ea !== eb) return ea ? -1 : 1;
  const ta = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
  const tb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
  if (ta !== tb) return ta - tb;
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/**
 * gcTerminated: once more than `threshold` pods are terminated, the excess — evicted first, then oldest. A threshold
 * ≤ 0 disables this pass.
 */
export function terminatedPodsOverThreshold(pods: readonly Readonly<Pod>[], threshold: number): Readonly<Pod>[] {
  if (threshold <= 0) return [];
  const terminated = pods.filter(isPodTerminated);
  const excess = terminated.length - threshold;
  return excess > 0 ? [...terminated].sort(byEvictionAndCreation).slice(0, excess) : [];
}

/** gcTerminating: terminating pods on a node that is not Ready and carries the out-of-service taint. */
export function terminatingPodsOnOutOfServiceNodes(pods: readonly Readonly<Pod>[], node: (name: string) => Readonly<Node> | undefined): Readonly<Pod>[] {
  return pods
    .filter((p) => {
      if (!p.metadata.deletionTimestamp) return false;
      const n = node(p.spec?.nodeName ?? '');
      return !!n && !isNodeReady(n) && (n.spec?.taints ?? []).some((t) => t.key === TAINT_OUT_OF_SERVICE);
    })
    .sort(byEvictionAndCreation);
}

/** gcUnscheduledTerminating: pods being deleted that were never bound to a node (no kubelet will finish them). */
export function unscheduledTerminatingPods(pods: readonly Readonly<Pod>[]): Readonly<Pod>[] {
  return pods.filter((p) => !!p.metadata.deletionTimestamp && !p.spec?.nodeName);
}

/** The node names pods are bound to that the node cache does not hold (candidates for quarantine). */
export function missingNodeNames(pods: readonly Readonly<Pod>[], existing: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const p of pods) {
    const n = p.spec?.nodeName;
    if (n && !existing.has(n)) out.add(n);
  }
  return out;
}
