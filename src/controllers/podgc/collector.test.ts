import { afterEach, describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../api/index.js';
import { Indexer, Lister, refs } from '../../client/index.js';
import { makeHarness, type Harness } from '../endpoints/testing/index.js';
import { PodGarbageCollector } from './collector.js';

let h: Harness;
let done: Promise<void> | undefined;

afterEach(async () => {
  h.abort.abort();
  await done;
  done = undefined;
  await h.stop();
});

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function pod(name: string, o: { node?: string; phase?: NonNullable<Pod['status']>['phase']; reason?: string; created?: number; deleting?: boolean } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      creationTimestamp: iso(o.created ?? Date.UTC(2025, 0, 1)),
      ...(o.deleting ? { deletionTimestamp: iso(Date.UTC(2025, 0, 2)), deletionGracePeriodSeconds: 30 } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'x' }], ...(o.node ? { nodeName: o.node } : {}) },
    status: { phase: o.phase ?? 'Running', ...(o.reason ? { reason: o.reason } : {}), conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function node(name: string, o: { ready?: 'True' | 'Unknown'; outOfService?: boolean } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    spec: o.outOfService ? { taints: [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] } : {},
    status: { conditions: [{ type: 'Ready', status: o.ready ?? 'True' }] },
  };
}

/** A collector over the harness' informers (or an explicit, possibly stale, node lister). */
async function collector(o: { threshold?: number; nodes?: Lister<Node> } = {}): Promise<PodGarbageCollector> {
  const pods = h.informers.informerFor<Pod>(refs.pods);
  const nodes = h.informers.informerFor<Node>(refs.nodes);
  await h.sync();
  return new PodGarbageCollector({
    client: h.client,
    pods: pods.lister(),
    nodes: o.nodes ?? nodes.lister(),
    clock: h.clock,
    ...(o.threshold !== undefined ? { terminatedPodThreshold: o.threshold } : {}),
    onError: (err) => {
      throw err;
    },
  });
}

const exists = (name: string) => h.object<Pod>(refs.pods, 'default', name) !== undefined;
const deletes = () => h.writes.filter((w) => w.method === 'DELETE').map((w) => ({ pod: w.path.split('/').pop(), body: w.body }));

describe('PodGarbageCollector', () => {
  it('removes pods of a deleted node only after the 40 s quarantine and a GET confirming the node is gone', async () => {
    h = makeHarness();
    h.server.put(refs.nodes, node('n1'));
    h.server.put(refs.pods, pod('orphan', { node: 'gone' }));
    h.server.put(refs.pods, pod('kept', { node: 'n1' }));
    const gc = await collector();
    expect(await gc.gc()).toEqual([]);
    expect(gc.quarantined()).toEqual(['gone']);
    await h.clock.advanceAsync(39_000);
    expect(await gc.gc()).toEqual([]);
    await h.clock.advanceAsync(2_000);
    expect(await gc.gc()).toEqual([{ pod: 'default/orphan', reason: 'PodGCReasonOrphaned' }]);
    expect(exists('orphan')).toBe(false);
    expect(exists('kept')).toBe(true);
    // Marked Failed with DisruptionTarget before the forced delete, as Kubernetes does.
    const status = h.writes.find((w) => w.method === 'PUT' && w.path.endsWith('/orphan/status'))?.body as Pod;
    expect(status.status?.phase).toBe('Failed');
    expect(status.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' });
    expect(deletes()).toEqual([{ pod: 'orphan', body: expect.objectContaining({ gracePeriodSeconds: 0 }) }]);
  });

  it('keeps the pods of a node the cache has not seen yet but the API server has', async () => {
    h = makeHarness();
    h.server.put(refs.nodes, node('late'));
    h.server.put(refs.pods, pod('p', { node: 'late' }));
    const gc = await collector({ nodes: new Lister(new Indexer<Node>()) });
    await gc.gc();
    await h.clock.advanceAsync(41_000);
    expect(await gc.gc()).toEqual([]);
    expect(exists('p')).toBe(true);
    expect(gc.quarantined()).toEqual([]);
  });

  it('deletes terminated pods beyond the threshold, evicted first, then oldest', async () => {
    h = makeHarness();
    const day = 86_400_000;
    h.server.put(refs.pods, pod('old-failed', { phase: 'Failed', created: Date.UTC(2025, 0, 1) }));
    h.server.put(refs.pods, pod('mid-succeeded', { phase: 'Succeeded', created: Date.UTC(2025, 0, 1) + day }));
    h.server.put(refs.pods, pod('new-failed', { phase: 'Failed', created: Date.UTC(2025, 0, 1) + 2 * day }));
    h.server.put(refs.pods, pod('newest-evicted', { phase: 'Failed', reason: 'Evicted', created: Date.UTC(2025, 0, 1) + 3 * day }));
    h.server.put(refs.pods, pod('running'));
    const gc = await collector({ threshold: 2 });
    const removed = await gc.gc();
    expect(removed.map((r) => r.pod).sort()).toEqual(['default/newest-evicted', 'default/old-failed']);
    expect(new Set(removed.map((r) => r.reason))).toEqual(new Set(['PodGCReasonTerminated']));
    expect(['mid-succeeded', 'new-failed', 'running'].every(exists)).toBe(true);
    // Already finished pods are deleted without a status write.
    expect(h.writes.filter((w) => w.method === 'PUT')).toEqual([]);
  });

  it('force-deletes terminating pods that were never scheduled, and those on a NotReady out-of-service node', async () => {
    h = makeHarness();
    h.server.put(refs.nodes, node('shut', { ready: 'Unknown', outOfService: true }));
    h.server.put(refs.nodes, node('lost', { ready: 'Unknown' }));
    h.server.put(refs.pods, pod('unscheduled', { deleting: true, phase: 'Pending' }));
    h.server.put(refs.pods, pod('on-shut', { node: 'shut', deleting: true }));
    h.server.put(refs.pods, pod('on-lost', { node: 'lost', deleting: true }));
    h.server.put(refs.pods, pod('pending'));
    const gc = await collector();
    const removed = await gc.gc();
    expect(removed).toEqual([
      { pod: 'default/on-shut', reason: 'PodGCReasonTerminatingOutOfService' },
      { pod: 'default/unscheduled', reason: 'PodGCReasonTerminatingUnscheduled' },
    ]);
    // Without the out-of-service taint a lost node's terminating pods wait (for the node to come back or go).
    expect(exists('on-lost')).toBe(true);
    expect(exists('pending')).toBe(true);
  });
});
