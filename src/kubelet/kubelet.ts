/**
 * The kubelet of one node (steps 13–15 and 18 of the pod creation flow): receives the pods bound to the node from a
 * PodSource, runs a pod worker per pod over the container runtime, reports pod status through the StatusSink and
 * events through the EventSink, probes containers, and calls `onTerminated(pod)` when a deleted pod has fully stopped
 * so that the caller confirms the deletion (DELETE with grace period 0).
 */
import type { Clock } from '../machinery/index.js';
import type { Pod, PodStatus } from '../api/index.js';
import { Backoff } from './backoff.js';
import { PodEvents } from './events.js';
import { ImageManager } from './pod/image-manager.js';
import { PodWorkers, type PodWorkerState } from './pod/pod-workers.js';
import { KubeletPodSyncer } from './pod/syncer.js';
import { ProbeManager } from './prober/manager.js';
import type { ProbeExecutor } from './prober/types.js';
import { POD_UID_LABEL } from './runtime/labels.js';
import type { ContainerRuntime } from './runtime/service.js';
import type { LogReadOptions } from './runtime/types.js';
import type { EventSink, PodHandler, PodSource, StatusSink } from './sinks.js';
import { ReasonCache } from './status/reason-cache.js';
import { StatusManager } from './status/status-manager.js';

export interface KubeletOptions {
  nodeName: string;
  /** The node's InternalIP, reported as hostIP. */
  hostIP: string;
  clock: Clock;
  runtime: ContainerRuntime;
  /** Answers probes and httpGet/tcpSocket hooks. Default: the runtime, if it implements ProbeExecutor. */
  probeExecutor?: ProbeExecutor;
  statusSink: StatusSink;
  eventSink: EventSink;
  /** A deleted pod has stopped and its final status is written: delete it with grace period 0. */
  onTerminated?: (pod: Pod) => void | Promise<void>;
  /** Unexpected failures (the affected pod is retried). Default: console.error. */
  onError?: (err: unknown, pod?: Pod) => void;
  /** Periodic re-sync of every pod. Default 60 s. */
  resyncIntervalMs?: number;
  /** Retry period of failed status writes. Default 10 s. */
  statusRetryMs?: number;
}

function isProbeExecutor(x: unknown): x is ProbeExecutor {
  return typeof (x as { probe?: unknown }).probe === 'function';
}

export class KubeletError extends Error {
  override readonly name = 'KubeletError';
  constructor(
    readonly reason: 'NotStarted' | 'ContainerNotFound' | 'NoProbeExecutor' | 'InvalidConfiguration' | 'NodeStatusUpdateFailed',
    message: string,
  ) {
    super(message);
  }
}

export class Kubelet implements PodHandler {
  readonly nodeName: string;
  private readonly opts: KubeletOptions;
  private readonly status: StatusManager;
  private readonly probes: ProbeManager;
  private readonly workers: PodWorkers;
  private runtimeName = 'sim';
  private unsubscribe: (() => void)[] = [];
  private started = false;

  constructor(options: KubeletOptions) {
    this.opts = options;
    this.nodeName = options.nodeName;
    const executor = options.probeExecutor ?? (isProbeExecutor(options.runtime) ? options.runtime : undefined);
    if (!executor) throw new KubeletError('NoProbeExecutor', 'the runtime does not answer probes: pass probeExecutor');
    const onError = options.onError ?? ((err: unknown, pod?: Pod) => console.error(`kubelet ${options.nodeName}:`, pod?.metadata.name ?? '', err));
    this.status = new StatusManager({
      sink: options.statusSink,
      clock: options.clock,
      ...(options.statusRetryMs !== undefined ? { retryAfterMs: options.statusRetryMs } : {}),
      onError,
    });
    this.probes = new ProbeManager({
      clock: options.clock,
      executor,
      events: options.eventSink,
      getPodStatus: (uid) => this.status.getPodStatus(uid),
      onResultChange: (uid) => this.workers.syncByUid(uid),
    });
    const events = new PodEvents(options.eventSink);
    const syncer = new KubeletPodSyncer({
      runtime: options.runtime,
      clock: options.clock,
      events,
      executor,
      images: new ImageManager({ images: options.runtime, clock: options.clock, events, backoff: new Backoff(options.clock) }),
      reasons: new ReasonCache(),
      crashBackoff: new Backoff(options.clock),
      nodeName: options.nodeName,
      hostIP: options.hostIP,
      runtimeName: () => this.runtimeName,
      probes: this.probes,
      status: this.status,
      onError,
    });
    this.workers = new PodWorkers({
      clock: options.clock,
      syncer,
      onError,
      onForget: (pod) => this.status.removePod(pod.metadata.uid ?? ''),
      ...(options.onTerminated ? { onTerminated: options.onTerminated } : {}),
      ...(options.resyncIntervalMs !== undefined ? { resyncIntervalMs: options.resyncIntervalMs } : {}),
    });
  }

