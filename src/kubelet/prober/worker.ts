/**
 * One probe worker per (pod, container, probe type) — kubernetes pkg/kubelet/prober/worker.go. It probes every
 * periodSeconds, honours initialDelaySeconds, timeoutSeconds, successThreshold and failureThreshold, lets a startup
 * probe gate liveness and readiness, and holds off after a liveness/startup failure until the container is replaced.
 */
import type { Clock, Timer } from '../../machinery/index.js';
import type { Container, ContainerStatus, IntOrString, Pod, PodStatus, Probe, ProbeHandler } from '../../api/index.js';
import type { ProbeExecutor, ProbeOutcome, ProbeResult, ProbeType } from './types.js';

export interface WorkerHost {
  clock: Clock;
  executor: ProbeExecutor;
  getPodStatus(uid: string): PodStatus | undefined;
  getResult(type: ProbeType, containerId: string): ProbeResult | undefined;
  /** Stores a result; the host reports changes to the kubelet. */
  setResult(type: ProbeType, containerId: string, result: ProbeResult, pod: Pod): void;
  removeResult(type: ProbeType, containerId: string): void;
  /** Records the Unhealthy event of a failed probe. */
  recordFailure(pod: Pod, container: Container, type: ProbeType, outcome: ProbeOutcome, errored: boolean): void;
}

const INITIAL_RESULT: Record<ProbeType, ProbeResult> = { liveness: 'success', readiness: 'failure', startup: 'unknown' };

/** The probe with Kubernetes' defaults applied (period 10 s, timeout 1 s, thresholds 1 and 3). */
export function probeDefaults(p: Probe, type: ProbeType): Required<Pick<Probe, 'initialDelaySeconds' | 'periodSeconds' | 'timeoutSeconds' | 'successThreshold' | 'failureThreshold'>> {
  return {
    initialDelaySeconds: p.initialDelaySeconds ?? 0,
    periodSeconds: p.periodSeconds && p.periodSeconds > 0 ? p.periodSeconds : 10,
    timeoutSeconds: p.timeoutSeconds && p.timeoutSeconds > 0 ? p.timeoutSeconds : 1,
    // Liveness and startup probes must use a success threshold of 1.
    successThreshold: type === 'readiness' && p.successThreshold && p.successThreshold > 0 ? p.successThreshold : 1,
    failureThreshold: p.failureThreshold && p.failureThreshold > 0 ? p.failureThreshold : 3,
  };
}

