/** replicaset: the ReplicaSet controller — keeps spec.replicas active pods per ReplicaSet. */
export { ReplicaSetController, newReplicaSetController, type ReplicaSetControllerOptions } from './controller.js';
export { BURST_REPLICAS, REPLICA_SET_KIND, manageReplicas, type ManageDeps } from './manage.js';
export { REPLICA_FAILURE, calculateStatus, statusNeedsUpdate, updateReplicaSetStatus } from './status.js';
export { syncReplicaSet, type ReplicaSetSyncDeps } from './sync.js';
