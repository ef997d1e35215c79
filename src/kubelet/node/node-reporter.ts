/**
 * Node registration and heartbeats (kubelet_node_status.go registerWithAPIServer, syncNodeStatus, updateNodeStatus,
 * tryUpdateNodeStatus; pkg/kubelet/nodelease). Timeline of one kubelet:
 *
 *   start ── register (POST nodes, retried with back-off 100 ms → 7 s) ── Lease renewed now and every
 *   nodeLeaseDurationSeconds × 0.25 (10 s) ── node status synced every nodeStatusUpdateFrequency (10 s)
 *
 * A status sync reads the Node as the API server has it (the cached copy of the kubelet's node informer first, a GET
 * on retries), runs the status setters on a copy of it, and patches nodes/{name}/status when the result differs from
 * the API's status in anything but heartbeat times, or when nodeStatusReportFrequency (5 min) has passed since the
 * last patch. So a node the node lifecycle controller marked `Unknown` while the kubelet is alive is `Ready` again
 * at the next sync, while an unchanged node costs no request at all between reports.
 */
import type { Clock, Timer } from '../../machinery/index.js';
import type { Node, ObjectReference } from '../../api/index.js';
import { EventReason } from '../events.js';
import { KubeletError } from '../kubelet.js';
import type { ImageService } from '../runtime/service.js';
import type { EventSink, NodeStatusSink } from '../sinks.js';
import { buildNode, setNodeStatus, type NodeConfig, type NodeHealth } from './node-status.js';
import { nodeStatusHasChanged, nodeStatusPatch } from './status-diff.js';

/** KubeletConfiguration nodeLeaseDurationSeconds default. */
export const DEFAULT_NODE_LEASE_DURATION_SECONDS = 40;
/** The Lease is renewed every this fraction of its duration (kubelet.go nodeLeaseRenewIntervalFraction). */
export const NODE_LEASE_RENEW_INTERVAL_FRACTION = 0.25;
/** KubeletConfiguration nodeStatusUpdateFrequency default (ms). */
export const DEFAULT_NODE_STATUS_UPDATE_FREQUENCY_MS = 10_000;
/** KubeletConfiguration nodeStatusReportFrequency default (ms). */
export const DEFAULT_NODE_STATUS_REPORT_FREQUENCY_MS = 300_000;
/** Tries per status sync (nodeStatusUpdateRetry). */
export const NODE_STATUS_UPDATE_RETRY = 5;

/** The kubelet's node heartbeat settings (KubeletConfiguration fields of the same names). */
export interface NodeStatusSettings {
  /** The Lease's spec.leaseDurationSeconds; the kubelet renews it every 25% of this. Default 40 (renewal every 10 s). */
  nodeLeaseDurationSeconds?: number;
  /** How often the node status is computed and compared with the API server's. Default 10 s. */
  nodeStatusUpdateFrequencyMs?: number;
  /** How often an unchanged node status is patched anyway. Default 5 min. */
  nodeStatusReportFrequencyMs?: number;
}

export interface NodeReporterDeps extends NodeStatusSettings {
  clock: Clock;
  sink: NodeStatusSink;
  images: ImageService;
  events?: EventSink;
  config: NodeConfig;
  /** Default: always ready. */
  health?: () => NodeHealth;
  /**
   * The Node as the kubelet's node informer holds it (the kubelet's nodeLister): the first read of every status sync.
   * Without it, or while the informer has not seen the node, the sync GETs the node.
   */
  cachedNode?: () => Readonly<Node> | undefined;
  /** Failed writes (they are retried on the next period). Default: console.error. */
  onError?: (err: unknown) => void;
}

/** Checks the settings as the kubelet's configuration validation does; throws KubeletError InvalidConfiguration. */
export function validateNodeStatusSettings(s: NodeStatusSettings): void {
  const lease = s.nodeLeaseDurationSeconds;
  if (lease !== undefined && !(Number.isInteger(lease) && lease > 0)) {
    throw new KubeletError('InvalidConfiguration', `invalid configuration: nodeLeaseDurationSeconds must be greater than 0, got ${lease}`);
  }
  for (const [name, v] of [['nodeStatusUpdateFrequency', s.nodeStatusUpdateFrequencyMs], ['nodeStatusReportFrequency', s.nodeStatusReportFrequencyMs]] as const) {
    if (v !== undefined && !(v > 0)) throw new KubeletError('InvalidConfiguration', `invalid configuration: ${name} must be greater than 0, got ${v}ms`);
  }
}

export class NodeStatusReporter {
  private timers: Timer[] = [];
  /** When the status was last written (registration or patch); 0: never, so the first sync patches. */
  private lastReportAt = 0;
  private stopped = false;
  private registered = false;
  private syncing: Promise<void> | undefined;

  private readonly onError: (err: unknown) => void;
  private readonly leaseDurationSeconds: number;
  private readonly updateMs: number;
  private readonly reportMs: number;

  /** Throws KubeletError InvalidConfiguration for settings the kubelet would reject. */
  constructor(private readonly deps: NodeReporterDeps) {
    validateNodeStatusSettings(deps);
    this.onError = deps.onError ?? ((err) => console.error(`kubelet ${deps.config.nodeName}: node status:`, err));
    this.leaseDurationSeconds = deps.nodeLeaseDurationSeconds ?? DEFAULT_NODE_LEASE_DURATION_SECONDS;
    this.updateMs = deps.nodeStatusUpdateFrequencyMs ?? DEFAULT_NODE_STATUS_UPDATE_FREQUENCY_MS;
    this.reportMs = deps.nodeStatusReportFrequencyMs ?? DEFAULT_NODE_STATUS_REPORT_FREQUENCY_MS;
  }

