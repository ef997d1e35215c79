/**
 * The ReplicaSet controller's pod event handlers: they map a pod event to the ReplicaSets to sync, and account
 * expectations. Two kinds of wake-up:
 * - `enqueue` (immediate): ownership or labels changed, or the observation fulfilled the expectations;
 * - `wake` (throttled, see SyncThrottle): other changes of owned pods (readiness, phase), and observations while more
 *   creations/deletions are still expected — syncs that can only refresh status or replace a failed pod.
 */
import type { Pod, ReplicaSet } from '../../api/index.js';
import { NAMESPACE_INDEX, deletedObject, type DeletedFinalStateUnknown, type Lister } from '../../client/index.js';
import { deepEqual, selectorFromLabelSelector } from '../../machinery/index.js';
import { getControllerOf } from '../shared/controller-ref.js';
import type { ControllerExpectations } from '../shared/expectations.js';
import { isPodReady, podKey } from '../shared/pods.js';
import { REPLICA_SET_KIND } from './manage.js';

export const rsKeyOf = (rs: Readonly<ReplicaSet>): string => `${rs.metadata.namespace ?? ''}/${rs.metadata.name ?? ''}`;

export interface PodHandlerDeps {
  rsLister: Lister<ReplicaSet>;
  expectations: ControllerExpectations;
  enqueue: (rs: Readonly<ReplicaSet>) => void;
  wake: (rs: Readonly<ReplicaSet>) => void;
  enqueueAfter: (rs: Readonly<ReplicaSet>, ms: number) => void;
}

export class PodHandlers {
  constructor(readonly deps: PodHandlerDeps) {}

  /** resolveControllerRef: the ReplicaSet a controller reference points to, if it exists with that uid. */
  resolve(pod: Readonly<Pod>): Readonly<ReplicaSet> | undefined {
    const ref = getControllerOf(pod);
    if (!ref || ref.kind !== REPLICA_SET_KIND.kind || ref.apiVersion.split('/')[0] !== 'apps') return undefined;
    const rs = this.deps.rsLister.get({ namespace: pod.metadata.namespace ?? '', name: ref.name });
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  }

  /** getPodReplicaSets: ReplicaSets of the pod's namespace whose (non-empty) selector matches its labels. */
  matching(pod: Readonly<Pod>): Readonly<ReplicaSet>[] {
    const labels = pod.metadata.labels ?? {};
    if (Object.keys(labels).length === 0) return [];
    return this.deps.rsLister.byIndex(NAMESPACE_INDEX, pod.metadata.namespace ?? '').filter((rs) => {
      try {
        const sel = selectorFromLabelSelector(rs.spec?.selector);
        return !sel.empty() && sel.matches(labels);
      } catch {
        return false; // an invalid selector matches nothing (its own sync reports it)
      }
    });
  }

  /** After an observed creation/deletion: immediate once nothing more is expected, throttled before. */
  #observed(rs: Readonly<ReplicaSet>): void {
    if (this.deps.expectations.satisfiedExpectations(rsKeyOf(rs))) this.deps.enqueue(rs);
    else this.deps.wake(rs);
  }

  add(pod: Readonly<Pod>): void {
    if (pod.metadata.deletionTimestamp) {
      // On a restart the informer may list a pod already being deleted: that is a deletion, not a creation.
      this.delete(pod);
      return;
    }
    if (getControllerOf(pod)) {
      const rs = this.resolve(pod);
      if (!rs) return;
      this.deps.expectations.creationObserved(rsKeyOf(rs));
      this.#observed(rs);
      return;
    }
    for (const rs of this.matching(pod)) this.deps.enqueue(rs);
  }

  update(oldPod: Readonly<Pod>, cur: Readonly<Pod>): void {
    if (oldPod.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const labelChanged = !deepEqual(oldPod.metadata.labels ?? {}, cur.metadata.labels ?? {});
    if (cur.metadata.deletionTimestamp) {
      // Graceful deletion: count it now so the ReplicaSet does not wait the whole grace period.
      this.delete(cur);
      if (labelChanged) this.delete(oldPod);
      return;
    }
    const curRef = getControllerOf(cur);
    const oldRef = getControllerOf(oldPod);
    const refChanged = curRef?.uid !== oldRef?.uid;
    if (refChanged && oldRef) {
      const old = this.resolve(oldPod);
      if (old) this.deps.enqueue(old);
    }
    if (curRef) {
      const rs = this.resolve(cur);
      if (!rs) return;
      if (labelChanged || refChanged) this.deps.enqueue(rs);
      else this.deps.wake(rs);
      const minReady = rs.spec?.minReadySeconds ?? 0;
      if (!isPodReady(oldPod) && isPodReady(cur) && minReady > 0) this.deps.enqueueAfter(rs, minReady * 1000 + 1000);
      return;
    }
    if (labelChanged || refChanged) for (const rs of this.matching(cur)) this.deps.enqueue(rs);
  }

  delete(obj: Readonly<Pod> | DeletedFinalStateUnknown<Pod>): void {
    const pod = deletedObject(obj);
    if (!getControllerOf(pod)) return;
    const rs = this.resolve(pod);
    if (!rs) return;
    this.deps.expectations.deletionObserved(rsKeyOf(rs), podKey(pod));
    this.#observed(rs);
  }
}
