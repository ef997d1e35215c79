/**
 * PodGarbageCollector: one pass of the pod GC (PodGCController.gc), in Kubernetes' order —
 *   1. terminated pods beyond --terminated-pod-gc-threshold (evicted first, then oldest);
 *   2. terminating pods on nodes that are not Ready and tainted node.kubernetes.io/out-of-service;
 *   3. orphaned pods: bound to a node that is gone. A node missing from the cache is quarantined first (40 s by
 *      default) and then confirmed with a GET, so a node the cache has not seen yet never costs its pods;
 *   4. terminating pods that were never scheduled.
 * Every removal marks the pod Failed (orphans also get DisruptionTarget=True, reason DeletionByPodGC) unless it
 * already finished, then force-deletes it (grace period 0): nothing else would end these pods.
 *
 * Guarantees: a failure on one pod never stops the pass (it is reported, and the pod is retried next pass since the
 * selection is recomputed from the caches); NotFound on the delete counts as done.
 */
import type { Node, Pod, PodCondition } from '../../api/index.js';
import { refs, type Lister, type RestClient } from '../../client/index.js';
import { isNotFound, type Clock } from '../../machinery/index.js';
import { missingNodeNames, terminatedPodsOverThreshold, terminatingPodsOnOutOfServiceNodes, unscheduledTerminatingPods } from './select.js';

/** kube-controller-manager's --terminated-pod-gc-threshold default. */
export const DEFAULT_TERMINATED_POD_GC_THRESHOLD = 12_500;
/** How long a node may be missing from the cache before the GC asks the API server (quarantineTime). */
export const DEFAULT_QUARANTINE_MS = 40_000;

export interface PodGarbageCollectorDeps {
  client: RestClient;
  pods: Lister<Pod>;
  nodes: Lister<Node>;
  clock: Clock;
  /** ≤ 0 disables the terminated-pods pass. Default 12500. */
  terminatedPodThreshold?: number;
  quarantineMs?: number;
  /** Failures on single pods or node lookups; the pass goes on. */
  onError: (err: unknown, context: string) => void;
}

/** Which pass removed a pod (Kubernetes' metric label values). */
export type PodGcReason = 'PodGCReasonTerminated' | 'PodGCReasonTerminatingOutOfService' | 'PodGCReasonOrphaned' | 'PodGCReasonTerminatingUnscheduled';

const ORPHANED: PodCondition = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' };

function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class PodGarbageCollector {
  readonly #d: PodGarbageCollectorDeps;
  /** Node name → when its quarantine ends (the first sighting counts, as a delaying queue's AddAfter). */
  readonly #quarantine = new Map<string, number>();

  constructor(deps: PodGarbageCollectorDeps) {
    this.#d = deps;
  }

  /** Node names waiting out their quarantine (for tests and diagnostics). */
  quarantined(): string[] {
    return [...this.#quarantine.keys()];
  }

  /** One pass; resolves with the pods it removed (namespace/name) and why. */
  async gc(): Promise<Array<{ pod: string; reason: PodGcReason }>> {
    const pods = this.#d.pods.list();
    const nodes = this.#d.nodes.list();
    const removed: Array<{ pod: string; reason: PodGcReason }> = [];
    const seen = new Set<string>();
    const remove = async (list: readonly Readonly<Pod>[], reason: PodGcReason, condition?: PodCondition) => {
      // A pod that two passes select is handled by the first one only.
      const todo = list.filter((p) => !seen.has(`${p.metadata.namespace}/${p.metadata.name}`));
      for (const p of todo) seen.add(`${p.metadata.namespace}/${p.metadata.name}`);
      const done = await Promise.all(todo.map((p) => this.#markFailedAndDelete(p, condition)));
      todo.forEach((p, i) => done[i] && removed.push({ pod: `${p.metadata.namespace}/${p.metadata.name}`, reason }));
    };
    await remove(terminatedPodsOverThreshold(pods, this.#d.terminatedPodThreshold ?? DEFAULT_TERMINATED_POD_GC_THRESHOLD), 'PodGCReasonTerminated');
    await remove(
      terminatingPodsOnOutOfServiceNodes(pods, (name) => this.#d.nodes.get({ namespace: '', name })),
      'PodGCReasonTerminatingOutOfService',
    );
    const gone = await this.#deletedNodes(pods, new Set(nodes.map((n) => n.metadata.name ?? '')));
    await remove(
      pods.filter((p) => gone.has(p.spec?.nodeName ?? '')),
      'PodGCReasonOrphaned',
      ORPHANED,
    );
    await remove(unscheduledTerminatingPods(pods), 'PodGCReasonTerminatingUnscheduled');
    return removed;
  }

  /** gcOrphaned's bookkeeping: quarantines newly missing nodes; returns those whose quarantine ended and that the API server confirms are gone. */
  async #deletedNodes(pods: readonly Readonly<Pod>[], existing: ReadonlySet<string>): Promise<Set<string>> {
    const now = this.#d.clock.now();
    for (const name of missingNodeNames(pods, existing)) {
      if (!this.#quarantine.has(name)) this.#quarantine.set(name, now + (this.#d.quarantineMs ?? DEFAULT_QUARANTINE_MS));
    }
    const gone = new Set<string>();
    const api = this.#d.client.resource<Node>(refs.nodes);
    for (const [name, due] of [...this.#quarantine]) {
      if (due > now) continue;
      this.#quarantine.delete(name);
      if (existing.has(name)) continue;
      try {
        await api.get({ namespace: '', name });
      } catch (err) {
        // Any other failure: the node is quarantined again on the next pass if its pods are still there.
        if (isNotFound(err)) gone.add(name);
        else this.#d.onError(err, `get node ${name}`);
      }
    }
    return gone;
  }

  /** markFailedAndDeletePodWithCondition; true when the pod is gone. */
  async #markFailedAndDelete(pod: Readonly<Pod>, condition?: PodCondition): Promise<boolean> {
    const api = this.#d.client.resource<Pod>(refs.pods);
    const key = { namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '' };
    try {
      const phase = pod.status?.phase;
      if (phase !== 'Succeeded' && phase !== 'Failed') {
        const next = structuredClone(pod as Pod);
        const status = { ...(next.status ?? {}), phase: 'Failed' as const };
        if (condition) {
          const conditions = status.conditions ?? [];
          const old = conditions.find((c) => c.type === condition.type);
          const lastTransitionTime = old && old.status === condition.status && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(this.#d.clock.now());
          status.conditions = [...conditions.filter((c) => c.type !== condition.type), { ...condition, lastTransitionTime }];
        }
        await api.updateStatus({ ...next, status });
      }
      await api.delete(key, { gracePeriodSeconds: 0 });
      return true;
    } catch (err) {
      if (isNotFound(err)) return true;
      this.#d.onError(err, `delete pod ${key.namespace}/${key.name}`);
      return false;
    }
  }
}
