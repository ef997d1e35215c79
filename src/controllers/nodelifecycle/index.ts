/** nodelifecycle: node health from Leases, not-ready/unreachable taints, MarkPodsNotReady, taint-based eviction. */
export { nodeLifecycleController, type NodeLifecycleControllerOptions } from './controller.js';
export { DEFAULT_TOLERATION_SECONDS, effectiveTolerations, tolerationDeadline, type EvictionDecision } from './eviction.js';
export {
  DEFAULT_NODE_MONITOR_GRACE_PERIOD_MS,
  DEFAULT_NODE_STARTUP_GRACE_PERIOD_MS,
  MONITORED_CONDITIONS,
  NODE_LEASE_NAMESPACE,
  nodeConditionFromLease,
  observeNodeHealth,
  readyCondition,
  type LeaseVerdict,
  type NodeHealth,
} from './health.js';
export { NodeHealthReconciler, NodeLifecycleError, type NodeHealthDeps } from './node-health.js';
export { TaintEvictionReconciler, type TaintEvictionDeps } from './taint-eviction.js';
export {
  TAINT_DISK_PRESSURE,
  TAINT_MEMORY_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE,
  TAINT_NOT_READY,
  TAINT_PID_PRESSURE,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
  desiredNodeTaints,
  toleratesTaint,
  wantedTaints,
} from './taints.js';
