/**
 * ReplicaSet status (kubernetes pkg/controller/replicaset/replica_set_utils.go): counts over the pods the ReplicaSet
 * owns, the ReplicaFailure condition for create/delete errors, and the write through `replicasets/status`.
 *
 * Guarantees: `calculateStatus` is pure; `updateReplicaSetStatus` writes only when a count, the observed generation
 * or the conditions changed, and retries once on Conflict with a fresh read (statusUpdateRetries = 1).
 */
import type { Pod, ReplicaSet, ReplicaSetStatus, WorkloadCondition } from '../../api/index.js';
import type { ResourceClient } from '../../client/index.js';
import { deepEqual, isConflict, selectorFromSet } from '../../machinery/index.js';
import { errorMessage } from '../shared/errors.js';
import { isPodAvailable, isPodReady } from '../shared/pods.js';
import { omitZero, rfc3339, specReplicas } from '../shared/replicasets.js';

export const REPLICA_FAILURE = 'ReplicaFailure';

/** Computes the status the ReplicaSet should report for its active owned pods. */
export function calculateStatus(rs: Readonly<ReplicaSet>, pods: readonly Readonly<Pod>[], options: { manageError?: unknown; nowMs: number }): ReplicaSetStatus {
  const status: ReplicaSetStatus = structuredClone(rs.status ?? { replicas: 0 });
  const templateLabels = selectorFromSet(rs.spec?.template?.metadata?.labels ?? {});
  const minReady = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    if (templateLabels.matches(pod.metadata.labels ?? {})) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, options.nowMs)) available++;
    }
  }
  const failure = status.conditions?.find((c) => c.type === REPLICA_FAILURE);
  if (options.manageError !== undefined && !failure) {
    const diff = pods.length - specReplicas(rs);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    const cond: WorkloadCondition = { type: REPLICA_FAILURE, status: 'True', lastTransitionTime: rfc3339(options.nowMs), reason, message: errorMessage(options.manageError) };
    status.conditions = [...(status.conditions ?? []), cond];
  } else if (options.manageError === undefined && failure) {
    status.conditions = status.conditions!.filter((c) => c.type !== REPLICA_FAILURE);
    if (status.conditions.length === 0) delete status.conditions;
  }
  status.replicas = pods.length;
  status.fullyLabeledReplicas = fullyLabeled;
  status.readyReplicas = ready;
  status.availableReplicas = available;
  return omitZero(status, ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration']);
}

/** True when writing `next` would change what the ReplicaSet reports. */
export function statusNeedsUpdate(rs: Readonly<ReplicaSet>, next: ReplicaSetStatus): boolean {
  const cur = rs.status;
  return (
    (cur?.replicas ?? 0) !== next.replicas ||
    (cur?.fullyLabeledReplicas ?? 0) !== (next.fullyLabeledReplicas ?? 0) ||
    (cur?.readyReplicas ?? 0) !== (next.readyReplicas ?? 0) ||
    (cur?.availableReplicas ?? 0) !== (next.availableReplicas ?? 0) ||
    (rs.metadata.generation ?? 0) !== (cur?.observedGeneration ?? 0) ||
    !deepEqual(cur?.conditions ?? [], next.conditions ?? [])
  );
}

/**
 * Writes `next` (with observedGeneration = metadata.generation) through the status subresource when it differs.
 * Returns the ReplicaSet as stored afterwards (the input when nothing was written).
 */
export async function updateReplicaSetStatus(client: ResourceClient<ReplicaSet>, rs: Readonly<ReplicaSet>, next: ReplicaSetStatus): Promise<Readonly<ReplicaSet>> {
  if (!statusNeedsUpdate(rs, next)) return rs;
  // The status describes the spec of `rs`, so it observes rs's generation even when retried on a fresher copy.
  const status = omitZero<ReplicaSetStatus>({ ...next, observedGeneration: rs.metadata.generation ?? 0 }, ['observedGeneration']);
  let current: Readonly<ReplicaSet> = rs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.updateStatus({ ...current, status } as ReplicaSet);
    } catch (err) {
      if (attempt >= 1 || !isConflict(err)) throw err;
    }
    current = await client.get({ namespace: rs.metadata.namespace ?? '', name: rs.metadata.name ?? '' });
  }
}
