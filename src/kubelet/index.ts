/** kubelet: the node agent — pod workers over a CRI-shaped runtime (SimRuntime included), status, probes, node status. */
export { Kubelet, KubeletError, type KubeletOptions } from './kubelet.js';
export type { EventSink, EventType, KubeletEvent, NodeStatusSink, PodHandler, PodSource, StatusSink } from './sinks.js';
export { EventReason, containerRef, formatPod, podRef } from './events.js';
export { Backoff } from './backoff.js';
export { goDuration, rfc3339, rfc3339Nano } from './time.js';

export type * from './runtime/types.js';
export {
  RuntimeError,
  isRuntimeError,
  type ContainerRuntime,
  type ImageService,
  type PullFailure,
  type RuntimeErrorCode,
  type RuntimeService,
} from './runtime/service.js';
export * from './runtime/labels.js';
export { applyDefaultImageTag, defaultPullPolicy, InvalidImageNameError, parseImageReference, type ImageReference } from './runtime/image-ref.js';
export { SimRuntime } from './runtime/sim/sim-runtime.js';
export { MEASURED_LATENCIES, PAUSE_IMAGE, SIM_RUNTIME_NAME, SIM_RUNTIME_VERSION, type SimLatencies, type SimRuntimeOptions } from './runtime/sim/options.js';
export { SIM_ANNOTATION_PREFIX } from './runtime/sim/behaviour.js';
export { PodCidrAllocator } from './runtime/sim/ip-allocator.js';

export type { ProbeExecutor, ProbeOutcome, ProbeRequest, ProbeResult, ProbeType } from './prober/types.js';
export { ProbeManager, type ProbeManagerDeps } from './prober/manager.js';

export { PodWorkers, gracePeriodOf, type PodSyncer, type PodUpdateType, type PodWorkerState, type PodWorkersDeps, type SyncPodResult } from './pod/pod-workers.js';
export { computePodActions, type ContainerToKill, type PodActions, type ProbeView } from './pod/compute-actions.js';
export { getRuntimePodStatus, type RuntimeContainerStatus, type RuntimePodStatus } from './pod/runtime-status.js';

export { StatusManager, type StatusManagerDeps } from './status/status-manager.js';
export { generatePodStatus, podQOSClass, type GenerateOptions, type ProbeState } from './status/generate.js';
export { getPhase } from './status/phase.js';

export { buildNode, buildNodeStatus, setNodeStatus, KUBELET_VERSION, type NodeConfig, type NodeHealth, type NodeStatusUpdate } from './node/node-status.js';
export {
  DEFAULT_NODE_LEASE_DURATION_SECONDS,
  DEFAULT_NODE_STATUS_REPORT_FREQUENCY_MS,
  DEFAULT_NODE_STATUS_UPDATE_FREQUENCY_MS,
  NODE_LEASE_RENEW_INTERVAL_FRACTION,
  NodeStatusReporter,
  validateNodeStatusSettings,
  type NodeReporterDeps,
  type NodeStatusSettings,
} from './node/node-reporter.js';
export { nodeConditionsHaveChanged, nodeStatusHasChanged, nodeStatusPatch } from './node/status-diff.js';

export { benchPodSync, type PodSyncBenchOptions, type PodSyncBenchResult } from './bench.js';
export {
  apiNodeStatusSink,
  apiPodDeleter,
  apiStatusSink,
  informerPodSource,
  NODE_LEASE_NAMESPACE,
  recorderEventSink,
  statusMergePatch,
} from './api-adapter.js';
export { NodePodRouter } from './node-pod-router.js';
export { SimFleet, type SimFleetOptions, type SimNode } from './fleet.js';
export { createKubeletServer, handleContainerLogs, type KubeletServerDeps } from './server.js';