/** Resolves a named port against the container's ports; numbers (and numeric strings) pass through. */
export function resolvePort(port: IntOrString, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  if (/^[0-9]+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

function timeoutOutput(handler: ProbeHandler, podIP: string | undefined, port: number | undefined, seconds: number): string {
  const ip = podIP ?? '';
  if (handler.httpGet) {
    const scheme = (handler.httpGet.scheme ?? 'HTTP').toLowerCase();
    return `Get "${scheme}://${ip}:${port ?? ''}${handler.httpGet.path ?? '/'}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`;
  }
  if (handler.tcpSocket) return `dial tcp ${ip}:${port ?? ''}: i/o timeout`;
  if (handler.grpc) return `timeout: failed to connect service "${ip}:${handler.grpc.port}" within ${seconds}s`;
  return `command "${(handler.exec?.command ?? []).join(' ')}" timed out`;
}

export class ProbeWorker {
  private readonly spec: ReturnType<typeof probeDefaults>;
  private containerId: string | undefined;
  private lastResult: ProbeResult | undefined;
  private resultRun = 0;
  private onHold = false;
  private stopped = false;
  private probing = false;
  private timer: Timer | undefined;

  constructor(
    private readonly host: WorkerHost,
    private readonly pod: Pod,
    readonly container: Container,
    readonly type: ProbeType,
    private readonly probe: Probe,
  ) {
    this.spec = probeDefaults(probe, type);
  }

  /** Runs the first probe now (in a microtask) and then every periodSeconds. */
  start(): void {
    queueMicrotask(() => void this.tick());
  }

  /**
   * Probes soon (in a microtask, so a status being generated is cached first) without changing the period
   * (manualTriggerCh); ignored while a probe is in flight.
   */
  trigger(): void {
    if (this.stopped || this.probing) return;
    queueMicrotask(() => {
      if (!this.stopped) void this.run();
    });
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
    if (this.containerId) this.host.removeResult(this.type, this.containerId);
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    this.timer = this.host.clock.setTimeout(() => void this.tick(), this.spec.periodSeconds * 1000);
    await this.run();
  }

  private async run(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    let keepGoing = true;
    try {
      keepGoing = await this.doProbe();
    } finally {
      this.probing = false;
    }
    if (!keepGoing) this.stop();
  }

  /** One probe round; returns false when the worker should stop for good. */
  private async doProbe(): Promise<boolean> {
    const uid = this.pod.metadata.uid ?? '';
    const status = this.host.getPodStatus(uid);
    if (!status) return true;
    if (status.phase === 'Succeeded' || status.phase === 'Failed') return false;
    const c = this.findStatus(status);
    if (!c?.containerID) return true;
    const id = c.containerID.slice(c.containerID.indexOf('://') + 3);
    if (this.containerId !== id) {
      if (this.containerId) this.host.removeResult(this.type, this.containerId);
      this.containerId = id;
      this.host.setResult(this.type, id, INITIAL_RESULT[this.type], this.pod);
      this.onHold = false;
      this.lastResult = undefined;
      this.resultRun = 0;
    }
    if (this.onHold) return true;
    const running = c.state?.running;
    if (!running) {
      this.host.setResult(this.type, id, 'failure', this.pod);
      return !(c.state?.terminated && (this.pod.spec?.restartPolicy ?? 'Always') === 'Never');
    }
    const startedAt = running.startedAt ? Date.parse(running.startedAt) : 0;
    if (this.host.clock.now() - startedAt < this.spec.initialDelaySeconds * 1000) return true;
    if (c.started) {
      if (this.type === 'startup') return true;
    } else if (this.type !== 'startup') {
      return true;
    }

    const outcome = await this.execute(id, status.podIP);
    if (this.stopped || this.containerId !== id) return !this.stopped;
    if (outcome.result === 'failure' || outcome.result === 'unknown') {
      this.host.recordFailure(this.pod, this.container, this.type, outcome, outcome.result === 'unknown');
    }
    if (outcome.result === 'unknown') return true;
    if (this.lastResult === outcome.result) this.resultRun++;
    else {
      this.lastResult = outcome.result;
      this.resultRun = 1;
    }
    if (
      (outcome.result === 'failure' && this.resultRun < this.spec.failureThreshold) ||
      (outcome.result === 'success' && this.resultRun < this.spec.successThreshold)
    ) {
      return true;
    }
    this.host.setResult(this.type, id, outcome.result, this.pod);
    if ((this.type === 'liveness' || this.type === 'startup') && outcome.result === 'failure') {
      // The container is about to be restarted: stop probing it until a new one replaces it.
      this.onHold = true;
      this.resultRun = 0;
    }
    return true;
  }

  private findStatus(status: PodStatus): ContainerStatus | undefined {
    const name = this.container.name;
    return status.containerStatuses?.find((s) => s.name === name) ?? status.initContainerStatuses?.find((s) => s.name === name);
  }

  private async execute(containerId: string, podIP: string | undefined): Promise<ProbeOutcome> {
    const handler: ProbeHandler = { ...this.probe };
    let port: number | undefined;
    if (this.probe.httpGet) {
      port = resolvePort(this.probe.httpGet.port, this.container);
      if (port === undefined) return { result: 'unknown', output: `unable to resolve port ${String(this.probe.httpGet.port)}` };
      handler.httpGet = { ...this.probe.httpGet, port };
    } else if (this.probe.tcpSocket) {
      port = resolvePort(this.probe.tcpSocket.port, this.container);
      if (port === undefined) return { result: 'unknown', output: `unable to resolve port ${String(this.probe.tcpSocket.port)}` };
      handler.tcpSocket = { ...this.probe.tcpSocket, port };
    }
    const seconds = this.spec.timeoutSeconds;
    let timer: Timer | undefined;
    const timeout = new Promise<ProbeOutcome>((resolve) => {
      timer = this.host.clock.setTimeout(
        () => resolve({ result: 'failure', output: timeoutOutput(handler, podIP, port, seconds) }),
        seconds * 1000,
      );
    });
    const request = { type: this.type, containerId, containerName: this.container.name, handler, timeoutSeconds: seconds };
    try {
      return await Promise.race([
        this.host.executor.probe(podIP === undefined ? request : { ...request, podIP }),
        timeout,
      ]);
    } catch (err) {
      return { result: 'unknown', output: err instanceof Error ? err.message : String(err) };
    } finally {
      timer?.cancel();
    }
  }
}
