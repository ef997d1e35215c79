import { describe, expect, it } from 'vitest';
import { FakeClock, type JsonObject } from '../../machinery/index.js';
import type { NodeStatus } from '../../api/index.js';
import { KubeletError } from '../kubelet.js';
import { SimRuntime } from '../runtime/sim/sim-runtime.js';
import { RecordingEventSink, RecordingNodeStatusSink } from '../testing/index.js';
import { NodeStatusReporter, type NodeReporterDeps } from './node-reporter.js';

const ready = (s: NodeStatus | undefined) => s?.conditions?.find((c) => c.type === 'Ready');

/** What the node lifecycle controller writes when a node's Lease was not renewed within the grace period. */
function markUnknown(status: NodeStatus): void {
  for (const c of status.conditions ?? []) {
    Object.assign(c, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: '2026-01-01T00:00:45Z' });
  }
}

function setup(options: Partial<NodeReporterDeps> & { cached?: boolean } = {}) {
  const clock = new FakeClock();
  const sink = new RecordingNodeStatusSink();
  const events = new RecordingEventSink(clock);
  const errors: unknown[] = [];
  const { cached = true, ...deps } = options;
  const reporter = new NodeStatusReporter({
    clock,
    sink,
    images: new SimRuntime({ clock, nodeName: 'n1', podCIDR: '10.244.1.0/24' }),
    events,
    config: { nodeName: 'n1', internalIP: '10.0.0.1' },
    ...(cached ? { cachedNode: () => sink.node('n1') } : {}),
    onError: (err) => errors.push(err),
    ...deps,
  });
  return { clock, sink, events, errors, reporter };
}