  /** Reads the runtime's name, watches its container events, and subscribes to `podSource` when given. */
  async start(podSource?: PodSource): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.runtimeName = (await this.opts.runtime.version()).runtimeName;
    this.unsubscribe.push(
      this.opts.runtime.subscribeContainerEvents((e) => {
        if (e.type !== 'CONTAINER_STOPPED_EVENT' && e.type !== 'CONTAINER_DELETED_EVENT') return;
        const uid = e.labels[POD_UID_LABEL];
        if (uid !== undefined) this.workers.syncByUid(uid);
      }),
    );
    if (podSource) this.unsubscribe.push(podSource.subscribe(this));
  }

  /** Stops receiving pods and events and cancels timers; containers are left as they are. */
  stop(): void {
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
    this.workers.stop();
    this.probes.stop();
  }

  private assertStarted(): void {
    if (!this.started) throw new KubeletError('NotStarted', 'kubelet.start() has not been called');
  }

  private mine(pod: Pod): boolean {
    return pod.spec?.nodeName === undefined || pod.spec.nodeName === this.nodeName;
  }

  onAdd(pod: Pod): void {
    this.assertStarted();
    if (this.mine(pod)) this.workers.updatePod(pod, 'create');
  }

  onUpdate(_oldPod: Pod, newPod: Pod): void {
    this.assertStarted();
    if (this.mine(newPod)) this.workers.updatePod(newPod, 'update');
  }

  onDelete(pod: Pod): void {
    this.assertStarted();
    this.workers.updatePod(pod, 'remove');
  }

  /** The status last computed for the pod. */
  podStatus(uid: string): PodStatus | undefined {
    return this.status.getPodStatus(uid);
  }

  /** The lifecycle state of the pod's worker (undefined once forgotten). */
  podState(uid: string): PodWorkerState | undefined {
    return this.workers.stateOf(uid);
  }

  /** Number of pods with a worker. */
  get podCount(): number {
    return this.workers.size;
  }

  private containerId(uid: string, containerName: string, previous: boolean): string {
    const status = this.status.getPodStatus(uid);
    const s = [...(status?.containerStatuses ?? []), ...(status?.initContainerStatuses ?? [])].find((c) => c.name === containerName);
    const state = previous ? s?.lastState : s?.state;
    const cid = previous ? state?.terminated?.containerID : (s?.containerID ?? state?.terminated?.containerID);
    if (!cid) {
      throw new KubeletError(
        'ContainerNotFound',
        previous
          ? `previous terminated container "${containerName}" in pod "${uid}" not found`
          : `container "${containerName}" in pod "${uid}" is waiting to start`,
      );
    }
    return cid.slice(cid.indexOf('://') + 3);
  }

  /** `kubectl logs`: the container's (or with `previous`, its last terminated instance's) log lines. */
  logs(pod: Pod, containerName: string, options: LogReadOptions & { previous?: boolean } = {}): AsyncIterable<string> {
    const id = this.containerId(pod.metadata.uid ?? '', containerName, options.previous === true);
    return this.opts.runtime.readLogs(id, options);
  }

  /** `kubectl exec` without a terminal: runs `cmd` in the container. */
  exec(pod: Pod, containerName: string, cmd: string[], options: { timeoutSeconds?: number } = {}) {
    const id = this.containerId(pod.metadata.uid ?? '', containerName, false);
    return this.opts.runtime.execSync(id, cmd, options);
  }

  /** Waits until the pod's latest status has been written (tests, shutdown). */
  flushStatus(uid: string): Promise<void> {
    return this.status.flush(uid);
  }
}
