/**
 * The Recreate strategy (kubernetes pkg/controller/deployment/recreate.go): every old ReplicaSet goes to 0, and only
 * once no old pod is left running (Failed and Succeeded pods do not count; Unknown ones do) is the new ReplicaSet
 * created — never before, so old and new pods never run side by side — and scaled to spec.replicas.
 */
import type { Deployment, Pod, ReplicaSet } from '../../api/index.js';
import { filterActiveReplicaSets, specReplicas } from '../shared/replicasets.js';
import type { DeploymentDeps } from './deps.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replicaset.js';
import { syncRolloutStatus } from './progress.js';
import { apiScaler, scaleReplicaSetAndRecordEvent, type ReplicaSetScaler } from './scale.js';
import { cleanupDeployment } from './sync.js';
import { deploymentComplete } from './util/conditions.js';
import { actualReplicaCount, deploymentReplicas } from './util/replicas.js';

/** Pods of the deployment grouped by the uid of the ReplicaSet that controls them. */
export type PodMap = ReadonlyMap<string, readonly Readonly<Pod>[]>;

/** oldPodsRunning: old ReplicaSets still report replicas, or an old pod is not in a terminal phase. */
export function oldPodsRunning(newRS: Readonly<ReplicaSet> | undefined, oldRSs: readonly Readonly<ReplicaSet>[], podMap: PodMap): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  for (const [rsUid, pods] of podMap) {
    if (newRS && newRS.metadata.uid === rsUid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}

/** scaleDownOldReplicaSetsForRecreate: every active old ReplicaSet to 0; true when any was resized. */
export async function scaleDownOldReplicaSetsForRecreate(scaler: ReplicaSetScaler, oldRSs: readonly Readonly<ReplicaSet>[], d: Readonly<Deployment>): Promise<boolean> {
  let scaled = false;
  for (const rs of oldRSs) {
    if (specReplicas(rs) === 0) continue;
    if ((await scaleReplicaSetAndRecordEvent(scaler, rs, 0, d)).scaled) scaled = true;
  }
  return scaled;
}

/** rolloutRecreate: one Recreate step; returns the progress-check delay, if any. */
export async function rolloutRecreate(deps: DeploymentDeps, d: Deployment, rsList: Readonly<ReplicaSet>[], podMap: () => PodMap): Promise<number | undefined> {
  let { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(deps, d, rsList, false);
  let allRSs = [...oldRSs, newRS];
  const scaler = apiScaler(deps);
  if (await scaleDownOldReplicaSetsForRecreate(scaler, filterActiveReplicaSets(oldRSs), d)) return syncRolloutStatus(deps, allRSs, newRS, d);
  if (oldPodsRunning(newRS, oldRSs, podMap())) return syncRolloutStatus(deps, allRSs, newRS, d);
  if (!newRS) {
    ({ newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(deps, d, rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  await scaleReplicaSetAndRecordEvent(scaler, newRS!, deploymentReplicas(d), d);
  if (deploymentComplete(d, d.status ?? {})) await cleanupDeployment(deps, oldRSs, d);
  return syncRolloutStatus(deps, allRSs, newRS, d);
}
