import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject, Namespace } from '../../api/index.js';
import { refs, type TransportRequest, type TransportResponse } from '../../client/index.js';
import { bodyOf } from '../../client/testing/index.js';
import { ApiError } from '../../machinery/index.js';
import { makeHarness, until, type Harness } from '../endpoints/testing/index.js';
import { NamespaceReconciler, namespaceController, requeueAfterForEstimate } from './controller.js';
import { NamespacedResourcesDeleter } from './deleter.js';

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const json = (body: unknown, status = 200): TransportResponse => ({ status, headers: { 'content-type': 'application/json' }, body: bodyOf(JSON.stringify(body)) });

let h: Harness;

/** Serves discovery and the finalize subresource the way the real API server does. */
function apiServerBehaviour(o: { failApps?: boolean; holdFinalized?: boolean } = {}) {
  h.server.prependReactor((req: TransportRequest) => {
    if (req.method === 'GET' && req.path === '/api/v1') {
      return json({
        kind: 'APIResourceList',
        groupVersion: 'v1',
        resources: [
          { name: 'configmaps', namespaced: true, kind: 'ConfigMap', verbs: ALL },
          { name: 'namespaces', namespaced: false, kind: 'Namespace', verbs: ALL },
          { name: 'pods', namespaced: true, kind: 'Pod', verbs: ALL },
          { name: 'pods/status', namespaced: true, kind: 'Pod', verbs: ['get', 'patch', 'update'] },
        ],
      });
    }
    if (req.method === 'GET' && req.path === '/apis') {
      return json({ kind: 'APIGroupList', groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } }] });
    }
    if (req.method === 'GET' && req.path === '/apis/apps/v1') {
      if (o.failApps) return new ApiError(503, 'ServiceUnavailable', 'the server is currently unable to handle the request');
      return json({ kind: 'APIResourceList', groupVersion: 'apps/v1', resources: [{ name: 'deployments', namespaced: true, kind: 'Deployment', verbs: ALL }] });
    }
    // FakeApiServer reads /api/v1/namespaces/{name}/{sub} as a resource inside namespace {name}: serve status here.
    const st = /^\/api\/v1\/namespaces\/([^/]+)\/status$/.exec(req.path);
    if (req.method === 'PUT' && st) {
      const body = JSON.parse(String(req.body)) as Namespace;
      const cur = h.server.object<Namespace>(refs.namespaces, '', st[1]!);
      if (!cur) return new ApiError(404, 'NotFound', `namespaces "${st[1]}" not found`);
      if (body.metadata.resourceVersion && body.metadata.resourceVersion !== cur.metadata.resourceVersion) return new ApiError(409, 'Conflict', 'the object has been modified');
      return json(h.server.put(refs.namespaces, { ...cur, status: body.status }));
    }
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/finalize$/.exec(req.path);
    if (req.method === 'PUT' && m) {
      const body = JSON.parse(String(req.body)) as Namespace;
      const cur = h.server.object<Namespace>(refs.namespaces, '', m[1]!)!;
      const next = h.server.put(refs.namespaces, { ...cur, spec: { finalizers: body.spec?.finalizers ?? [] } });
      if (!next.spec?.finalizers?.length && !o.holdFinalized) h.server.remove(refs.namespaces, '', m[1]!);
      return json(next);
    }
    return undefined;
  });
}

