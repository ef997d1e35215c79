/** podgc: the pod garbage collector — terminated pods over a threshold, orphaned pods of deleted nodes, stuck terminating pods. */
export { DEFAULT_QUARANTINE_MS, DEFAULT_TERMINATED_POD_GC_THRESHOLD, PodGarbageCollector, type PodGarbageCollectorDeps, type PodGcReason } from './collector.js';
export { DEFAULT_GC_CHECK_PERIOD_MS, podGcController, type PodGcControllerOptions } from './controller.js';
export {
  TAINT_OUT_OF_SERVICE,
  byEvictionAndCreation,
  isPodEvicted,
  isPodTerminated,
  missingNodeNames,
  terminatedPodsOverThreshold,
  terminatingPodsOnOutOfServiceNodes,
  unscheduledTerminatingPods,
} from './select.js';
