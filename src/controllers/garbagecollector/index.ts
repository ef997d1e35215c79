/** garbagecollector: cascading deletion over the ownerReference graph (Background, Foreground, Orphan). */
export { ReferenceCache } from './absent-owner-cache.js';
export { GarbageCollector, VIRTUAL_RECHECK_MS } from './collector.js';
export { garbageCollectorController, type GarbageCollectorOptions } from './controller.js';
export { decideDependentAction, type ClassifiedReferences, type Decision } from './decide.js';
export {
  DependencyGraph,
  FINALIZER_FOREGROUND,
  FINALIZER_ORPHAN,
  GraphNode,
  deletionStartsWithFinalizer,
  hasFinalizer,
  identityKey,
  referencesDiffs,
  type GraphEvent,
  type GraphHooks,
  type ObjectIdentity,
} from './graph.js';
export { GcError, GcOperations, RestMapper, isGcError, type GcErrorReason } from './operations.js';
