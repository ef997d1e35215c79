/**
 * Rollout progress (kubernetes pkg/controller/deployment/progress.go): the Progressing condition during a rollout,
 * ReplicaFailure promoted from the ReplicaSets, and when to look again for a stuck rollout.
 *
 * Progressing becomes (in this order of precedence, only while the rollout is not already complete):
 *   True  NewReplicaSetAvailable   — every replica updated and available;
 *   True  ReplicaSetUpdated        — pods were added, became ready/available, or old ones went away (only
 *                                    lastUpdateTime moves while it stays True);
 *   False ProgressDeadlineExceeded — no progress for progressDeadlineSeconds since the condition's lastUpdateTime.
 * When nothing changed, the result says when the deadline check is due (lastUpdateTime + deadline − now, + 1 s).
 */
import type { Deployment, ReplicaSet } from '../../api/index.js';
import type { DeploymentDeps } from './deps.js';
import { calculateStatus, sameDeploymentStatus, writeDeploymentStatus } from './status.js';
import {
  DEPLOYMENT_PROGRESSING,
  DEPLOYMENT_REPLICA_FAILURE,
  REASON,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getDeploymentCondition,
  hasProgressDeadline,
  newDeploymentCondition,
  removeDeploymentCondition,
  replicaFailures,
  setDeploymentCondition,
} from './util/conditions.js';
import { timeMs } from '../shared/pods.js';

/** Milliseconds until the progress deadline check is due, or undefined when none is needed (requeueStuckDeployment). */
export function progressCheckDelay(d: Readonly<Deployment>, status: Parameters<typeof deploymentComplete>[1], nowMs: number): number | undefined {
  const cond = getDeploymentCondition(d.status, DEPLOYMENT_PROGRESSING);
  if (!hasProgressDeadline(d) || !cond) return undefined;
  if (deploymentComplete(d, status) || cond.reason === REASON.TimedOut) return undefined;
  const after = (timeMs(cond.lastUpdateTime) ?? 0) + d.spec!.progressDeadlineSeconds! * 1000 - nowMs;
  // Kubernetes requeues rate-limited when less than a second is left; one second later is as good and cannot spin.
  return Math.max(0, after) + 1000;
}

/**
 * syncRolloutStatus: writes the rollout status when it changed. Returns the delay after which the deployment should
 * be synced again for a progress-deadline check (undefined: no need).
 */
export async function syncRolloutStatus(
  deps: DeploymentDeps,
  allRSs: ReadonlyArray<Readonly<ReplicaSet> | undefined>,
  newRS: Readonly<ReplicaSet> | undefined,
  d: Deployment,
): Promise<number | undefined> {
  const nowMs = deps.clock.now();
  const status = calculateStatus(allRSs, newRS, d, nowMs);
  if (!hasProgressDeadline(d)) removeDeploymentCondition(status, DEPLOYMENT_PROGRESSING);

  const current = getDeploymentCondition(d.status, DEPLOYMENT_PROGRESSING);
  const isCompleteDeployment = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && current?.reason === REASON.NewRSAvailable;
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    const rsName = newRS?.metadata.name;
    const dName = d.metadata.name ?? '';
    if (deploymentComplete(d, status)) {
      const msg = rsName ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${dName}" has successfully progressed.`;
      setDeploymentCondition(status, newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'True', REASON.NewRSAvailable, msg, nowMs));
    } else if (deploymentProgressing(d, status)) {
      const msg = rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${dName}" is progressing.`;
      const cond = newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'True', REASON.ReplicaSetUpdated, msg, nowMs);
      // Same reason, new lastUpdateTime: replace the condition, keeping lastTransitionTime while it stays True.
      if (current) {
        if (current.status === 'True' && current.lastTransitionTime) cond.lastTransitionTime = current.lastTransitionTime;
        removeDeploymentCondition(status, DEPLOYMENT_PROGRESSING);
      }
      setDeploymentCondition(status, cond);
    } else if (deploymentTimedOut(d, status, nowMs)) {
      const msg = rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${dName}" has timed out progressing.`;
      setDeploymentCondition(status, newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'False', REASON.TimedOut, msg, nowMs));
    }
  }

  const failures = replicaFailures(allRSs, newRS);
  if (failures.length > 0) setDeploymentCondition(status, failures[0]!);
  else removeDeploymentCondition(status, DEPLOYMENT_REPLICA_FAILURE);

  if (sameDeploymentStatus(d.status, status)) return progressCheckDelay(d, status, nowMs);
  d.status = status;
  await writeDeploymentStatus(deps, d);
  return undefined;
}
