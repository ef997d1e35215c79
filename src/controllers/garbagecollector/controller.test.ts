import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject, OwnerReference } from '../../api/index.js';
import { refs, type ResourceRef } from '../../client/index.js';
import { makeHarness, until, type Harness } from '../endpoints/testing/index.js';
import { garbageCollectorController } from './controller.js';

const RESOURCES = [refs.deployments, refs.replicaSets, refs.pods, refs.configMaps, refs.nodes];

function obj(ref: ResourceRef, name: string, owners: OwnerReference[] = [], extra: Partial<KubeObject['metadata']> = {}): KubeObject {
  return {
    apiVersion: ref.group ? `${ref.group}/${ref.version}` : ref.version,
    kind: ref.kind,
    metadata: { name, ...(ref.namespaced ? { namespace: 'default' } : {}), uid: `uid-${name}`, ownerReferences: owners, ...extra },
  };
}

const ownerRef = (ref: ResourceRef, name: string, o: { block?: boolean; uid?: string } = {}): OwnerReference => ({
  apiVersion: ref.group ? `${ref.group}/${ref.version}` : ref.version,
  kind: ref.kind!,
  name,
  uid: o.uid ?? `uid-${name}`,
  controller: true,
  ...(o.block ? { blockOwnerDeletion: true } : {}),
});

let h: Harness;
let done: Promise<void>;

async function startGc(): Promise<void> {
  const run = garbageCollectorController({ workers: 2, resources: RESOURCES }).start(h.ctx);
  await h.sync();
  done = run();
}

afterEach(async () => {
  h.abort.abort();
  await done;
  await h.stop();
});

const exists = (ref: ResourceRef, name: string) => h.object(ref, ref.namespaced ? 'default' : '', name) !== undefined;

function seedDeployment(block: boolean): void {
  h.server.put(refs.deployments, obj(refs.deployments, 'd'));
  h.server.put(refs.replicaSets, obj(refs.replicaSets, 'rs', [ownerRef(refs.deployments, 'd', { block })]));
  h.server.put(refs.pods, obj(refs.pods, 'p1', [ownerRef(refs.replicaSets, 'rs', { block })]));
  h.server.put(refs.pods, obj(refs.pods, 'p2', [ownerRef(refs.replicaSets, 'rs', { block })]));
}

