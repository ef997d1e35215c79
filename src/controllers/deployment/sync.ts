/**
 * The non-rollout paths of a deployment sync (kubernetes pkg/controller/deployment/sync.go): status-only syncs for
 * deployments being deleted, scaling (including paused deployments, which scale but never roll out), the paused /
 * resumed Progressing condition, scaling-event detection, and revision-history cleanup.
 */
import type { Deployment, ReplicaSet } from '../../api/index.js';
import { isNotFound } from '../../machinery/index.js';
import { filterActiveReplicaSets, specReplicas } from '../shared/replicasets.js';
import type { DeploymentDeps } from './deps.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replicaset.js';
import { apiScaler, scale } from './scale.js';
import { syncDeploymentStatus, writeDeploymentStatus } from './status.js';
import { DEPRECATED_ROLLBACK_TO_ANNOTATION, desiredReplicasAnnotation } from './util/annotations.js';
import { DEPLOYMENT_PROGRESSING, REASON, getDeploymentCondition, hasProgressDeadline, hasRevisionHistoryLimit, newDeploymentCondition, setDeploymentCondition } from './util/conditions.js';
import { sortByRevision } from './util/lookup.js';
import { deploymentReplicas } from './util/replicas.js';

/** syncStatusOnly: recompute and write status; no other change (a deployment being deleted). */
export async function syncStatusOnly(deps: DeploymentDeps, d: Deployment, rsList: Readonly<ReplicaSet>[]): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(deps, d, rsList, false);
  await syncDeploymentStatus(deps, [...oldRSs, newRS], newRS, d);
}

/** sync: a scaling event or a paused deployment — scale, clean up (when paused and no rollback is pending), status. */
export async function sync(deps: DeploymentDeps, d: Deployment, rsList: Readonly<ReplicaSet>[]): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(deps, d, rsList, false);
  await scale(apiScaler(deps), d, newRS, oldRSs);
  if (d.spec?.paused && d.metadata.annotations?.[DEPRECATED_ROLLBACK_TO_ANNOTATION] === undefined) {
    await cleanupDeployment(deps, oldRSs, d);
  }
  // Sizes come from the cache: scale's writes are seen on the next sync, as in Kubernetes.
  await syncDeploymentStatus(deps, [...oldRSs, newRS], newRS, d);
}

/**
 * checkPausedConditions: Progressing=Unknown DeploymentPaused while paused, DeploymentResumed once resumed (so time
 * spent paused never counts against the progress deadline). A ProgressDeadlineExceeded condition is left alone.
 */
export async function checkPausedConditions(deps: DeploymentDeps, d: Deployment): Promise<void> {
  if (!hasProgressDeadline(d)) return;
  const cond = getDeploymentCondition(d.status, DEPLOYMENT_PROGRESSING);
  if (cond?.reason === REASON.TimedOut) return;
  const pausedCondExists = cond?.reason === REASON.PausedDeploy;
  const now = deps.clock.now();
  if (d.spec?.paused && !pausedCondExists) {
    d.status ??= {};
    setDeploymentCondition(d.status, newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'Unknown', REASON.PausedDeploy, 'Deployment is paused', now));
  } else if (!d.spec?.paused && pausedCondExists) {
    d.status ??= {};
    setDeploymentCondition(d.status, newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'Unknown', REASON.ResumedDeploy, 'Deployment is resumed', now));
  } else return;
  await writeDeploymentStatus(deps, d);
}

/**
 * isScalingEvent: an active ReplicaSet records a desired-replicas annotation different from spec.replicas, i.e. the
 * deployment was resized since those ReplicaSets were sized.
 */
export async function isScalingEvent(deps: DeploymentDeps, d: Deployment, rsList: Readonly<ReplicaSet>[]): Promise<boolean> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(deps, d, rsList, false);
  for (const rs of filterActiveReplicaSets([...oldRSs, newRS])) {
    const desired = desiredReplicasAnnotation(rs);
    if (desired !== undefined && desired !== deploymentReplicas(d)) return true;
  }
  return false;
}

/**
 * cleanupDeployment: keeps at most revisionHistoryLimit old ReplicaSets, deleting the oldest revisions first — only
 * ones that are fully scaled down (spec and status at 0, generation observed) and not already being deleted.
 */
export async function cleanupDeployment(deps: DeploymentDeps, oldRSs: readonly Readonly<ReplicaSet>[], d: Readonly<Deployment>): Promise<void> {
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - d.spec!.revisionHistoryLimit!;
  if (diff <= 0) return;
  const byRevision = sortByRevision(cleanable);
  for (let i = 0; i < diff; i++) {
    const rs = byRevision[i]!;
    if ((rs.status?.replicas ?? 0) !== 0 || specReplicas(rs) !== 0) continue;
    if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata.deletionTimestamp) continue;
    try {
      await deps.rsClient.delete({ namespace: rs.metadata.namespace ?? '', name: rs.metadata.name ?? '' });
    } catch (err) {
      // Stop at the first real failure (the API server may be overloaded); a NotFound is already done.
      if (!isNotFound(err)) throw err;
    }
  }
}
