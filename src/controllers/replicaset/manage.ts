/**
 * manageReplicas (kubernetes pkg/controller/replicaset/replica_set.go): brings the number of active pods of a
 * ReplicaSet to spec.replicas, at most `burstReplicas` creates or deletes per sync.
 *
 * Creates run in slow-start batches (1, 2, 4, …) and stop at the first failing batch; expectations are raised before
 * the first request and lowered for every create that failed or was never attempted, so the next sync runs only once
 * the informer has seen every pod that was really created. Deletes pick pods in ActivePodsWithRanks order, run
 * concurrently, and expect exactly those pods' deletions. Every outcome is recorded as an event on the ReplicaSet:
 * SuccessfulCreate "Created pod: <name>", FailedCreate "Error creating: <err>", SuccessfulDelete "Deleted pod:
 * <name>", FailedDelete "Error deleting: <err>".
 */
import type { KubeObject, Pod, ReplicaSet } from '../../api/index.js';
import type { EventRecorder, ResourceClient } from '../../client/index.js';
import { isNotFound } from '../../machinery/index.js';
import { newControllerRef } from '../shared/controller-ref.js';
import { ControllerError, errorMessage } from '../shared/errors.js';
import type { ControllerExpectations } from '../shared/expectations.js';
import { podsToDelete } from '../shared/pod-ranking.js';
import { podFromTemplate } from '../shared/pod-template.js';
import { podKey } from '../shared/pods.js';
import { NAMESPACE_TERMINATING_CAUSE, hasStatusCause, specReplicas } from '../shared/replicasets.js';
import { slowStartBatch } from '../shared/slow-start.js';

/** Kubernetes' BurstReplicas: the most creates or deletes one sync of one ReplicaSet issues. */
export const BURST_REPLICAS = 500;

export const REPLICA_SET_KIND = { apiVersion: 'apps/v1', kind: 'ReplicaSet' } as const;

export interface ManageDeps {
  podClient: ResourceClient<Pod>;
  recorder: EventRecorder;
  expectations: ControllerExpectations;
  burstReplicas: number;
  nowMs: number;
  /** Active pods of the ReplicaSet's siblings (same controller), for the "doubled up" rank of deletions. */
  relatedPods: () => readonly Readonly<Pod>[];
}

/** Creates one pod from the ReplicaSet's template; records the event. Namespace termination is not an error. */
async function createPod(deps: ManageDeps, rs: Readonly<ReplicaSet>): Promise<void> {
  const pod = podFromTemplate(rs.spec?.template ?? {}, rs, newControllerRef(rs, REPLICA_SET_KIND));
  if (!pod.metadata.labels || Object.keys(pod.metadata.labels).length === 0) {
    throw new ControllerError('InvalidValue', 'unable to create pods, no labels');
  }
  let created: Pod;
  try {
    created = await deps.podClient.create(pod);
  } catch (err) {
    if (hasStatusCause(err, NAMESPACE_TERMINATING_CAUSE)) return;
    deps.recorder.event(rs as KubeObject, 'Warning', 'FailedCreate', `Error creating: ${errorMessage(err)}`);
    throw err;
  }
  deps.recorder.event(rs as KubeObject, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name ?? ''}`);
}

async function deletePod(deps: ManageDeps, rs: Readonly<ReplicaSet>, pod: Readonly<Pod>): Promise<void> {
  try {
    await deps.podClient.delete({ namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '' });
  } catch (err) {
    if (!isNotFound(err)) deps.recorder.event(rs as KubeObject, 'Warning', 'FailedDelete', `Error deleting: ${errorMessage(err)}`);
    throw err;
  }
  deps.recorder.event(rs as KubeObject, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name ?? ''}`);
}

/**
 * Creates or deletes pods so `activePods.length` moves toward spec.replicas. Throws the first create error or a delete
 * error (NotFound deletes count as done); the caller reports it in status and retries the sync.
 */
export async function manageReplicas(deps: ManageDeps, rs: Readonly<ReplicaSet>, activePods: readonly Readonly<Pod>[]): Promise<void> {
  const rsKey = `${rs.metadata.namespace ?? ''}/${rs.metadata.name ?? ''}`;
  const diff = activePods.length - specReplicas(rs);
  if (diff < 0) {
    const want = Math.min(-diff, deps.burstReplicas);
    deps.expectations.expectCreations(rsKey, want);
    const { successes, error } = await slowStartBatch(want, () => createPod(deps, rs));
    // Creates that failed or were never attempted will never be observed.
    const skipped = want - successes;
    if (skipped > 0) deps.expectations.lowerExpectations(rsKey, skipped, 0);
    if (error !== undefined) throw error;
    return;
  }
  if (diff > 0) {
    const want = Math.min(diff, deps.burstReplicas);
    const victims = podsToDelete(activePods, want < activePods.length ? deps.relatedPods() : [], want, deps.nowMs);
    deps.expectations.expectDeletions(rsKey, victims.map(podKey));
    const results = await Promise.allSettled(victims.map((p) => deletePod(deps, rs, p)));
    let firstError: unknown;
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') return;
      // A failed delete will never be observed; a NotFound one is already gone.
      deps.expectations.deletionObserved(rsKey, podKey(victims[i]!));
      if (!isNotFound(r.reason) && firstError === undefined) firstError = r.reason;
    });
    if (firstError !== undefined) throw firstError;
  }
}
