/**
 * Deployment status: what it should report (calculateStatus) and how it is written (through deployments/status).
 *
 * Kubernetes keeps metadata.annotations from a Deployment status write (its status strategy resets only spec and
 * labels), which is how the controller records `deployment.kubernetes.io/revision` on the Deployment. An API server
 * whose status write keeps all stored metadata would drop it, so `writeDeploymentStatus` checks the answer and, when
 * the revision annotation did not stick, sets it with a merge PATCH. The working copy's resourceVersion follows every
 * write, so later writes of the same sync do not conflict with our own.
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from '../../api/index.js';
import { deepEqual } from '../../machinery/index.js';
import { omitZero } from '../shared/replicasets.js';
import { REVISION_ANNOTATION } from './util/annotations.js';
import { DEPLOYMENT_AVAILABLE, REASON, newDeploymentCondition, setDeploymentCondition } from './util/conditions.js';
import { actualReplicaCount, availableReplicaCount, deploymentReplicas, maxUnavailable, readyReplicaCount, replicaCount } from './util/replicas.js';
import type { DeploymentDeps } from './deps.js';

const COUNT_FIELDS = ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'] as const;

/** Status equality as Go compares the structs: an absent counter equals 0. */
export function sameDeploymentStatus(a: Readonly<DeploymentStatus> | undefined, b: Readonly<DeploymentStatus>): boolean {
  const x = a ?? {};
  for (const k of COUNT_FIELDS) if ((x[k] ?? 0) !== (b[k] ?? 0)) return false;
  return x.collisionCount === b.collisionCount && deepEqual(x.conditions ?? [], b.conditions ?? []);
}

/** calculateStatus: counts over the ReplicaSets, and the Available condition. */
export function calculateStatus(allRSs: ReadonlyArray<Readonly<ReplicaSet> | undefined>, newRS: Readonly<ReplicaSet> | undefined, d: Readonly<Deployment>, nowMs: number): DeploymentStatus {
  const available = availableReplicaCount(allRSs);
  const total = replicaCount(allRSs);
  const counts: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: actualReplicaCount(allRSs),
    updatedReplicas: actualReplicaCount([newRS]),
    readyReplicas: readyReplicaCount(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
    ...(d.status?.conditions ? { conditions: d.status.conditions.map((c) => ({ ...c })) } : {}),
  };
  const status = omitZero(counts, COUNT_FIELDS);
  if (available >= deploymentReplicas(d) - maxUnavailable(d)) {
    setDeploymentCondition(status, newDeploymentCondition(DEPLOYMENT_AVAILABLE, 'True', REASON.MinimumReplicasAvailable, 'Deployment has minimum availability.', nowMs));
  } else {
    setDeploymentCondition(status, newDeploymentCondition(DEPLOYMENT_AVAILABLE, 'False', REASON.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', nowMs));
  }
  return status;
}

/** Writes `d.status` (and, see the module comment, its revision annotation). Updates `d`'s resourceVersion. */
export async function writeDeploymentStatus(deps: DeploymentDeps, d: Deployment): Promise<void> {
  const stored = await deps.dClient.updateStatus(d);
  d.metadata.resourceVersion = stored.metadata.resourceVersion;
  const want = d.metadata.annotations?.[REVISION_ANNOTATION];
  if (want === undefined || stored.metadata.annotations?.[REVISION_ANNOTATION] === want) return;
  const key = { namespace: d.metadata.namespace ?? '', name: d.metadata.name ?? '' };
  const patched = await deps.dClient.patch(key, { metadata: { annotations: { [REVISION_ANNOTATION]: want } } }, { type: 'merge' });
  d.metadata.resourceVersion = patched.metadata.resourceVersion;
}

/** syncDeploymentStatus: writes the calculated status when it differs from the current one. */
export async function syncDeploymentStatus(deps: DeploymentDeps, allRSs: ReadonlyArray<Readonly<ReplicaSet> | undefined>, newRS: Readonly<ReplicaSet> | undefined, d: Deployment): Promise<void> {
  const status = calculateStatus(allRSs, newRS, d, deps.clock.now());
  if (sameDeploymentStatus(d.status, status)) return;
  d.status = status;
  await writeDeploymentStatus(deps, d);
}
