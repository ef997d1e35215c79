import { describe, expect, it } from 'vitest';
import type { Node, Pod, Taint } from '../../api/index.js';
import { tolerationDeadline } from './eviction.js';
import { nodeConditionFromLease, observeNodeHealth } from './health.js';
import { desiredNodeTaints, toleratesTaint } from './taints.js';

const T0 = Date.UTC(2026, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function node(ready?: 'True' | 'False' | 'Unknown', o: { taints?: Taint[]; unschedulable?: boolean; heartbeat?: number } = {}): Node {
  return {
    metadata: { name: 'n1', creationTimestamp: iso(T0 - 3600_000) },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: {
      conditions: ready
        ? [
            { type: 'Ready', status: ready, lastHeartbeatTime: iso(o.heartbeat ?? T0), lastTransitionTime: iso(T0 - 60_000), reason: 'KubeletReady' },
            { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: iso(o.heartbeat ?? T0), lastTransitionTime: iso(T0 - 60_000) },
          ]
        : [],
    },
  };
}

const lease = (renew: number) => ({ metadata: { name: 'n1', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'n1', renewTime: new Date(renew).toISOString() } });

describe('observeNodeHealth / nodeConditionFromLease', () => {
  it('keeps a node whose lease is renewed within the grace period', () => {
    let h = observeNodeHealth(undefined, { node: node('True'), lease: lease(T0), now: T0 });
    h = observeNodeHealth(h, { node: node('True'), lease: lease(T0 + 30_000), now: T0 + 30_000 });
    const v = nodeConditionFromLease(node('True'), h, { now: T0 + 60_000 });
    expect(v.conditions).toBeUndefined();
    expect(v.deadline).toBe(T0 + 70_000);
  });

  it('turns Ready and the pressure conditions Unknown once the lease is older than the grace period', () => {
    const h = observeNodeHealth(undefined, { node: node('True'), lease: lease(T0), now: T0 });
    expect(nodeConditionFromLease(node('True'), h, { now: T0 + 40_000 }).conditions).toBeUndefined();
    const v = nodeConditionFromLease(node('True'), h, { now: T0 + 40_001 });
    const byType = Object.fromEntries((v.conditions ?? []).map((c) => [c.type, c]));
    expect(byType.Ready).toEqual({
      type: 'Ready',
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
      lastHeartbeatTime: iso(T0),
      lastTransitionTime: iso(T0 + 40_001),
    });
    expect(byType.MemoryPressure?.status).toBe('Unknown');
    expect(byType.DiskPressure).toMatchObject({ status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' });
  });

  it('counts a new Ready heartbeat in the node status as a life sign', () => {
    let h = observeNodeHealth(undefined, { node: node('True'), lease: undefined, now: T0 });
    h = observeNodeHealth(h, { node: node('True', { heartbeat: T0 + 35_000 }), lease: undefined, now: T0 + 35_000 });
    expect(nodeConditionFromLease(node('True'), h, { now: T0 + 50_000 }).conditions).toBeUndefined();
  });

  it('gives a node that never reported Ready the startup grace period from its creation', () => {
    const fresh: Node = { ...node(undefined), metadata: { name: 'n1', creationTimestamp: iso(T0) } };
    const h = observeNodeHealth(undefined, { node: fresh, lease: undefined, now: T0 + 1000 });
    expect(nodeConditionFromLease(fresh, h, { now: T0 + 59_000 }).conditions).toBeUndefined();
    const v = nodeConditionFromLease(fresh, h, { now: T0 + 60_001 });
    expect(v.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusNeverUpdated' });
  });

  it('writes nothing for a node already Unknown', () => {
    const lost = node('True');
    lost.status!.conditions = lost.status!.conditions!.map((c) => ({ ...c, status: 'Unknown' as const }));
    lost.status!.conditions!.push({ type: 'DiskPressure', status: 'Unknown' }, { type: 'PIDPressure', status: 'Unknown' });
    const h = observeNodeHealth(undefined, { node: lost, lease: lease(T0), now: T0 });
    expect(nodeConditionFromLease(lost, h, { now: T0 + 100_000 }).conditions).toBeUndefined();
  });
});

describe('desiredNodeTaints', () => {
  const at = iso(T0);
  const cases: Array<{ name: string; node: Node; want: Taint[] | undefined }> = [
    { name: 'a Ready node gets no managed taints', node: node('True'), want: undefined },
    {
      name: 'an unreachable node gets unreachable NoSchedule and NoExecute with timeAdded',
      node: node('Unknown'),
      want: [
        { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: at },
        { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: at },
      ],
    },
    {
      name: 'a NotReady node swaps unreachable for not-ready, keeping unrelated taints',
      node: node('False', { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }, { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
      want: [
        { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule', timeAdded: at },
        { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: at },
      ],
    },
    {
      name: 'a recovered node loses the taints',
      node: node('True', { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] }),
      want: [],
    },
    { name: 'an existing managed taint is kept as is', node: node('Unknown', { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: 'x' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: 'y' }] }), want: undefined },
    { name: 'spec.unschedulable gets the unschedulable taint', node: node('True', { unschedulable: true }), want: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: at }] },
  ];
  for (const c of cases) it(c.name, () => expect(desiredNodeTaints(c.node, T0)).toEqual(c.want));
});

describe('tolerationDeadline', () => {
  const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: iso(T0) };
  const pod = (tolerations?: NonNullable<Pod['spec']>['tolerations']): Pod => ({ metadata: { name: 'p' }, spec: { containers: [], ...(tolerations ? { tolerations } : {}) } });
  const since = (t: Taint) => Date.parse(t.timeAdded!);
  const cases: Array<{ name: string; pod: Pod; taints: Taint[]; want: ReturnType<typeof tolerationDeadline> }> = [
    { name: 'no NoExecute taint: nothing to do', pod: pod(), taints: [{ key: 'x', effect: 'NoSchedule' }], want: { action: 'none' } },
    { name: 'a pod without tolerations gets the default 300 s', pod: pod(), taints: [unreachable], want: { action: 'evict', at: T0 + 300_000 } },
    {
      name: 'a matching toleration with tolerationSeconds sets the deadline',
      pod: pod([{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }]),
      taints: [unreachable],
      want: { action: 'evict', at: T0 + 10_000 },
    },
    { name: 'a toleration without seconds tolerates forever', pod: pod([{ operator: 'Exists' }]), taints: [unreachable], want: { action: 'none' } },
    { name: 'an untolerated taint evicts at once', pod: pod(), taints: [{ key: 'evict-me', effect: 'NoExecute' }], want: { action: 'evict', at: T0 + 5 } },
  ];
  for (const c of cases) it(c.name, () => expect(tolerationDeadline(c.pod, c.taints, { now: T0 + 5, taintSince: since })).toEqual(c.want));

  it('matches tolerations like Kubernetes (Equal compares values, Exists does not)', () => {
    const taint: Taint = { key: 'k', value: 'v', effect: 'NoExecute' };
    expect(toleratesTaint({ key: 'k', operator: 'Equal', value: 'v' }, taint)).toBe(true);
    expect(toleratesTaint({ key: 'k', value: 'other' }, taint)).toBe(false);
    expect(toleratesTaint({ key: 'k', operator: 'Exists', effect: 'NoSchedule' }, taint)).toBe(false);
    expect(toleratesTaint({ operator: 'Exists' }, taint)).toBe(true);
  });
});
