/** shared: the building blocks every workload controller uses (kubernetes pkg/controller controller_utils.go & co). */
export { ControllerError, errorMessage, isControllerError, type ControllerErrorReason } from './errors.js';
export { ControllerExpectations, EXPECTATIONS_TTL_MS, type ExpectationCounts } from './expectations.js';
export {
  adoptPatch,
  claimObjects,
  getControllerOf,
  isControlledBy,
  newControllerRef,
  recheckDeletionTimestamp,
  releasePatch,
  throwIfClaimFailed,
  type ClaimOptions,
  type ClaimResult,
  type OwnerKind,
} from './controller-ref.js';
export { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch, slowStartBatchSizes, type SlowStartOptions, type SlowStartResult } from './slow-start.js';
export { filterActivePods, getPodReadyCondition, isPodActive, isPodAvailable, isPodReady, podKey, timeMs } from './pods.js';
export { POD_DELETION_COST_ANNOTATION, compareActivePodsWithRanks, podDeletionCost, podsToDelete, rankPodsForDeletion, type RankedPod } from './pod-ranking.js';
export { podFromTemplate, podNamePrefix } from './pod-template.js';
export { TRACE_CONTEXT_ANNOTATION, copyTraceContext } from './trace-context.js';
export { CONTROLLER_UID_INDEX, controllerUidIndexFunc, orphanKey, ownedAndOrphans, workloadIndexers } from './indexers.js';
export {
  NAMESPACE_TERMINATING_CAUSE,
  compareByCreationTimestamp,
  filterActiveReplicaSets,
  hasStatusCause,
  omitZero,
  rfc3339,
  sortByCreationTimestamp,
  sortBySizeNewer,
  sortBySizeOlder,
  specReplicas,
} from './replicasets.js';