  get isRegistered(): boolean {
    return this.registered;
  }

  /** The Lease renewal period: 25% of nodeLeaseDurationSeconds. */
  get leaseRenewIntervalMs(): number {
    return this.leaseDurationSeconds * 1000 * NODE_LEASE_RENEW_INTERVAL_FRACTION;
  }

  /**
   * Registers the node (retrying until it succeeds or stop() is called), renews the Lease, then starts the
   * heartbeats. A node that already existed (a restarted kubelet) has its status synced at once.
   */
  async start(): Promise<void> {
    const { clock, sink, config } = this.deps;
    let delay = 100;
    let created = false;
    let ready = false;
    while (!this.stopped) {
      try {
        const images = await this.deps.images.listImages();
        const node = buildNode(config, { now: clock.now(), images, health: this.health() });
        ({ created } = await sink.registerNode(node));
        if (created) this.lastReportAt = clock.now();
        ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
        break;
      } catch (err) {
        this.onError(err);
        await clock.sleep(delay);
        delay = Math.min(delay * 2, 7000);
      }
    }
    if (this.stopped) return;
    this.registered = true;
    this.recordStartupEvents(ready);
    this.every(this.leaseRenewIntervalMs, () => this.renewLease());
    this.every(this.updateMs, () => this.updateStatus());
    await this.renewLease();
    if (!created) await this.updateStatus();
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) t.cancel();
    this.timers = [];
  }

  private health(): NodeHealth {
    return this.deps.health?.() ?? { ready: true };
  }

  private every(ms: number, fn: () => Promise<void>): void {
    const tick = () => {
      if (this.stopped) return;
      this.timers.push(this.deps.clock.setTimeout(tick, ms));
      void fn();
    };
    this.timers.push(this.deps.clock.setTimeout(tick, ms));
  }

  private async renewLease(): Promise<void> {
    try {
      await this.deps.sink.renewLease(this.deps.config.nodeName, {
        renewTime: new Date(this.deps.clock.now()).toISOString().replace('Z', '000Z'),
        leaseDurationSeconds: this.leaseDurationSeconds,
      });
    } catch (err) {
      this.onError(err);
    }
  }

  /**
   * One node status sync (updateNodeStatus): up to NODE_STATUS_UPDATE_RETRY tries, the first from the cached Node,
   * the others from a GET. Never rejects: each failed try, and running out of tries, goes to onError. A sync asked
   * for while one is running joins it.
   */
  updateStatus(): Promise<void> {
    this.syncing ??= this.syncWithRetries().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private async syncWithRetries(): Promise<void> {
    for (let i = 0; i < NODE_STATUS_UPDATE_RETRY && !this.stopped; i++) {
      try {
        await this.tryUpdateStatus(i);
        return;
      } catch (err) {
        this.onError(err);
      }
    }
    if (!this.stopped) this.onError(new KubeletError('NodeStatusUpdateFailed', 'update node status exceeds retry count'));
  }

  /**
   * tryUpdateNodeStatus: read the Node, run the setters on a copy, patch when changed or the report period passed.
   * The events of the setters' transitions are recorded once the patch is stored.
   */
  private async tryUpdateStatus(tryNumber: number): Promise<void> {
    const { clock, config, sink } = this.deps;
    const original = (tryNumber === 0 ? this.deps.cachedNode?.() : undefined) ?? (await sink.getNode(config.nodeName));
    const images = await this.deps.images.listImages();
    const { status, events } = setNodeStatus(config, original.status, { now: clock.now(), images, health: this.health() });
    if (!nodeStatusHasChanged(original.status, status) && clock.now() - this.lastReportAt < this.reportMs) return;
    await sink.patchNodeStatus(config.nodeName, nodeStatusPatch(original, status));
    this.lastReportAt = clock.now();
    for (const reason of events) this.nodeEvent(reason);
  }

  private nodeRef(): ObjectReference {
    const name = this.deps.config.nodeName;
    return { kind: 'Node', name, uid: name };
  }

  private nodeEvent(reason: string): void {
    this.deps.events?.emit({
      involvedObject: this.nodeRef(),
      type: 'Normal',
      reason,
      message: `Node ${this.deps.config.nodeName} status is now: ${reason}`,
    });
  }

  private recordStartupEvents(ready: boolean): void {
    const events = this.deps.events;
    if (!events) return;
    events.emit({ involvedObject: this.nodeRef(), type: 'Normal', reason: EventReason.StartingKubelet, message: 'Starting kubelet.' });
    events.emit({
      involvedObject: this.nodeRef(),
      type: 'Normal',
      reason: EventReason.NodeAllocatableEnforced,
      message: 'Updated Node Allocatable limit across pods',
    });
    this.nodeEvent(EventReason.NodeHasSufficientMemory);
    this.nodeEvent(EventReason.NodeHasNoDiskPressure);
    this.nodeEvent(EventReason.NodeHasSufficientPID);
    if (ready) this.nodeEvent(EventReason.NodeReady);
  }
}