function terminating(name = 'team'): Namespace {
  return { metadata: { name, deletionTimestamp: '2026-01-01T00:00:00Z' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
}

const cm = (name: string, finalizers?: string[]): KubeObject => ({ metadata: { name, namespace: 'team', ...(finalizers ? { finalizers } : {}) }, data: {} });

afterEach(async () => {
  await h.stop();
});

describe('NamespacedResourcesDeleter', () => {
  it('empties a terminating namespace, marks it Terminating, then finalizes it', async () => {
    h = makeHarness();
    apiServerBehaviour();
    h.server.put(refs.namespaces, terminating());
    h.server.put(refs.configMaps, cm('a'));
    h.server.put(refs.pods, { metadata: { name: 'p', namespace: 'team' }, spec: { containers: [] } });
    h.server.put(refs.deployments, { metadata: { name: 'd', namespace: 'team' } });
    h.server.put(refs.configMaps, { ...cm('other'), metadata: { name: 'other', namespace: 'elsewhere' } });
    const out = await new NamespacedResourcesDeleter({ client: h.client, clock: h.clock }).delete('team');
    expect(out).toEqual({ estimateSeconds: 0 });
    expect(h.server.store.list('/configmaps', 'team')).toEqual([]);
    expect(h.server.store.list('/pods', 'team')).toEqual([]);
    expect(h.server.store.list('apps/deployments', 'team')).toEqual([]);
    expect(h.server.store.list('/configmaps', 'elsewhere')).toHaveLength(1);
    expect(h.object(refs.namespaces, '', 'team')).toBeUndefined();
    const collectionDeletes = h.writes.filter((w) => w.method === 'DELETE').map((w) => [w.path, (w.body as { propagationPolicy?: string }).propagationPolicy]);
    expect(collectionDeletes).toEqual(
      expect.arrayContaining([
        ['/api/v1/namespaces/team/configmaps', 'Background'],
        ['/api/v1/namespaces/team/pods', 'Background'],
        ['/apis/apps/v1/namespaces/team/deployments', 'Background'],
      ]),
    );
    const statusWrites = h.writes.filter((w) => w.path.endsWith('/status')).map((w) => w.body as Namespace);
    expect(statusWrites[0]?.status?.phase).toBe('Terminating');
    const conds = statusWrites.at(-1)?.status?.conditions ?? [];
    expect(conds.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions'],
      ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted'],
      ['NamespaceContentRemaining', 'False', 'ContentRemoved'],
      ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers'],
    ]);
    const finalize = h.writes.find((w) => w.path === '/api/v1/namespaces/team/finalize');
    expect((finalize?.body as Namespace).spec?.finalizers).toEqual([]);
  });

  it('waits for content held by finalizers and reports it in the conditions', async () => {
    h = makeHarness();
    apiServerBehaviour();
    h.server.put(refs.namespaces, terminating());
    h.server.put(refs.configMaps, cm('held', ['example.com/hold']));
    // deletecollection only marks objects that have finalizers
    h.server.prependReactor((req) => {
      if (req.method === 'DELETE' && req.path === '/api/v1/namespaces/team/configmaps') {
        const cur = h.server.object<KubeObject>(refs.configMaps, 'team', 'held')!;
        h.server.put(refs.configMaps, { ...cur, metadata: { ...cur.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } });
        return json({ kind: 'Status', apiVersion: 'v1', status: 'Success', metadata: {} });
      }
      return undefined;
    });
    const r = new NamespaceReconciler({ namespaces: h.informers.informerFor<Namespace>(refs.namespaces).lister(), deleter: new NamespacedResourcesDeleter({ client: h.client, clock: h.clock }) });
    await h.sync();
    expect(await r.reconcile('team')).toEqual({ requeueAfter: 8000 });
    const ns = h.object<Namespace>(refs.namespaces, '', 'team')!;
    expect(ns.spec?.finalizers).toEqual(['kubernetes']);
    const byType = Object.fromEntries((ns.status?.conditions ?? []).map((c) => [c.type, c]));
    expect(byType.NamespaceContentRemaining).toMatchObject({ status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: configmaps. has 1 resource instances' });
    expect(byType.NamespaceFinalizersRemaining).toMatchObject({
      status: 'True',
      reason: 'SomeFinalizersRemain',
      message: 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances',
    });
    expect(h.writes.some((w) => w.path.endsWith('/finalize'))).toBe(false);
  });

  it('reports a partial discovery and does not finalize', async () => {
    h = makeHarness();
    apiServerBehaviour({ failApps: true });
    h.server.put(refs.namespaces, terminating());
    h.server.put(refs.configMaps, cm('a'));
    await expect(new NamespacedResourcesDeleter({ client: h.client, clock: h.clock }).delete('team')).rejects.toMatchObject({ reason: 'DeletionFailed' });
    expect(h.server.store.list('/configmaps', 'team')).toEqual([]);
    const cond = h.object<Namespace>(refs.namespaces, '', 'team')!.status?.conditions?.find((c) => c.type === 'NamespaceDeletionDiscoveryFailure');
    expect(cond).toMatchObject({ status: 'True', reason: 'DiscoveryFailed' });
    expect(cond?.message).toMatch(/^Discovery failed for some groups, 1 failing: unable to retrieve the complete list of server APIs: apps\/v1: /);
    expect(h.object(refs.namespaces, '', 'team')).toBeDefined();
  });

  it('leaves a namespace that is not being deleted alone', async () => {
    h = makeHarness();
    apiServerBehaviour();
    h.server.put(refs.namespaces, { metadata: { name: 'team' }, spec: { finalizers: ['kubernetes'] } });
    h.server.put(refs.configMaps, cm('a'));
    expect(await new NamespacedResourcesDeleter({ client: h.client, clock: h.clock }).delete('team')).toEqual({ estimateSeconds: 0 });
    expect(h.writes).toEqual([]);
  });
});

describe('namespaceController', () => {
  it('finalizes a namespace deleted while it runs', async () => {
    h = makeHarness();
    apiServerBehaviour();
    h.server.put(refs.namespaces, { metadata: { name: 'team' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    h.server.put(refs.configMaps, cm('a'));
    const run = namespaceController({ workers: 1, deletionGracePeriodMs: 0 }).start(h.ctx);
    await h.sync();
    const done = run();
    h.server.put(refs.namespaces, terminating());
    await until(() => h.object(refs.namespaces, '', 'team') === undefined, { what: 'namespace removed' });
    expect(h.server.store.list('/configmaps', 'team')).toEqual([]);
    h.abort.abort();
    await done;
  });

  it('requeues after estimate/2 + 1 seconds', () => {
    expect(requeueAfterForEstimate(30)).toBe(16_000);
    expect(requeueAfterForEstimate(15)).toBe(8_000);
  });
});
