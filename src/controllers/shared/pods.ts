/**
 * Pod predicates the workload controllers share (kubernetes pkg/api/v1/pod util and pkg/controller
 * controller_utils.go): readiness, availability after minReadySeconds, and the "active" filter.
 * All functions are pure and never mutate their arguments.
 */
import type { Pod, PodCondition } from '../../api/index.js';

/** The pod's Ready condition, if it has one. */
export function getPodReadyCondition(pod: Readonly<Pod>): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Readonly<Pod>): boolean {
  return getPodReadyCondition(pod)?.status === 'True';
}

/** Milliseconds since the epoch of an RFC 3339 time, or undefined for an absent/unparseable one. */
export function timeMs(t: string | null | undefined): number | undefined {
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * podutil.IsPodAvailable: ready, and (with minReadySeconds > 0) ready since strictly more than minReadySeconds
 * before `nowMs`, judged by the Ready condition's lastTransitionTime.
 */
export function isPodAvailable(pod: Readonly<Pod>, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const since = timeMs(getPodReadyCondition(pod)?.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * 1000 < nowMs;
}

/** controller.IsPodActive: not Succeeded, not Failed, and not being deleted. */
export function isPodActive(pod: Readonly<Pod>): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

/** controller.FilterActivePods. */
export function filterActivePods<P extends Readonly<Pod>>(pods: readonly P[]): P[] {
  return pods.filter(isPodActive);
}

/** `namespace/name` of a pod: the key expectations track deletions by (controller.PodKey). */
export function podKey(pod: Readonly<Pod>): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}
