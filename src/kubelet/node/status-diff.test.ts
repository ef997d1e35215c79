import { describe, expect, it } from 'vitest';
import { applyStrategicMergePatch, type JsonObject } from '../../machinery/index.js';
import { patchSchemaFor, type Node, type NodeStatus } from '../../api/index.js';
import { buildNode, buildNodeStatus } from './node-status.js';
import { nodeStatusHasChanged, nodeStatusPatch } from './status-diff.js';

const T0 = Date.UTC(2026, 0, 1);
const cfg = { nodeName: 'n1', internalIP: '10.0.0.1' };

function apply(node: Node, patch: JsonObject): Node {
  return applyStrategicMergePatch(node as unknown as JsonObject, patch, patchSchemaFor('', 'v1', 'Node')) as unknown as Node;
}

describe('nodeStatusHasChanged', () => {
  const before = buildNodeStatus(cfg, { now: T0, images: [] });

  it('ignores heartbeat times', () => {
    expect(nodeStatusHasChanged(before, buildNodeStatus(cfg, { now: T0 + 60_000, images: [], previous: before }))).toBe(false);
  });

  it('sees a condition change, whatever the order of the conditions', () => {
    const notReady = buildNodeStatus(cfg, { now: T0, images: [], previous: before, health: { ready: false } });
    expect(nodeStatusHasChanged(before, notReady)).toBe(true);
    expect(nodeStatusHasChanged(before, { ...before, conditions: [...before.conditions!].reverse() })).toBe(false);
  });

  it('compares quantities by value and empty lists as absent, as the API server may return them', () => {
    const fromApi: NodeStatus = { ...before, capacity: { ...before.capacity, memory: '8589934592' } };
    delete fromApi.images;
    expect(nodeStatusHasChanged(fromApi, before)).toBe(false);
    expect(nodeStatusHasChanged(before, { ...before, capacity: { ...before.capacity, memory: '16Gi' } })).toBe(true);
    expect(nodeStatusHasChanged(before, { ...before, images: [{ names: ['nginx:1.27'], sizeBytes: 1 }] })).toBe(true);
  });
});

describe('nodeStatusPatch', () => {
  const node = buildNode(cfg, { now: T0, images: [] });

  it('sends only the conditions, merged by type, when only conditions moved', () => {
    const next = buildNodeStatus(cfg, { now: T0 + 10_000, images: [], previous: node.status!, health: { ready: false } });
    const patch = nodeStatusPatch(node, next);
    expect(Object.keys(patch)).toEqual(['status']);
    const status = patch.status as JsonObject;
    expect(Object.keys(status).sort()).toEqual(['$setElementOrder/conditions', 'conditions']);
    expect(status.conditions).toContainEqual(expect.objectContaining({ type: 'Ready', status: 'False', reason: 'KubeletNotReady' }));
    expect(apply(node, patch).status).toEqual(next);
  });

  it('leaves conditions it does not know alone', () => {
    const withOther: Node = { ...node, status: { ...node.status!, conditions: [...node.status!.conditions!, { type: 'NetworkUnavailable', status: 'False' }] } };
    const next = buildNodeStatus(cfg, { now: T0 + 10_000, images: [], previous: node.status! });
    const patched = apply(withOther, nodeStatusPatch(node, next));
    expect(patched.status?.conditions?.map((c) => c.type)).toEqual(['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready', 'NetworkUnavailable']);
  });

  it('replaces the addresses whole when they changed', () => {
    const next = buildNodeStatus({ ...cfg, internalIP: '10.0.0.2' }, { now: T0, images: [], previous: node.status! });
    const patch = nodeStatusPatch(node, next);
    expect((patch.status as JsonObject).addresses).toEqual([
      { type: 'InternalIP', address: '10.0.0.2' },
      { type: 'Hostname', address: 'n1' },
      { $patch: 'replace' },
    ]);
    expect(apply(node, patch).status?.addresses).toEqual(next.addresses);
  });

  it('is empty when nothing changed', () => {
    expect(nodeStatusPatch(node, node.status!)).toEqual({});
  });
});
