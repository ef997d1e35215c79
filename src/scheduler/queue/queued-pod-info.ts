/** QueuedPodInfo: a pod waiting in the scheduling queue, with its attempt history. */
import type { Pod } from '../../api/index.js';
import type { PodInfo } from '../framework/pod-info.js';

export interface QueuedPodInfo {
  podInfo: PodInfo;
  /** When the pod was last added to a queue (arrival order in activeQ; start of backoff). */
  timestamp: number;
  /** Scheduling attempts so far (incremented on pop). */
  attempts: number;
  initialAttemptTimestamp?: number;
  /** Plugins that rejected the pod in its last attempt; only their events move it back. Empty = any event. */
  unschedulablePlugins: Set<string>;
  /** The pod has scheduling gates: it waits in the unschedulable pool until an update removes them. */
  gated: boolean;
}

export function hasSchedulingGates(pod: Pod): boolean {
  return (pod.spec?.schedulingGates?.length ?? 0) > 0;
}

/** isPodUpdated: a change other than metadata bookkeeping or status. */
export function isPodUpdated(oldPod: Pod, newPod: Pod): boolean {
  const strip = (p: Pod) => {
    const { resourceVersion: _rv, generation: _g, managedFields: _mf, finalizers: _f, ...meta } = p.metadata;
    return JSON.stringify({ ...p, metadata: meta, status: undefined });
  };
  return strip(oldPod) !== strip(newPod);
}

/** PrioritySort: higher priority first, then earlier arrival. */
export function activeQLess(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
  const pa = a.podInfo.priority;
  const pb = b.podInfo.priority;
  return pa > pb || (pa === pb && a.timestamp < b.timestamp);
}