describe('garbage collector', () => {
  it('Background: deleting the owner deletes its dependents, level by level', async () => {
    h = makeHarness();
    seedDeployment(false);
    await startGc();
    h.server.remove(refs.deployments, 'default', 'd');
    await until(() => !exists(refs.replicaSets, 'rs') && !exists(refs.pods, 'p1') && !exists(refs.pods, 'p2'), { what: 'cascade' });
    const deletes = h.writes.filter((w) => w.method === 'DELETE');
    expect(deletes.map((w) => (w.body as { preconditions?: { uid?: string } }).preconditions?.uid).sort()).toEqual(['uid-p1', 'uid-p2', 'uid-rs']);
  });

  it('Foreground: dependents go first, then the owner loses its finalizer and goes', async () => {
    h = makeHarness();
    h.deletionSemantics();
    seedDeployment(true);
    await startGc();
    await h.client.resource(refs.deployments).delete({ namespace: 'default', name: 'd' }, { propagationPolicy: 'Foreground' });
    await until(() => !exists(refs.deployments, 'd'), { what: 'owner finalized', turns: 3000 });
    expect(exists(refs.replicaSets, 'rs') || exists(refs.pods, 'p1') || exists(refs.pods, 'p2')).toBe(false);
    // The replica set, having dependents of its own, was deleted in Foreground too.
    const rsDelete = h.writes.find((w) => w.method === 'DELETE' && w.path.endsWith('/replicasets/rs'));
    expect((rsDelete?.body as { propagationPolicy?: string }).propagationPolicy).toBe('Foreground');
    // Order: pods deleted, then the replica set's finalizer removed, then the deployment's.
    const at = (pred: (w: Harness['writes'][number]) => boolean) => h.writes.findIndex(pred);
    const podDeletes = [at((w) => w.method === 'DELETE' && w.path.endsWith('/pods/p1')), at((w) => w.method === 'DELETE' && w.path.endsWith('/pods/p2'))];
    const rsFinalized = at((w) => w.method === 'PATCH' && w.path.endsWith('/replicasets/rs'));
    const dFinalized = at((w) => w.method === 'PATCH' && w.path.endsWith('/deployments/d'));
    expect(Math.min(...podDeletes)).toBeGreaterThanOrEqual(0);
    expect(rsFinalized).toBeGreaterThan(Math.max(...podDeletes));
    expect(dFinalized).toBeGreaterThan(rsFinalized);
  });

  it('Orphan: dependents lose the owner reference and stay; the owner goes', async () => {
    h = makeHarness();
    h.deletionSemantics();
    seedDeployment(true);
    await startGc();
    await h.client.resource(refs.replicaSets).delete({ namespace: 'default', name: 'rs' }, { propagationPolicy: 'Orphan' });
    await until(() => !exists(refs.replicaSets, 'rs'), { what: 'owner gone' });
    expect(h.object<KubeObject>(refs.pods, 'default', 'p1')?.metadata.ownerReferences).toBeUndefined();
    expect(h.object<KubeObject>(refs.pods, 'default', 'p2')?.metadata.ownerReferences).toBeUndefined();
    expect(exists(refs.deployments, 'd')).toBe(true);
  });

  for (const policy of ['Orphan', 'Foreground'] as const) {
    it(`${policy} on an object without dependents only removes the finalizer, with one merge patch`, async () => {
      h = makeHarness();
      h.deletionSemantics();
      h.server.put(refs.configMaps, obj(refs.configMaps, 'cm'));
      await startGc();
      await h.client.resource(refs.configMaps).delete({ namespace: 'default', name: 'cm' }, { propagationPolicy: policy });
      await until(() => !exists(refs.configMaps, 'cm'), { what: 'finalizer removed' });
      const patches = h.writes.filter((w) => w.method === 'PATCH');
      expect(patches).toHaveLength(1);
      expect(patches[0]!.contentType).toBe('application/merge-patch+json');
      expect(patches[0]!.body).toEqual({ metadata: { finalizers: null, resourceVersion: expect.any(String) } });
    });
  }

  it('deletes a dependent whose owner never existed, after checking the owner live', async () => {
    h = makeHarness();
    h.server.put(refs.pods, obj(refs.pods, 'stray', [ownerRef(refs.replicaSets, 'ghost')]));
    await startGc();
    await until(() => !exists(refs.pods, 'stray'), { what: 'stray pod collected' });
    expect(h.server.requests.some((r) => r.method === 'GET' && r.path === '/apis/apps/v1/namespaces/default/replicasets/ghost')).toBe(true);
  });

  it('treats an owner re-created with another uid as gone', async () => {
    h = makeHarness();
    h.server.put(refs.replicaSets, obj(refs.replicaSets, 'rs', [], { uid: 'new-uid' }));
    h.server.put(refs.pods, obj(refs.pods, 'p', [ownerRef(refs.replicaSets, 'rs', { uid: 'old-uid' })]));
    await startGc();
    await until(() => !exists(refs.pods, 'p'), { what: 'pod of the old owner collected' });
    expect(exists(refs.replicaSets, 'rs')).toBe(true);
  });

  it('keeps a dependent with a living owner and strips only the dangling reference', async () => {
    h = makeHarness();
    h.server.put(refs.configMaps, obj(refs.configMaps, 'live'));
    h.server.put(refs.pods, obj(refs.pods, 'p', [ownerRef(refs.configMaps, 'live'), ownerRef(refs.configMaps, 'dead')]));
    await startGc();
    await until(() => h.object<KubeObject>(refs.pods, 'default', 'p')?.metadata.ownerReferences?.length === 1, { what: 'dangling ref removed' });
    expect(h.object<KubeObject>(refs.pods, 'default', 'p')?.metadata.ownerReferences?.[0]?.name).toBe('live');
  });

  it('handles a cluster-scoped owner of namespaced dependents', async () => {
    h = makeHarness();
    h.server.put(refs.nodes, obj(refs.nodes, 'n1'));
    h.server.put(refs.pods, obj(refs.pods, 'mirror', [ownerRef(refs.nodes, 'n1')]));
    await startGc();
    h.server.remove(refs.nodes, '', 'n1');
    await until(() => !exists(refs.pods, 'mirror'), { what: 'pod of deleted node collected' });
  });
});
