/**
 * The scheduler's ports to the rest of the cluster. The scheduler core depends only on these; `cmd/` (or the client
 * adapter) wires them to the API server. Each is small enough that a test fake is a few lines.
 */
import type { KubeObject, Node, Pod, PodCondition } from '../api/index.js';

/** Cluster change notifications, in the order the watch delivered them. */
export interface ClusterEventHandlers {
  onPodAdd(pod: Pod): void;
  onPodUpdate(oldPod: Pod, newPod: Pod): void;
  onPodDelete(pod: Pod): void;
  onNodeAdd(node: Node): void;
  onNodeUpdate(oldNode: Node, newNode: Node): void;
  onNodeDelete(node: Node): void;
}

/**
 * Feeds the scheduler every pod (assigned or not) and every node: first the current state as adds, then changes.
 * Guarantee expected of implementations: events for one object arrive in resourceVersion order.
 */
export interface SchedulerSource {
  /** Starts delivery to `handlers`; the returned function stops it. */
  subscribe(handlers: ClusterEventHandlers): () => void;
}

/** Binds a pod to a node (POST pods/{name}/binding). Rejects when the API server refuses. */
export interface Binder {
  bind(pod: Pod, nodeName: string): Promise<void>;
}

export type EventType = 'Normal' | 'Warning';

export interface EventInfo {
  type: EventType;
  reason: string;
  /** What the scheduler was doing (events.k8s.io `action`): `Scheduling`, `Binding`, `Preempting`. */
  action: string;
  message: string;
}

/** Records Kubernetes Events about objects. Fire-and-forget: implementations must not throw. */
export interface EventSink {
  event(regarding: KubeObject, info: EventInfo): void;
}

/** What the scheduler writes to a pod's status. */
export interface PodStatusPatch {
  /** The PodScheduled condition to set (only written when it changes). */
  condition?: PodCondition;
  /** When present, status.nominatedNodeName becomes this value ('' clears it). */
  nominatedNodeName?: string;
}

/** Writes to pods other than binding: status patches and preemption deletes. */
export interface PodWriter {
  /** PATCH pods/{name}/status. */
  patchPodStatus(pod: Pod, patch: PodStatusPatch): Promise<void>;
  /** DELETE a preemption victim (graceful). Resolves when the API server accepted the delete. */
  deletePod(pod: Pod): Promise<void>;
}

/** Optional observer of each named scheduling step (the flow trace hooks in here). */
export interface SchedulingTracer {
  step(pod: Pod, step: string, detail?: Readonly<Record<string, string | number>>): void;
}
