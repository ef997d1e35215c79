import { afterEach, describe, expect, it } from 'vitest';
import type { Pod, ReplicaSet } from '../../api/index.js';
import { refs } from '../../client/index.js';
import { ApiError } from '../../machinery/index.js';
import { startControllers, type Harness } from '../shared/testing/harness.js';
import { ReplicaSetController } from './controller.js';

const NS = 'default';

function replicaSet(name: string, replicas: number, o: { minReadySeconds?: number; annotations?: Record<string, string> } = {}): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: NS, generation: 1, labels: { app: name }, ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec: {
      replicas,
      ...(o.minReadySeconds ? { minReadySeconds: o.minReadySeconds } : {}),
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name }, annotations: { note: 'from-template' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  };
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function start(): Promise<{ h: Harness; ctrl: ReplicaSetController }> {
  const ctrl = new ReplicaSetController({ workers: 2 });
  h = await startControllers([ctrl]);
  return { h, ctrl };
}

const pods = (hh: Harness): Pod[] => hh.server.store.list('/pods', NS) as Pod[];
const rsOf = (hh: Harness, name: string): ReplicaSet => hh.server.object<ReplicaSet>(refs.replicaSets, NS, name)!;

function setReady(hh: Harness, pod: Pod, opts: { node?: string; since?: number } = {}): void {
  const since = new Date(opts.since ?? hh.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  hh.server.put(refs.pods, {
    ...pod,
    spec: { ...pod.spec!, nodeName: opts.node ?? 'node-1' },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: since }] },
  });
}

