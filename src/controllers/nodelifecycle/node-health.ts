/**
 * NodeHealthReconciler: the node half of the node lifecycle controller (monitorNodeHealth for one node).
 *
 * reconcile(name):
 * 1. notes life signs (Ready heartbeat, Lease renewal) — observeNodeHealth;
 * 2. past the grace period, sets Ready (and the pressure conditions) Unknown through nodes/status, recording
 *    `NodeNotReady` on the node when it was Ready — nodeConditionFromLease;
 * 3. brings the not-ready / unreachable (NoSchedule + NoExecute) and condition taints in line — desiredNodeTaints;
 * 4. while Ready is Unknown, sets the Ready condition of the node's pods to False (MarkPodsNotReady);
 * 5. asks to run again just after the grace period would expire.
 */
import type { Lease, Node, Pod } from '../../api/index.js';
import { NODE_NAME_INDEX, refs, type EventRecorder, type Lister, type ReconcileResult, type RestClient } from '../../client/index.js';
import { isConflict, type Clock } from '../../machinery/index.js';
import { NODE_LEASE_NAMESPACE, nodeConditionFromLease, observeNodeHealth, readyCondition, rfc3339, type NodeHealth } from './health.js';
import { desiredNodeTaints } from './taints.js';

export interface NodeHealthDeps {
  client: RestClient;
  nodes: Lister<Node>;
  leases: Lister<Lease>;
  /** Must carry the NODE_NAME_INDEX index. */
  pods: Lister<Pod>;
  recorder: EventRecorder;
  clock: Clock;
  gracePeriodMs?: number;
  startupGracePeriodMs?: number;
}

export class NodeHealthReconciler {
  readonly #d: NodeHealthDeps;
  readonly #health = new Map<string, NodeHealth>();

  constructor(deps: NodeHealthDeps) {
    this.#d = deps;
  }

  /** The health record of a node (for tests and diagnostics). */
  health(name: string): NodeHealth | undefined {
    return this.#health.get(name);
  }

  async reconcile(name: string): Promise<ReconcileResult> {
    const node = this.#d.nodes.get({ namespace: '', name });
    if (!node) {
      this.#health.delete(name);
      return;
    }
    const now = this.#d.clock.now();
    const lease = this.#d.leases.get({ namespace: NODE_LEASE_NAMESPACE, name });
    const health = observeNodeHealth(this.#health.get(name), { node, lease, now });
    this.#health.set(name, health);
    const verdict = nodeConditionFromLease(node, health, {
      now,
      ...(this.#d.gracePeriodMs !== undefined ? { gracePeriodMs: this.#d.gracePeriodMs } : {}),
      ...(this.#d.startupGracePeriodMs !== undefined ? { startupGracePeriodMs: this.#d.startupGracePeriodMs } : {}),
    });
    const api = this.#d.client.resource<Node>(refs.nodes);
    let current: Node = node as Node;
    if (verdict.conditions) {
      const wasReady = readyCondition(node)?.status === 'True';
      current = await api.updateStatus({ ...structuredClone(node as Node), status: { ...structuredClone(node.status ?? {}), conditions: verdict.conditions } });
      this.#health.set(name, { ...health, readyTransitionTimestamp: now });
      if (wasReady) this.#d.recorder.event(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
    }
    const taints = desiredNodeTaints(current, now);
    if (taints) current = await api.update({ ...structuredClone(current), spec: { ...structuredClone(current.spec ?? {}), taints } });
    if (readyCondition(current)?.status === 'Unknown') await this.#markPodsNotReady(name, now);
    if (now <= verdict.deadline) return { requeueAfter: verdict.deadline - now + 1 };
  }

  /** MarkPodsNotReady: the Ready condition of every pod on the node becomes False (one status write per pod). */
  async #markPodsNotReady(nodeName: string, now: number): Promise<void> {
    const api = this.#d.client.resource<Pod>(refs.pods);
    const failures: unknown[] = [];
    for (const pod of this.#d.pods.byIndex(NODE_NAME_INDEX, nodeName)) {
      if (pod.spec?.nodeName !== nodeName) continue;
      const conditions = pod.status?.conditions ?? [];
      const i = conditions.findIndex((c) => c.type === 'Ready');
      if (i < 0 || conditions[i]!.status === 'False') continue;
      const next = structuredClone(pod as Pod);
      next.status!.conditions![i] = { ...conditions[i]!, status: 'False', lastTransitionTime: rfc3339(now) };
      try {
        await api.updateStatus(next);
        this.#d.recorder.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
      } catch (err) {
        failures.push(err);
      }
    }
    if (!failures.length) return;
    // Only stale-cache conflicts: rethrow one as is, so the retry stays quiet.
    if (failures.every(isConflict)) throw failures[0];
    const msgs = failures.map((e) => (e instanceof Error ? e.message : String(e)));
    throw new NodeLifecycleError('MarkPodsNotReadyFailed', `failed to mark pods of node ${nodeName} not ready: ${msgs.join('; ')}`);
  }
}

export class NodeLifecycleError extends Error {
  override readonly name = 'NodeLifecycleError';
  constructor(
    readonly reason: 'MarkPodsNotReadyFailed' | 'EvictionFailed',
    message: string,
  ) {
    super(message);
  }
}
