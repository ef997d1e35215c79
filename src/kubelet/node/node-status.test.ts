import { describe, expect, it } from 'vitest';
import { buildNode, buildNodeStatus, nodeImages, setNodeStatus } from './node-status.js';

const T0 = Date.UTC(2026, 0, 1);

describe('node status', () => {
  it('builds the Node a kubelet registers', () => {
    const node = buildNode(
      { nodeName: 'worker-1', internalIP: '192.168.0.11', podCIDR: '10.244.1.0/24', roles: ['worker'] },
      { now: T0, images: [] },
    );
    expect(node.metadata.labels).toMatchObject({
      'kubernetes.io/hostname': 'worker-1',
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'node-role.kubernetes.io/worker': '',
    });
    expect(node.spec).toEqual({ podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] });
    const s = node.status!;
    expect(s.capacity).toEqual({ cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' });
    expect(s.allocatable).toEqual({ cpu: '4', memory: '8286208Ki', pods: '110', 'ephemeral-storage': '96636764160' });
    expect(s.addresses).toEqual([
      { type: 'InternalIP', address: '192.168.0.11' },
      { type: 'Hostname', address: 'worker-1' },
    ]);
    expect(s.conditions?.map((c) => `${c.type}=${c.status}:${c.reason}`)).toEqual([
      'MemoryPressure=False:KubeletHasSufficientMemory',
      'DiskPressure=False:KubeletHasNoDiskPressure',
      'PIDPressure=False:KubeletHasSufficientPID',
      'Ready=True:KubeletReady',
    ]);
    expect(s.nodeInfo).toMatchObject({
      kubeletVersion: 'v1.32.0-skiff',
      containerRuntimeVersion: 'sim://0.1.0',
      operatingSystem: 'linux',
      architecture: 'amd64',
    });
  });

  it('moves lastTransitionTime only when a condition changes, heartbeats always', () => {
    const cfg = { nodeName: 'n', internalIP: '10.0.0.1' };
    const a = buildNodeStatus(cfg, { now: T0, images: [] });
    const b = buildNodeStatus(cfg, { now: T0 + 10_000, images: [], previous: a });
    const c = buildNodeStatus(cfg, { now: T0 + 20_000, images: [], previous: b, health: { ready: false, notReadyMessage: 'PLEG is not healthy' } });
    const ready = (s: typeof a) => s.conditions!.find((x) => x.type === 'Ready')!;
    expect(ready(b)).toMatchObject({ lastHeartbeatTime: '2026-01-01T00:00:10Z', lastTransitionTime: '2026-01-01T00:00:00Z' });
    expect(ready(c)).toMatchObject({ status: 'False', reason: 'KubeletNotReady', message: 'PLEG is not healthy', lastTransitionTime: '2026-01-01T00:00:20Z' });
  });

  it('lists at most 50 images, largest first, digests before tags', () => {
    const images = Array.from({ length: 60 }, (_, i) => ({ id: `sha256:${i}`, repoTags: [`img:${i}`], repoDigests: [`img@sha256:${i}`], size: i }));
    const out = nodeImages(images);
    expect(out).toHaveLength(50);
    expect(out[0]).toEqual({ names: ['img@sha256:59', 'img:59'], sizeBytes: 59 });
  });
});

describe('setNodeStatus on top of the API server\'s status', () => {
  const cfg = { nodeName: 'n', internalIP: '10.0.0.1' };

  it('keeps what other writers set: extra conditions, extended resources, unknown fields', () => {
    const registered = buildNodeStatus(cfg, { now: T0, images: [] });
    const current = {
      ...registered,
      capacity: { ...registered.capacity, 'example.com/dongle': '4' },
      allocatable: { ...registered.allocatable, 'example.com/dongle': '4', 'example.com/gone': '1' },
      conditions: [...registered.conditions!, { type: 'NetworkUnavailable', status: 'False' as const, reason: 'RouteCreated' }],
      phase: 'Running',
    };
    const { status, events } = setNodeStatus(cfg, current, { now: T0 + 10_000, images: [] });
    expect(status.capacity?.['example.com/dongle']).toBe('4');
    expect(status.allocatable?.['example.com/dongle']).toBe('4');
    expect(status.allocatable).not.toHaveProperty('example.com/gone');
    expect(status.conditions?.map((c) => c.type)).toEqual(['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready', 'NetworkUnavailable']);
    expect(status.phase).toBe('Running');
    expect(events).toEqual([]);
    expect(current.conditions[3]?.lastHeartbeatTime).toBe('2026-01-01T00:00:00Z');
  });
});
