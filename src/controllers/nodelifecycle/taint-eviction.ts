/**
 * TaintEvictionReconciler: the pod half (pkg/controller/tainteviction). reconcile(podKey) deletes a pod whose node
 * has NoExecute taints it does not tolerate (now) or tolerates only for a while (when that runs out — the reconcile
 * asks to be run again then), after recording `TaintManagerEviction` ("Marking for deletion Pod ns/name") and adding
 * the DisruptionTarget condition (reason DeletionByTaintManager). A pending eviction that is no longer due (taint
 * gone, toleration added) records "Cancelling deletion of Pod ns/name".
 */
import type { Node, Pod, PodCondition, Taint } from '../../api/index.js';
import { refs, type EventRecorder, type Lister, type ReconcileResult, type RestClient } from '../../client/index.js';
import { isConflict, isNotFound, keyString, type Clock, type ObjectKey } from '../../machinery/index.js';
import { tolerationDeadline } from './eviction.js';
import { rfc3339 } from './health.js';

export interface TaintEvictionDeps {
  client: RestClient;
  pods: Lister<Pod>;
  nodes: Lister<Node>;
  recorder: EventRecorder;
  clock: Clock;
}

export class TaintEvictionReconciler {
  readonly #d: TaintEvictionDeps;
  /** node/key/effect → when this controller first saw a taint that carries no timeAdded. */
  readonly #firstSeen = new Map<string, number>();
  /** Pods with an eviction scheduled (for the cancellation event). */
  readonly #scheduled = new Set<string>();

  constructor(deps: TaintEvictionDeps) {
    this.#d = deps;
  }

  async reconcile(key: ObjectKey): Promise<ReconcileResult> {
    const id = keyString(key);
    const pod = this.#d.pods.get(key);
    const nodeName = pod?.spec?.nodeName;
    if (!pod || !nodeName || pod.metadata.deletionTimestamp) {
      this.#scheduled.delete(id);
      return;
    }
    const now = this.#d.clock.now();
    const taints = this.#d.nodes.get({ namespace: '', name: nodeName })?.spec?.taints ?? [];
    this.#prune(nodeName, taints);
    const decision = tolerationDeadline(pod, taints, { now, taintSince: (t) => this.#since(nodeName, t, now) });
    if (decision.action === 'none') {
      if (this.#scheduled.delete(id)) this.#d.recorder.event(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${id}`);
      return;
    }
    if (decision.at > now) {
      this.#scheduled.add(id);
      return { requeueAfter: decision.at - now };
    }
    this.#d.recorder.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${id}`);
    await this.#addDisruptionCondition(pod, now);
    try {
      await this.#d.client.resource<Pod>(refs.pods).delete(key, { ...(pod.metadata.uid ? { preconditions: { uid: pod.metadata.uid } } : {}) });
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
    this.#scheduled.delete(id);
  }

  #since(nodeName: string, t: Readonly<Taint>, now: number): number {
    const added = t.timeAdded ? Date.parse(t.timeAdded) : NaN;
    if (!Number.isNaN(added)) return added;
    const k = `${nodeName}/${t.key}/${t.effect}`;
    let seen = this.#firstSeen.get(k);
    if (seen === undefined) this.#firstSeen.set(k, (seen = now));
    return seen;
  }

  /** Forgets first-seen times of taints the node no longer has. */
  #prune(nodeName: string, taints: readonly Taint[]): void {
    const present = new Set(taints.map((t) => `${nodeName}/${t.key}/${t.effect}`));
    for (const k of this.#firstSeen.keys()) if (k.startsWith(`${nodeName}/`) && !present.has(k)) this.#firstSeen.delete(k);
  }

  /** DisruptionTarget=True (DeletionByTaintManager), written before the delete as Kubernetes does. */
  async #addDisruptionCondition(pod: Readonly<Pod>, now: number): Promise<void> {
    const cond: PodCondition = {
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
      lastTransitionTime: rfc3339(now),
    };
    const existing = pod.status?.conditions ?? [];
    if (existing.some((c) => c.type === cond.type && c.status === 'True' && c.reason === cond.reason)) return;
    const next = structuredClone(pod as Pod);
    next.status = { ...(next.status ?? {}), conditions: [...existing.filter((c) => c.type !== cond.type), cond] };
    try {
      await this.#d.client.resource<Pod>(refs.pods).updateStatus(next);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
