/**
 * Which pods a ReplicaSet deletes first when it scales down: kubernetes controller.ActivePodsWithRanks with the
 * PodDeletionCost and LogarithmicScaleDown features on (their defaults since 1.22). A pod sorts earlier (deleted
 * sooner) when it is:
 *   1. unassigned (no node) rather than assigned;
 *   2. Pending < Unknown < Running (other phases rank with Pending);
 *   3. not ready rather than ready;
 *   4. lower `controller.kubernetes.io/pod-deletion-cost`;
 *   5. doubled up: more active related pods on its node (the rank);
 *   6. both ready: ready more recently (log2 buckets of the time since ready; equal buckets → lower uid first);
 *   7. more container restarts (regular containers first, then restartable init containers);
 *   8. created more recently (same log2 bucketing), pods without a creation time first.
 * The comparison is a strict weak order, so sorting with it is deterministic.
 */
import type { ContainerStatus, Pod } from '../../api/index.js';
import { getPodReadyCondition, isPodActive, isPodReady, timeMs } from './pods.js';

export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

export interface RankedPod {
  pod: Readonly<Pod>;
  /** How many active related pods share this pod's node. */
  rank: number;
}

/** The pod-deletion-cost annotation as an int32 (0 when absent or invalid, as Kubernetes' helper treats it). */
export function podDeletionCost(pod: Readonly<Pod>): number {
  const v = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (v === undefined || !/^[+-]?\d+$/.test(v.trim())) return 0;
  const n = Number(v.trim());
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

function readyTime(pod: Readonly<Pod>): number | undefined {
  return isPodReady(pod) ? timeMs(getPodReadyCondition(pod)?.lastTransitionTime) : undefined;
}

/** Go's afterOrZero: a zero time is "less"; otherwise the later time is less. Returns <0 when a sorts first. */
function compareAfterOrZero(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined) return a === undefined ? (b === undefined ? 0 : -1) : 1;
  return b - a;
}

/** int64(log2(now - t)), or -1 when t is not before now (Kubernetes' logarithmicRankDiff buckets; ns like Go). */
function logBucket(t: number, nowMs: number): number {
  const d = (nowMs - t) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

function compareTimes(a: number | undefined, b: number | undefined, nowMs: number | undefined, uidA: string, uidB: string): number {
  if (nowMs === undefined || a === undefined || b === undefined) return compareAfterOrZero(a, b);
  const diff = logBucket(a, nowMs) - logBucket(b, nowMs);
  if (diff !== 0) return diff;
  return uidA < uidB ? -1 : uidA > uidB ? 1 : 0;
}

function maxRestarts(statuses: readonly ContainerStatus[] | undefined): number {
  let max = 0;
  for (const s of statuses ?? []) max = Math.max(max, s.restartCount ?? 0);
  return max;
}

function sidecarRestarts(pod: Readonly<Pod>): number {
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  return maxRestarts((pod.status?.initContainerStatuses ?? []).filter((s) => sidecars.has(s.name)));
}

/** Negative when `a` should be deleted before `b`. `nowMs` enables the logarithmic time buckets. */
export function compareActivePodsWithRanks(a: RankedPod, b: RankedPod, nowMs?: number): number {
  const pa = a.pod;
  const pb = b.pod;
  const na = pa.spec?.nodeName ?? '';
  const nb = pb.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  const oa = PHASE_ORDINAL[pa.status?.phase ?? ''] ?? 0;
  const ob = PHASE_ORDINAL[pb.status?.phase ?? ''] ?? 0;
  if (oa !== ob) return oa - ob;
  const ra = isPodReady(pa);
  const rb = isPodReady(pb);
  if (ra !== rb) return ra ? 1 : -1;
  const ca = podDeletionCost(pa);
  const cb = podDeletionCost(pb);
  if (ca !== cb) return ca - cb;
  if (a.rank !== b.rank) return b.rank - a.rank;
  const uidA = pa.metadata.uid ?? '';
  const uidB = pb.metadata.uid ?? '';
  if (ra && rb) {
    const ta = readyTime(pa);
    const tb = readyTime(pb);
    if (ta !== tb) {
      const c = compareTimes(ta, tb, nowMs, uidA, uidB);
      if (c !== 0) return c;
    }
  }
  const restartsA = maxRestarts(pa.status?.containerStatuses);
  const restartsB = maxRestarts(pb.status?.containerStatuses);
  if (restartsA !== restartsB) return restartsB - restartsA;
  const sa = sidecarRestarts(pa);
  const sb = sidecarRestarts(pb);
  if (sa !== sb) return sb - sa;
  const cta = timeMs(pa.metadata.creationTimestamp);
  const ctb = timeMs(pb.metadata.creationTimestamp);
  if (cta !== ctb) return compareTimes(cta, ctb, nowMs, uidA, uidB);
  return 0;
}

/**
 * getPodsRankedByRelatedPodsOnSameNode + sort: ranks each pod by the number of active `relatedPods` on its node and
 * returns the pods in deletion order (first = delete first). The input is not modified.
 */
export function rankPodsForDeletion<P extends Readonly<Pod>>(pods: readonly P[], relatedPods: readonly Readonly<Pod>[], nowMs?: number): P[] {
  const onNode = new Map<string, number>();
  for (const p of relatedPods) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  ranked.sort((x, y) => compareActivePodsWithRanks(x, y, nowMs));
  return ranked.map((r) => r.pod);
}

/** getPodsToDelete: the first `diff` pods in deletion order (no sorting when all of them go). */
export function podsToDelete<P extends Readonly<Pod>>(pods: readonly P[], relatedPods: readonly Readonly<Pod>[], diff: number, nowMs?: number): P[] {
  if (diff >= pods.length) return [...pods];
  return rankPodsForDeletion(pods, relatedPods, nowMs).slice(0, diff);
}
