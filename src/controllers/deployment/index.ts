/** deployment: the Deployment controller — rolls Deployments out through ReplicaSets (RollingUpdate, Recreate). */
export { DeploymentController, newDeploymentController, syncDeployment, type DeploymentControllerOptions, type DeploymentSyncer } from './controller.js';
export { DEPLOYMENT_KIND, type DeploymentDeps } from './deps.js';
export { getAllReplicaSetsAndSyncRevision, getNewReplicaSet } from './new-replicaset.js';
export { progressCheckDelay, syncRolloutStatus } from './progress.js';
export { oldPodsRunning, rolloutRecreate, scaleDownOldReplicaSetsForRecreate, type PodMap } from './recreate.js';
export { getRollbackTo, rollback } from './rollback.js';
export { cleanupUnhealthyReplicas, reconcileNewReplicaSet, reconcileOldReplicaSets, rolloutRolling, scaleDownOldReplicaSetsForRollingUpdate } from './rolling.js';
export { apiScaler, proportionalSizes, scale, scaleReplicaSetAndRecordEvent, type ReplicaSetScaler, type ScalingOperation } from './scale.js';
export { calculateStatus as calculateDeploymentStatus, sameDeploymentStatus, syncDeploymentStatus, writeDeploymentStatus } from './status.js';
export { checkPausedConditions, cleanupDeployment, isScalingEvent, sync, syncStatusOnly } from './sync.js';
export * from './util/index.js';
