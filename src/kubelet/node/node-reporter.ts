/**
 * Node registration and heartbeats (kubelet_node_status.go registerWithAPIServer, updateNodeStatus; nodelease): the
 * Node is registered once (retrying with back-off from 100 ms to 7 s), its Lease renewed every 10 s, and its status
 * patched when something other than heartbeat times changed, or at least every 5 minutes.
 */
import { deepEqual, type Clock, type Timer } from '../../machinery/index.js';
import type { NodeStatus, ObjectReference } from '../../api/index.js';
import { EventReason } from '../events.js';
import type { ImageService } from '../runtime/service.js';
import type { EventSink, NodeStatusSink } from '../sinks.js';
import { buildNode, buildNodeStatus, type NodeConfig, type NodeHealth } from './node-status.js';

export interface NodeReporterDeps {
  clock: Clock;
  sink: NodeStatusSink;
  images: ImageService;
  events?: EventSink;
  config: NodeConfig;
  /** Default: always ready. */
  health?: () => NodeHealth;
  /** Lease renewal period. Default 10 s. */
  leaseRenewMs?: number;
  leaseDurationSeconds?: number;
  /** How often status is computed. Default 10 s (nodeStatusUpdateFrequency). */
  statusUpdateMs?: number;
  /** Unchanged status is still reported this often. Default 5 min (nodeStatusReportFrequency). */
  statusReportMs?: number;
  /** Failed writes (they are retried on the next period). Default: console.error. */
  onError?: (err: unknown) => void;
}

/** Strips heartbeat times so two statuses compare equal when only heartbeats moved. */
function withoutHeartbeats(s: NodeStatus): NodeStatus {
  return { ...s, conditions: s.conditions?.map(({ lastHeartbeatTime: _h, ...rest }) => rest) };
}

export class NodeStatusReporter {
  private timers: Timer[] = [];
  private last?: NodeStatus;
  private lastReportAt = 0;
  private stopped = false;
  private registered = false;

  private readonly onError: (err: unknown) => void;

  constructor(private readonly deps: NodeReporterDeps) {
    this.onError = deps.onError ?? ((err) => console.error(`kubelet ${deps.config.nodeName}: node status:`, err));
  }

  get isRegistered(): boolean {
    return this.registered;
  }

  /** Registers the node (retrying until it succeeds or stop() is called), then starts the heartbeats. */
  async start(): Promise<void> {
    const { clock, sink, config } = this.deps;
    let delay = 100;
    while (!this.stopped) {
      try {
        const images = await this.deps.images.listImages();
        const node = buildNode(config, { now: clock.now(), images, health: this.health() });
        await sink.registerNode(node);
        this.last = node.status;
        this.lastReportAt = clock.now();
        break;
      } catch (err) {
        this.onError(err);
        await clock.sleep(delay);
        delay = Math.min(delay * 2, 7000);
      }
    }
    if (this.stopped) return;
    this.registered = true;
    this.recordStartupEvents();
    this.every(this.deps.leaseRenewMs ?? 10_000, () => this.renewLease());
    this.every(this.deps.statusUpdateMs ?? 10_000, () => this.updateStatus());
    await this.renewLease();
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
        leaseDurationSeconds: this.deps.leaseDurationSeconds ?? 40,
      });
    } catch (err) {
      this.onError(err);
    }
  }

  /** Computes the status and patches it when it changed or the report period has passed. */
  async updateStatus(): Promise<void> {
    const { clock, config } = this.deps;
    try {
      const images = await this.deps.images.listImages();
      const now = clock.now();
      const status = buildNodeStatus(config, { now, images, health: this.health(), ...(this.last ? { previous: this.last } : {}) });
      const changed = !this.last || !deepEqual(withoutHeartbeats(this.last), withoutHeartbeats(status));
      if (!changed && now - this.lastReportAt < (this.deps.statusReportMs ?? 300_000)) return;
      await this.deps.sink.patchNodeStatus(config.nodeName, status);
      if (this.last?.conditions?.find((c) => c.type === 'Ready')?.status !== status.conditions?.find((c) => c.type === 'Ready')?.status) {
        const ready = status.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
        this.nodeEvent(ready ? EventReason.NodeReady : EventReason.NodeNotReady);
      }
      this.last = status;
      this.lastReportAt = now;
    } catch (err) {
      this.onError(err);
    }
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

  private recordStartupEvents(): void {
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
    if (this.last?.conditions?.find((c) => c.type === 'Ready')?.status === 'True') this.nodeEvent(EventReason.NodeReady);
  }
}
