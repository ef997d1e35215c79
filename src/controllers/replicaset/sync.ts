/**
 * syncReplicaSet (kubernetes pkg/controller/replicaset/replica_set.go): one level-triggered pass over one
 * ReplicaSet, reading only informer caches and writing only through the API.
 *
 *   1. gone from the cache → forget its expectations; done.
 *   2. claim pods: the ReplicaSet's own pods plus the namespace's orphans (adopt matching orphans, release own pods
 *      whose labels no longer match); keep the active ones.
 *   3. when expectations are satisfied and the ReplicaSet is not being deleted: create/delete pods (manageReplicas).
 *   4. write status when it changed (ReplicaFailure carries a create/delete error).
 *   5. with minReadySeconds, ready-but-not-yet-available pods → ask to be synced again after minReadySeconds.
 * A manageReplicas error is rethrown after the status write, so the work queue retries with backoff.
 */
import type { Pod, ReplicaSet } from '../../api/index.js';
import type { EventRecorder, Lister, ReconcileResult, ResourceClient } from '../../client/index.js';
import { selectorFromLabelSelector, type Clock, type ObjectKey, type Selector } from '../../machinery/index.js';
import { claimObjects, getControllerOf, recheckDeletionTimestamp, throwIfClaimFailed } from '../shared/controller-ref.js';
import type { ControllerExpectations } from '../shared/expectations.js';
import { CONTROLLER_UID_INDEX, ownedAndOrphans } from '../shared/indexers.js';
import { filterActivePods, isPodActive } from '../shared/pods.js';
import { specReplicas } from '../shared/replicasets.js';
import { REPLICA_SET_KIND, manageReplicas } from './manage.js';
import { calculateStatus, updateReplicaSetStatus } from './status.js';

export interface ReplicaSetSyncDeps {
  rsLister: Lister<ReplicaSet>;
  podLister: Lister<Pod>;
  rsClient: ResourceClient<ReplicaSet>;
  podClient: ResourceClient<Pod>;
  expectations: ControllerExpectations;
  recorder: EventRecorder;
  clock: Clock;
  burstReplicas: number;
  /** Reports a ReplicaSet the controller cannot act on (an invalid selector); it is not retried. */
  onInvalid?: (rs: Readonly<ReplicaSet>, err: unknown) => void;
}

/** Active pods owned by the other ReplicaSets of the same controller (and this one): the "related" pods. */
function relatedPods(deps: ReplicaSetSyncDeps, rs: Readonly<ReplicaSet>): Readonly<Pod>[] {
  const ctrl = getControllerOf(rs);
  const siblings = ctrl ? deps.rsLister.byIndex(CONTROLLER_UID_INDEX, ctrl.uid) : [rs];
  const out: Readonly<Pod>[] = [];
  for (const sibling of siblings) {
    if (!sibling.metadata.uid) continue;
    for (const p of deps.podLister.byIndex(CONTROLLER_UID_INDEX, sibling.metadata.uid)) if (isPodActive(p)) out.push(p);
  }
  return out;
}

/** One pass over the ReplicaSet `key`; see the module comment. */
export async function syncReplicaSet(deps: ReplicaSetSyncDeps, key: ObjectKey): Promise<ReconcileResult> {
  const rsKey = `${key.namespace}/${key.name}`;
  const rs = deps.rsLister.get(key);
  if (!rs) {
    deps.expectations.deleteExpectations(rsKey);
    return;
  }
  const needsSync = deps.expectations.satisfiedExpectations(rsKey);
  let selector: Selector;
  try {
    selector = selectorFromLabelSelector(rs.spec?.selector);
  } catch (err) {
    deps.onInvalid?.(rs, err);
    return;
  }

  const candidates = filterActivePods(ownedAndOrphans(deps.podLister, rs.metadata.uid ?? '', key.namespace));
  const { claimed, errors } = await claimObjects<Pod>(candidates, {
    controller: rs,
    controllerKind: REPLICA_SET_KIND,
    selector,
    canAdopt: recheckDeletionTimestamp(rs, () => deps.rsClient.get(key)),
    patch: async (pod, patch) => {
      await deps.podClient.patch({ namespace: key.namespace, name: pod.metadata.name ?? '' }, patch, { type: 'strategic' });
    },
  });
  throwIfClaimFailed(`pods for ReplicaSet ${rsKey}`, errors);

  let manageError: unknown;
  if (needsSync && !rs.metadata.deletionTimestamp) {
    try {
      await manageReplicas(
        {
          podClient: deps.podClient,
          recorder: deps.recorder,
          expectations: deps.expectations,
          burstReplicas: deps.burstReplicas,
          nowMs: deps.clock.now(),
          relatedPods: () => relatedPods(deps, rs),
        },
        rs,
        claimed,
      );
    } catch (err) {
      manageError = err;
    }
  }

  const nowMs = deps.clock.now();
  const status = calculateStatus(rs, claimed, { manageError, nowMs });
  const updated = await updateReplicaSetStatus(deps.rsClient, rs, status);
  if (manageError !== undefined) throw manageError;
  const minReady = updated.spec?.minReadySeconds ?? 0;
  const replicas = specReplicas(updated);
  const st = updated.status;
  if (minReady > 0 && (st?.readyReplicas ?? 0) === replicas && (st?.availableReplicas ?? 0) !== replicas) {
    return { requeueAfter: minReady * 1000 };
  }
  return;
}
