/**
 * The RollingUpdate strategy (kubernetes pkg/controller/deployment/rolling.go). Each sync takes one step:
 *   1. scale the new ReplicaSet up as far as maxSurge allows (or down to spec.replicas) — if it changed, stop;
 *   2. scale old ReplicaSets down as far as maxUnavailable allows, unhealthy replicas first — if any, stop;
 *   3. when the rollout is complete, trim old ReplicaSets to revisionHistoryLimit;
 * and always finish with the rollout status. ReplicaSet status (available counts) moves the next step forward.
 */
import type { Deployment, ReplicaSet } from '../../api/index.js';
import { filterActiveReplicaSets, sortByCreationTimestamp, specReplicas } from '../shared/replicasets.js';
import type { DeploymentDeps } from './deps.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replicaset.js';
import { syncRolloutStatus } from './progress.js';
import { apiScaler, scaleReplicaSetAndRecordEvent, type ReplicaSetScaler } from './scale.js';
import { cleanupDeployment } from './sync.js';
import { deploymentComplete } from './util/conditions.js';
import { availableReplicaCount, deploymentReplicas, maxUnavailable, newRSNewReplicas, replicaCount } from './util/replicas.js';

/** reconcileNewReplicaSet: true when the new ReplicaSet was resized. */
export async function reconcileNewReplicaSet(scaler: ReplicaSetScaler, allRSs: readonly Readonly<ReplicaSet>[], newRS: Readonly<ReplicaSet>, d: Readonly<Deployment>): Promise<boolean> {
  const replicas = deploymentReplicas(d);
  if (specReplicas(newRS) === replicas) return false;
  if (specReplicas(newRS) > replicas) return (await scaleReplicaSetAndRecordEvent(scaler, newRS, replicas, d)).scaled;
  return (await scaleReplicaSetAndRecordEvent(scaler, newRS, newRSNewReplicas(d, allRSs, newRS), d)).scaled;
}

/**
 * cleanupUnhealthyReplicas: scales old ReplicaSets down by their unavailable replicas (oldest first), at most
 * `maxCleanup` in total. Returns the (possibly updated) old ReplicaSets and how many replicas went.
 */
export async function cleanupUnhealthyReplicas(
  scaler: ReplicaSetScaler,
  oldRSs: readonly Readonly<ReplicaSet>[],
  d: Readonly<Deployment>,
  maxCleanup: number,
): Promise<{ oldRSs: Readonly<ReplicaSet>[]; cleaned: number }> {
  const sorted = sortByCreationTimestamp(oldRSs);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanup) break;
    const rs = sorted[i]!;
    const replicas = specReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const down = Math.min(maxCleanup - total, replicas - available);
    const { rs: updated } = await scaleReplicaSetAndRecordEvent(scaler, rs, replicas - down, d);
    total += down;
    sorted[i] = updated;
  }
  return { oldRSs: sorted, cleaned: total };
}

/** scaleDownOldReplicaSetsForRollingUpdate: scales old ReplicaSets (oldest first) down while availability allows. */
export async function scaleDownOldReplicaSetsForRollingUpdate(
  scaler: ReplicaSetScaler,
  allRSs: readonly Readonly<ReplicaSet>[],
  oldRSs: readonly Readonly<ReplicaSet>[],
  d: Readonly<Deployment>,
): Promise<number> {
  const minAvailable = deploymentReplicas(d) - maxUnavailable(d);
  const available = availableReplicaCount(allRSs);
  if (available <= minAvailable) return 0;
  const toScaleDown = available - minAvailable;
  let total = 0;
  for (const rs of sortByCreationTimestamp(oldRSs)) {
    if (total >= toScaleDown) break;
    const replicas = specReplicas(rs);
    if (replicas === 0) continue;
    const down = Math.min(replicas, toScaleDown - total);
    await scaleReplicaSetAndRecordEvent(scaler, rs, replicas - down, d);
    total += down;
  }
  return total;
}

/**
 * reconcileOldReplicaSets: how far old ReplicaSets may shrink is
 *   allPods − minAvailable − (new ReplicaSet's unavailable pods)
 * so pods of a broken new ReplicaSet never let old, working ones go. Unhealthy old replicas go first.
 */
export async function reconcileOldReplicaSets(
  scaler: ReplicaSetScaler,
  allRSs: readonly Readonly<ReplicaSet>[],
  oldRSs: readonly Readonly<ReplicaSet>[],
  newRS: Readonly<ReplicaSet>,
  d: Readonly<Deployment>,
): Promise<boolean> {
  if (replicaCount(oldRSs) === 0) return false;
  const allPods = replicaCount(allRSs);
  const minAvailable = deploymentReplicas(d) - maxUnavailable(d);
  const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const { oldRSs: cleanedOld, cleaned } = await cleanupUnhealthyReplicas(scaler, oldRSs, d, maxScaledDown);
  const scaledDown = await scaleDownOldReplicaSetsForRollingUpdate(scaler, [...cleanedOld, newRS], cleanedOld, d);
  return cleaned + scaledDown > 0;
}

/** rolloutRolling: one RollingUpdate step; returns the progress-check delay, if any. */
export async function rolloutRolling(deps: DeploymentDeps, d: Deployment, rsList: Readonly<ReplicaSet>[]): Promise<number | undefined> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(deps, d, rsList, true);
  const allRSs = [...oldRSs, newRS!];
  const scaler = apiScaler(deps);
  if (await reconcileNewReplicaSet(scaler, allRSs, newRS!, d)) return syncRolloutStatus(deps, allRSs, newRS, d);
  if (await reconcileOldReplicaSets(scaler, allRSs, filterActiveReplicaSets(oldRSs), newRS!, d)) return syncRolloutStatus(deps, allRSs, newRS, d);
  if (deploymentComplete(d, d.status ?? {})) await cleanupDeployment(deps, oldRSs, d);
  return syncRolloutStatus(deps, allRSs, newRS, d);
}
