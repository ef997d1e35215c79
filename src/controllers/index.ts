/**
 * controllers: kube-controller-manager's controllers as API clients — the manager (one informer factory, recorders,
 * leader election), the Deployment and ReplicaSet controllers, and the shared building blocks (expectations,
 * controller references, slow-start batches, pod ranking).
 */
export type { Controller, ControllerContext, ControllerFactory } from './context.js';
export * from './manager/index.js';
export * from './shared/index.js';
export { ReplicaSetController, newReplicaSetController, BURST_REPLICAS, type ReplicaSetControllerOptions } from './replicaset/index.js';
export {
  DeploymentController,
  newDeploymentController,
  computeHash,
  equalIgnoreHash,
  normalizePodTemplate,
  POD_TEMPLATE_HASH_LABEL,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  CHANGE_CAUSE_ANNOTATION,
  type DeploymentControllerOptions,
} from './deployment/index.js';
export { benchReplicaSetCreation, type ReplicaSetCreationBenchOptions, type ReplicaSetCreationBenchResult } from './bench.js';
export { CidrSet } from './nodeipam/index.js';
