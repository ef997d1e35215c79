/**
 * The kubelet's seams towards the API server. They are small on purpose: wiring them to the client package
 * (informer, REST client, event recorder) is a thin adapter in cmd/.
 */
import type { JsonObject } from '../machinery/index.js';
import type { Node, ObjectReference, Pod, PodStatus } from '../api/index.js';

/** Receives the pods bound to this node (spec.nodeName = this node), like an informer's event handler. */
export interface PodHandler {
  onAdd(pod: Pod): void;
  onUpdate(oldPod: Pod, newPod: Pod): void;
  /** The pod is gone from the API (deleted with grace 0, or its deletion confirmed). */
  onDelete(pod: Pod): void;
}

/** Delivers add/update/delete of the pods bound to one node, in order per pod. */
export interface PodSource {
  /** Starts delivering to `handler` (current pods first, as adds); returns the unsubscribe function. */
  subscribe(handler: PodHandler): () => void;
}

/** Writes pod status (PATCH pods/{name}/status). */
export interface StatusSink {
  /**
   * Replaces the status of `pod` (matched by namespace, name and uid) with `status`. Resolves once stored; rejects to
   * make the status manager retry.
   */
  patchPodStatus(pod: Pod, status: PodStatus): Promise<void>;
}

/** Registers the node and keeps its status and lease fresh. */
export interface NodeStatusSink {
  /** Creates the Node object (POST nodes); `created: false` when it already exists. */
  registerNode(node: Node): Promise<{ created: boolean }>;
  /** Reads the Node from the API server (GET nodes/{name}): the node status sync when no cached copy is at hand. */
  getNode(nodeName: string): Promise<Node>;
  /** Sends a strategic merge patch to nodes/{name}/status (the kubelet's nodeutil.PatchNodeStatus). */
  patchNodeStatus(nodeName: string, patch: JsonObject): Promise<void>;
  /** Renews the node's Lease in kube-node-lease (the heartbeat, every 25% of leaseDurationSeconds). */
  renewLease(nodeName: string, options: { renewTime: string; leaseDurationSeconds: number }): Promise<void>;
}

export type EventType = 'Normal' | 'Warning';

/** One event as the kubelet reports it (record.EventRecorder.Eventf). */
export interface KubeletEvent {
  /** The pod (with `fieldPath: spec.containers{name}` for container events) or the node. */
  involvedObject: ObjectReference;
  type: EventType;
  reason: string;
  message: string;
}

/** Fire-and-forget like client-go's recorder: the sink aggregates, rate-limits and writes; it never throws. */
export interface EventSink {
  emit(event: KubeletEvent): void;
}
