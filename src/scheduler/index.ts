/**
 * scheduler: skiff's kube-scheduler core — scheduling queue, cache, plugin framework, in-tree plugins and the
 * schedule-one loop — behind small ports (SchedulerSource, Binder, EventSink, PodWriter) so it runs against the API
 * server through client/ or in-process with fakes.
 */
export type {
  Binder,
  ClusterEventHandlers,
  EventInfo,
  EventSink,
  EventType,
  PodStatusPatch,
  PodWriter,
  SchedulerSource,
  SchedulingTracer,
} from './interfaces.js';
export { Scheduler, schedulerNameOf, type SchedulerOptions } from './scheduler.js';
export { numFeasibleNodesToFind, selectHost, ErrNoNodesAvailable } from './schedule-one.js';
export { isAssignedActive } from './event-handlers.js';
export { truncateMessage } from './failure.js';
export { SchedulerCache, CacheError, type CacheErrorReason, type CacheOptions } from './cache/cache.js';
export { Snapshot } from './cache/snapshot.js';
export { SchedulingQueue, type QueueOptions } from './queue/scheduling-queue.js';
export type { QueuedPodInfo } from './queue/queued-pod-info.js';
export { Nominator } from './queue/nominator.js';
export { Code, Status, SchedulingError, isSuccess } from './framework/status.js';
export { FitError, NodeToStatus, formatFitError, type Diagnosis } from './framework/diagnosis.js';
export { NodeInfo, HostPortInfo } from './framework/node-info.js';
export { PodInfo, podKey } from './framework/pod-info.js';
export { Resource } from './framework/resource.js';
export * from './framework/events.js';
export * from './framework/interface.js';
export { SchedulingFramework, type PluginEntry, type ProfileConfig, type FrameworkDeps } from './framework/runtime.js';
export { DEFAULT_PLUGINS, DEFAULT_SCHEDULER_NAME, defaultProfile, inTreeRegistry } from './plugins/registry.js';
export { Names as PluginNames } from './plugins/names.js';
export { benchSchedulingBasic, type BenchOptions, type BenchResult } from './bench.js';
export { schedulerPortsFromClient, bindingFor, statusPatchFor, type ClientPortsOptions, type SchedulerPorts } from './client-ports.js';