describe('NodeStatusReporter', () => {
  it('registers, renews the lease every 10 s and patches status only when it changed', async () => {
    let healthy = true;
    const { clock, sink, events, reporter } = setup({ health: () => ({ ready: healthy }) });
    await reporter.start();
    expect(sink.registered.map((n) => n.metadata.name)).toEqual(['n1']);
    expect(events.lines()).toEqual([
      'Starting: Starting kubelet.',
      'NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
      'NodeHasSufficientMemory: Node n1 status is now: NodeHasSufficientMemory',
      'NodeHasNoDiskPressure: Node n1 status is now: NodeHasNoDiskPressure',
      'NodeHasSufficientPID: Node n1 status is now: NodeHasSufficientPID',
      'NodeReady: Node n1 status is now: NodeReady',
    ]);
    await clock.advanceAsync(30_000);
    expect(sink.leases).toHaveLength(4);
    expect(sink.statuses).toHaveLength(0);
    healthy = false;
    await clock.advanceAsync(10_000);
    expect(sink.statuses).toHaveLength(1);
    expect(events.lines().at(-1)).toBe('NodeNotReady: Node n1 status is now: NodeNotReady');
    reporter.stop();
  });

  it("turns the node Ready again at the next sync after the node lifecycle controller marked it Unknown", async () => {
    const { clock, sink, events, reporter } = setup();
    await reporter.start();
    await clock.advanceAsync(45_000);
    sink.updateStatus('n1', markUnknown);
    expect(ready(sink.node('n1')?.status)?.status).toBe('Unknown');
    const eventsBefore = events.events.length;
    await clock.advanceAsync(5_000);
    expect(ready(sink.node('n1')?.status)).toEqual({
      type: 'Ready',
      status: 'True',
      lastHeartbeatTime: '2026-01-01T00:00:50Z',
      lastTransitionTime: '2026-01-01T00:00:50Z',
      reason: 'KubeletReady',
      message: 'kubelet is posting ready status',
    });
    expect(sink.node('n1')?.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual(['MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=True']);
    expect(sink.statuses).toHaveLength(1);
    expect(events.lines().slice(eventsBefore)).toEqual([
      'NodeHasSufficientMemory: Node n1 status is now: NodeHasSufficientMemory',
      'NodeHasNoDiskPressure: Node n1 status is now: NodeHasNoDiskPressure',
      'NodeHasSufficientPID: Node n1 status is now: NodeHasSufficientPID',
      'NodeReady: Node n1 status is now: NodeReady',
    ]);
    expect(sink.gets).toBe(0);
    reporter.stop();
  });

  it('sends nothing while only heartbeats would move, then reports every 5 minutes', async () => {
    const { clock, sink, reporter } = setup();
    await reporter.start();
    await clock.advanceAsync(290_000);
    expect(sink.statuses).toHaveLength(0);
    expect(sink.gets).toBe(0);
    await clock.advanceAsync(10_000);
    expect(sink.statuses).toHaveLength(1);
    expect(ready(sink.statuses[0])?.lastHeartbeatTime).toBe('2026-01-01T00:05:00Z');
    const patch = sink.patches[0]!.status as JsonObject;
    expect(Object.keys(patch).sort()).toEqual(['$setElementOrder/conditions', 'conditions']);
    expect(patch.conditions).toContainEqual({ type: 'Ready', lastHeartbeatTime: '2026-01-01T00:05:00Z' });
    await clock.advanceAsync(290_000);
    expect(sink.statuses).toHaveLength(1);
    await clock.advanceAsync(10_000);
    expect(sink.statuses).toHaveLength(2);
    reporter.stop();
  });

  it('reads the node with a GET when no cached copy is at hand', async () => {
    const { clock, sink, reporter } = setup({ cached: false });
    await reporter.start();
    await clock.advanceAsync(20_000);
    expect(sink.gets).toBe(2);
    sink.updateStatus('n1', markUnknown);
    await clock.advanceAsync(10_000);
    expect(ready(sink.node('n1')?.status)?.status).toBe('True');
    reporter.stop();
  });

  it('retries a failed patch from a fresh GET, and gives up after 5 tries', async () => {
    const { clock, sink, errors, reporter } = setup();
    await reporter.start();
    const patch = sink.patchNodeStatus.bind(sink);
    let failures = 1;
    sink.patchNodeStatus = async (name, p) => {
      if (failures-- > 0) throw new Error('etcdserver: request timed out');
      return patch(name, p);
    };
    sink.updateStatus('n1', markUnknown);
    await clock.advanceAsync(10_000);
    expect(errors.map(String)).toEqual(['Error: etcdserver: request timed out']);
    expect(sink.gets).toBe(1);
    expect(ready(sink.node('n1')?.status)?.status).toBe('True');

    failures = Infinity;
    sink.updateStatus('n1', markUnknown);
    await clock.advanceAsync(10_000);
    expect(errors).toHaveLength(1 + 5 + 1);
    expect(errors.at(-1)).toBeInstanceOf(KubeletError);
    expect((errors.at(-1) as KubeletError).reason).toBe('NodeStatusUpdateFailed');
    reporter.stop();
  });

  it('syncs the status of a node that already existed (a restarted kubelet) at once', async () => {
    const first = setup();
    await first.reporter.start();
    first.reporter.stop();
    first.sink.updateStatus('n1', markUnknown);
    const again = new NodeStatusReporter({
      clock: first.clock,
      sink: first.sink,
      images: new SimRuntime({ clock: first.clock, nodeName: 'n1' }),
      config: { nodeName: 'n1', internalIP: '10.0.0.1' },
      cachedNode: () => first.sink.node('n1'),
    });
    await again.start();
    expect(first.sink.registered).toHaveLength(1);
    expect(first.sink.statuses).toHaveLength(1);
    expect(ready(first.sink.node('n1')?.status)?.status).toBe('True');
    again.stop();
  });

  it('renews the Lease every 25% of nodeLeaseDurationSeconds and syncs every nodeStatusUpdateFrequency', async () => {
    let healthy = true;
    const { clock, sink, reporter } = setup({ nodeLeaseDurationSeconds: 4, nodeStatusUpdateFrequencyMs: 3_000, health: () => ({ ready: healthy }) });
    expect(reporter.leaseRenewIntervalMs).toBe(1_000);
    await reporter.start();
    await clock.advanceAsync(5_000);
    expect(sink.leases).toEqual(['00', '01', '02', '03', '04', '05'].map((s) => `2026-01-01T00:00:${s}.000000Z`));
    healthy = false;
    await clock.advanceAsync(1_000);
    expect(sink.statuses).toHaveLength(1);
    expect(ready(sink.statuses[0])?.lastHeartbeatTime).toBe('2026-01-01T00:00:06Z');
    reporter.stop();
  });

  it('rejects settings the kubelet would reject', () => {
    expect(() => setup({ nodeLeaseDurationSeconds: 0 })).toThrow('invalid configuration: nodeLeaseDurationSeconds must be greater than 0');
    expect(() => setup({ nodeLeaseDurationSeconds: 2.5 })).toThrow(KubeletError);
    expect(() => setup({ nodeStatusUpdateFrequencyMs: 0 })).toThrow('invalid configuration: nodeStatusUpdateFrequency must be greater than 0');
  });
});
