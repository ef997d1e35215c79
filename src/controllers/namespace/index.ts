/** namespace: the namespace controller — empties a terminating namespace, then finalizes it. */
export {
  CONDITION_TYPES,
  NamespaceContentRemaining,
  NamespaceDeletionContentFailure,
  NamespaceDeletionDiscoveryFailure,
  NamespaceDeletionGVParsingFailure,
  NamespaceFinalizersRemaining,
  failureConditions,
  updateConditions,
  type DeletionReport,
  type NamespaceCondition,
} from './conditions.js';
export { DEFAULT_DELETION_GRACE_PERIOD_MS, NamespaceReconciler, namespaceController, requeueAfterForEstimate, type NamespaceControllerOptions } from './controller.js';
export { FINALIZER_ESTIMATE_SECONDS, FINALIZER_KUBERNETES, NamespaceDeletionError, NamespacedResourcesDeleter, type DeletionOutcome } from './deleter.js';
export { discoverNamespacedResources, discoveryFailureMessage, type DiscoveredResource, type DiscoveryResult } from './discovery.js';
