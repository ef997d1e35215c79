/**
 * The prober manager (kubernetes pkg/kubelet/prober/prober_manager.go): starts and stops probe workers per pod, keeps
 * the liveness/readiness/startup results by container id, answers what computePodActions and status generation need,
 * and tells the kubelet when a result changes so that the pod is re-synced.
 */
import type { Clock } from '../../machinery/index.js';
import type { Container, Pod, PodStatus } from '../../api/index.js';
import { EventReason, PodEvents } from '../events.js';
import type { EventSink } from '../sinks.js';
import type { ProbeState } from '../status/generate.js';
import type { ProbeView } from '../pod/compute-actions.js';
import type { ProbeExecutor, ProbeOutcome, ProbeResult, ProbeType } from './types.js';
import { ProbeWorker, type WorkerHost } from './worker.js';

export interface ProbeManagerDeps {
  clock: Clock;
  executor: ProbeExecutor;
  events: EventSink;
  /** The status manager's cached status of a pod. */
  getPodStatus(uid: string): PodStatus | undefined;
  /** Called after a probe result changed (the kubelet re-syncs the pod). */
  onResultChange(podUid: string, type: ProbeType): void;
}

const TITLE: Record<ProbeType, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

export class ProbeManager implements ProbeState, ProbeView {
  private readonly workers = new Map<string, ProbeWorker[]>();
  private readonly results: Record<ProbeType, Map<string, ProbeResult>> = {
    liveness: new Map(),
    readiness: new Map(),
    startup: new Map(),
  };
  private readonly events: PodEvents;
  private readonly host: WorkerHost;

  constructor(private readonly deps: ProbeManagerDeps) {
    this.events = new PodEvents(deps.events);
    this.host = {
      clock: deps.clock,
      executor: deps.executor,
      getPodStatus: (uid) => deps.getPodStatus(uid),
      getResult: (type, id) => this.results[type].get(id),
      setResult: (type, id, result, pod) => {
        const prev = this.results[type].get(id);
        this.results[type].set(id, result);
        if (prev !== undefined && prev !== result) deps.onResultChange(pod.metadata.uid ?? '', type);
      },
      removeResult: (type, id) => void this.results[type].delete(id),
      recordFailure: (pod, container, type, outcome, errored) => this.recordFailure(pod, container, type, outcome, errored),
    };
  }

  private recordFailure(pod: Pod, container: Container, type: ProbeType, outcome: ProbeOutcome, errored: boolean): void {
    const verb = errored ? 'errored' : 'failed';
    this.events.container(pod, container, 'Warning', EventReason.ContainerUnhealthy, `${TITLE[type]} probe ${verb}: ${outcome.output}`);
  }

  /** Starts the workers for every probe of the pod's containers (and sidecars). Idempotent. */
  addPod(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    if (this.workers.has(uid)) return;
    const list: ProbeWorker[] = [];
    const containers = [...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'), ...(pod.spec?.containers ?? [])];
    for (const c of containers) {
      if (c.startupProbe) list.push(new ProbeWorker(this.host, pod, c, 'startup', c.startupProbe));
      if (c.readinessProbe) list.push(new ProbeWorker(this.host, pod, c, 'readiness', c.readinessProbe));
      if (c.livenessProbe) list.push(new ProbeWorker(this.host, pod, c, 'liveness', c.livenessProbe));
    }
    this.workers.set(uid, list);
    for (const w of list) w.start();
  }

  /** Stops every worker (the kubelet is shutting down): no probe timer is left to keep the process alive. */
  stop(): void {
    for (const uid of [...this.workers.keys()]) this.removePod(uid);
  }

  /** Stops the pod's workers and drops their results. */
  removePod(uid: string): void {
    const list = this.workers.get(uid);
    if (!list) return;
    this.workers.delete(uid);
    for (const w of list) w.stop();
  }

  /** Stops only liveness and startup workers (a terminating pod keeps reporting readiness until stopped). */
  stopLivenessAndStartup(uid: string): void {
    const list = this.workers.get(uid);
    if (!list) return;
    const keep: ProbeWorker[] = [];
    for (const w of list) {
      if (w.type === 'readiness') keep.push(w);
      else w.stop();
    }
    this.workers.set(uid, keep);
  }

  private worker(uid: string, name: string, type: ProbeType): ProbeWorker | undefined {
    return this.workers.get(uid)?.find((w) => w.container.name === name && w.type === type);
  }

  // ---- ProbeView (computePodActions) ----

  liveness(containerId: string): ProbeResult | undefined {
    return this.results.liveness.get(containerId);
  }

  startup(containerId: string): ProbeResult | undefined {
    return this.results.startup.get(containerId);
  }

  // ---- ProbeState (status generation) ----

  started(uid: string, container: Container, containerId: string): boolean {
    const r = this.results.startup.get(containerId);
    if (r !== undefined) return r === 'success';
    return !container.startupProbe || !this.worker(uid, container.name, 'startup');
  }

  ready(uid: string, container: Container, containerId: string): boolean {
    if (this.results.readiness.get(containerId) === 'success') return true;
    const w = this.worker(uid, container.name, 'readiness');
    if (!w) return !container.readinessProbe;
    // Not ready yet: probe now rather than at the next period (manualTriggerCh).
    w.trigger();
    return false;
  }

  /** Number of running workers (for tests). */
  get workerCount(): number {
    let n = 0;
    for (const l of this.workers.values()) n += l.length;
    return n;
  }
}