describe('ReplicaSet controller', () => {
  it('creates spec.replicas pods from the template, owned by the ReplicaSet, and reports status', async () => {
    const { h } = await start();
    const rs = h.server.put(refs.replicaSets, replicaSet('web', 3, { annotations: { 'skiff.dev/trace-context': '00-abc-01' } }));
    await h.until(() => rsOf(h, 'web').status?.replicas === 3, 'status.replicas = 3');
    const created = pods(h);
    expect(created).toHaveLength(3);
    for (const p of created) {
      expect(p.metadata.name).toMatch(/^web-/);
      expect(p.metadata.generateName).toBe('web-');
      expect(p.metadata.labels).toEqual({ app: 'web' });
      expect(p.metadata.annotations).toEqual({ note: 'from-template', 'skiff.dev/trace-context': '00-abc-01' });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(p.spec?.containers[0]?.image).toBe('nginx');
    }
    const status = rsOf(h, 'web').status!;
    // Zero counters are omitted, as Kubernetes' omitempty serializes them.
    expect(status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    await h.until(() => h.events(NS).filter((e) => e.reason === 'SuccessfulCreate').length === 3, 'three SuccessfulCreate events');
    const messages = h.events(NS).map((e) => e.message).sort();
    expect(messages).toEqual(created.map((p) => `Created pod: ${p.metadata.name}`).sort());
    expect(h.events(NS)[0]?.involvedObject).toMatchObject({ kind: 'ReplicaSet', name: 'web' });
  });

  it('scales down by deleting the least valuable pods first (unready before ready)', async () => {
    const { h } = await start();
    const rs = h.server.put(refs.replicaSets, replicaSet('web', 3));
    await h.until(() => pods(h).length === 3);
    const [a, b] = pods(h);
    setReady(h, a!);
    setReady(h, b!);
    // Readiness changes are status-only wake-ups: throttled to one sync per 100 ms (fake time).
    await h.advanceUntil(() => rsOf(h, 'web').status?.readyReplicas === 2, { maxMs: 1000, stepMs: 100, what: 'two ready' });
    h.server.put(refs.replicaSets, { ...rsOf(h, 'web'), metadata: { ...rsOf(h, 'web').metadata, generation: 2 }, spec: { ...rs.spec!, replicas: 2 } });
    await h.until(() => pods(h).length === 2 && rsOf(h, 'web').status?.replicas === 2, 'scaled to 2');
    expect(pods(h).map((p) => p.metadata.name).sort()).toEqual([a!.metadata.name, b!.metadata.name].sort());
    expect(rsOf(h, 'web').status?.observedGeneration).toBe(2);
    await h.until(() => h.events(NS).some((e) => e.reason === 'SuccessfulDelete'));
    expect(h.events(NS).find((e) => e.reason === 'SuccessfulDelete')?.message).toMatch(/^Deleted pod: web-/);
  });

  it('adopts matching orphans instead of creating, and releases owned pods that stop matching', async () => {
    const { h } = await start();
    for (const n of ['orphan-1', 'orphan-2']) {
      h.server.put(refs.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: n, namespace: NS, labels: { app: 'web' } }, spec: { containers: [{ name: 'c' }] } });
    }
    await h.until(() => h.cached<Pod>(refs.pods).list().length === 2, 'orphans cached');
    const rs = h.server.put(refs.replicaSets, replicaSet('web', 2));
    await h.until(() => pods(h).every((p) => p.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid) && rsOf(h, 'web').status?.replicas === 2, 'orphans adopted');
    expect(pods(h).map((p) => p.metadata.name)).toEqual(['orphan-1', 'orphan-2']);
    expect(pods(h)[0]?.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);

    const relabelled = pods(h)[0]!;
    h.server.put(refs.pods, { ...relabelled, metadata: { ...relabelled.metadata, labels: { app: 'debug' } } });
    await h.until(() => pods(h).length === 3 && !h.server.object<Pod>(refs.pods, NS, 'orphan-1')?.metadata.ownerReferences?.length, 'released and replaced');
    expect(h.server.object<Pod>(refs.pods, NS, 'orphan-1')?.metadata.ownerReferences).toEqual([]);
  });

  it('reports a create failure as a ReplicaFailure condition and a FailedCreate event, then recovers', async () => {
    const { h } = await start();
    let refuse = true;
    const quota = new ApiError(403, 'Forbidden', 'pods "web-" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=0, limited: pods=0');
    h.server.prependReactor((req) => (refuse && req.method === 'POST' && req.path.endsWith('/pods') ? quota : undefined));
    h.server.put(refs.replicaSets, replicaSet('web', 2));
    await h.until(() => (rsOf(h, 'web').status?.conditions ?? []).length === 1, 'ReplicaFailure condition');
    expect(rsOf(h, 'web').status?.conditions?.[0]).toMatchObject({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: quota.message });
    await h.until(() => h.events(NS).some((e) => e.reason === 'FailedCreate'));
    expect(h.events(NS).find((e) => e.reason === 'FailedCreate')).toMatchObject({ type: 'Warning', message: `Error creating: ${quota.message}` });
    expect(pods(h)).toHaveLength(0);

    refuse = false;
    // The rate-limited retry comes due.
    await h.advanceUntil(() => pods(h).length === 2 && rsOf(h, 'web').status?.conditions === undefined, { maxMs: 60_000, what: 'recovered' });
  });

  it('counts pods as available only after minReadySeconds, resyncing when they become available', async () => {
    const { h } = await start();
    h.server.put(refs.replicaSets, replicaSet('web', 2, { minReadySeconds: 10 }));
    await h.until(() => pods(h).length === 2);
    const readyAt = h.clock.now();
    for (const p of pods(h)) setReady(h, p);
    await h.advanceUntil(() => rsOf(h, 'web').status?.readyReplicas === 2, { maxMs: 1000, stepMs: 100, what: 'ready' });
    expect(rsOf(h, 'web').status?.availableReplicas).toBeUndefined();
    await h.advanceUntil(() => rsOf(h, 'web').status?.availableReplicas === 2, { maxMs: 25_000, what: 'available after minReadySeconds' });
    expect(h.clock.now() - readyAt).toBeGreaterThan(10_000);
  });

  it('does not create while earlier creations are still expected', async () => {
    const { h, ctrl } = await start();
    ctrl.expectations!.expectCreations(`${NS}/web`, 2);
    h.server.put(refs.replicaSets, replicaSet('web', 2));
    await h.until(() => rsOf(h, 'web').status !== undefined, 'status written');
    expect(pods(h)).toHaveLength(0);
    expect(rsOf(h, 'web').status?.replicas).toBe(0);
  });
});
