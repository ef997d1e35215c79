/**
 * Deployment conditions and rollout predicates (kubernetes deploymentutil): Progressing / Available / ReplicaFailure
 * with Kubernetes' reasons, and the complete / progressing / timed-out tests the progress check uses. Times are
 * metav1.Time strings from the injected clock.
 */
import type { Deployment, DeploymentStatus, ReplicaSet, WorkloadCondition } from '../../../api/index.js';
import { timeMs } from '../../shared/pods.js';
import { rfc3339 } from '../../shared/replicasets.js';
import { deploymentReplicas } from './replicas.js';

export const DEPLOYMENT_PROGRESSING = 'Progressing';
export const DEPLOYMENT_AVAILABLE = 'Available';
export const DEPLOYMENT_REPLICA_FAILURE = 'ReplicaFailure';

export const REASON = Object.freeze({
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  FailedRSCreate: 'ReplicaSetCreateError',
  NewReplicaSet: 'NewReplicaSetCreated',
  FoundNewRS: 'FoundNewReplicaSet',
  NewRSAvailable: 'NewReplicaSetAvailable',
  TimedOut: 'ProgressDeadlineExceeded',
  PausedDeploy: 'DeploymentPaused',
  ResumedDeploy: 'DeploymentResumed',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
  RollbackRevisionNotFound: 'DeploymentRollbackRevisionNotFound',
  RollbackTemplateUnchanged: 'DeploymentRollbackTemplateUnchanged',
  RollbackDone: 'DeploymentRollback',
});

/** Kubernetes' math.MaxInt32 sentinel meaning "no deadline" / "keep every revision". */
export const MAX_INT32 = 2147483647;

export function newDeploymentCondition(type: string, status: WorkloadCondition['status'], reason: string, message: string, nowMs: number): WorkloadCondition {
  const t = rfc3339(nowMs);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getDeploymentCondition(status: Readonly<DeploymentStatus> | undefined, type: string): WorkloadCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/**
 * SetDeploymentCondition: no-op when a condition of that type already has the same status and reason; keeps the old
 * lastTransitionTime when only the reason changes; the condition moves to the end of the list.
 */
export function setDeploymentCondition(status: DeploymentStatus, cond: WorkloadCondition): void {
  const cur = getDeploymentCondition(status, cond.type);
  if (cur && cur.status === cond.status && cur.reason === cond.reason) return;
  const next = { ...cond };
  if (cur && cur.status === cond.status) next.lastTransitionTime = cur.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), next];
}

export function removeDeploymentCondition(status: DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
  if (status.conditions.length === 0) delete status.conditions;
}

/** ReplicaSetToDeploymentCondition. */
export function replicaSetToDeploymentCondition(c: Readonly<WorkloadCondition>): WorkloadCondition {
  return {
    type: c.type,
    status: c.status,
    ...(c.lastTransitionTime ? { lastTransitionTime: c.lastTransitionTime, lastUpdateTime: c.lastTransitionTime } : {}),
    ...(c.reason !== undefined ? { reason: c.reason } : {}),
    ...(c.message !== undefined ? { message: c.message } : {}),
  };
}

/** HasProgressDeadline. */
export function hasProgressDeadline(d: Readonly<Deployment>): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return s !== undefined && s !== null && s !== MAX_INT32;
}

/** HasRevisionHistoryLimit. */
export function hasRevisionHistoryLimit(d: Readonly<Deployment>): boolean {
  const l = d.spec?.revisionHistoryLimit;
  return l !== undefined && l !== null && l !== MAX_INT32;
}

/** DeploymentComplete: every desired replica updated and available, no old ones left, generation observed. */
export function deploymentComplete(d: Readonly<Deployment>, s: Readonly<DeploymentStatus>): boolean {
  const r = deploymentReplicas(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** DeploymentProgressing: more updated/ready/available pods, or fewer old ones, than the last recorded status. */
export function deploymentProgressing(d: Readonly<Deployment>, s: Readonly<DeploymentStatus>): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/**
 * DeploymentTimedOut: the Progressing condition was last updated more than progressDeadlineSeconds before `nowMs`
 * (or already says ProgressDeadlineExceeded). Never for a deployment without a deadline or a completed rollout.
 */
export function deploymentTimedOut(d: Readonly<Deployment>, s: Readonly<DeploymentStatus>, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getDeploymentCondition(s, DEPLOYMENT_PROGRESSING);
  if (!cond) return false;
  if (cond.reason === REASON.NewRSAvailable) return false;
  if (cond.reason === REASON.TimedOut) return true;
  const from = timeMs(cond.lastUpdateTime) ?? 0;
  return from + d.spec!.progressDeadlineSeconds! * 1000 < nowMs;
}

/** The ReplicaFailure conditions of the new ReplicaSet, else of any ReplicaSet (getReplicaFailures). */
export function replicaFailures(allRSs: ReadonlyArray<Readonly<ReplicaSet> | undefined>, newRS: Readonly<ReplicaSet> | undefined): WorkloadCondition[] {
  const of = (rs: Readonly<ReplicaSet>) => (rs.status?.conditions ?? []).filter((c) => c.type === DEPLOYMENT_REPLICA_FAILURE).map(replicaSetToDeploymentCondition);
  if (newRS) {
    const own = of(newRS);
    if (own.length) return own;
  }
  return allRSs.flatMap((rs) => (rs ? of(rs) : []));
}
