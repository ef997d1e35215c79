import { describe, expect, it } from 'vitest';
import type { ConfigMap, Deployment, KubeObject, Pod } from '../api/index.js';
import { ApiError, FakeClock, isAlreadyExists, isConflict, isNotFound, objectKey, parseLabelSelector } from '../machinery/index.js';
import { isClientError } from './errors.js';
import { refs } from './resource-ref.js';
import { RestClient } from './rest-client.js';
import { FakeApiServer, bodyOf } from './testing/index.js';

function setup(options: { qps?: number; burst?: number } = {}) {
  const clock = new FakeClock();
  const server = new FakeApiServer({ clock });
  const client = new RestClient({ transport: server, clock, qps: options.qps ?? Infinity, burst: options.burst ?? 10 });
  return { clock, server, client };
}

const cm = (name: string, data: Record<string, string> = {}, labels?: Record<string, string>): ConfigMap => ({
  metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) },
  data,
});

describe('ResourceClient verbs', () => {
  it('creates with apiVersion/kind filled in, then gets the stored object', async () => {
    const { client, server } = setup();
    const cms = client.resource<ConfigMap>(refs.configMaps);
    const created = await cms.create(cm('a', { k: 'v' }), { fieldManager: 'me' });
    expect(created.metadata.resourceVersion).toBe('1');
    expect(server.requests[0]).toEqual({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', query: { fieldManager: 'me' } });
    const got = await cms.get(objectKey('default', 'a'));
    expect(got).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', data: { k: 'v' } });
  });

  it('turns error Statuses into ApiErrors the predicates recognise', async () => {
    const { client } = setup();
    const cms = client.resource<ConfigMap>(refs.configMaps);
    await expect(cms.get(objectKey('default', 'nope'))).rejects.toSatisfy(isNotFound);
    await cms.create(cm('a'));
    await expect(cms.create(cm('a'))).rejects.toSatisfy(isAlreadyExists);
    const stale = { ...cm('a'), metadata: { ...cm('a').metadata, resourceVersion: '999' } };
    await expect(cms.update(stale)).rejects.toSatisfy(isConflict);
  });

  it('lists with selectors, limit and continue', async () => {
    const { client, server } = setup();
    const cms = client.resource<ConfigMap>(refs.configMaps);
    for (const n of ['a', 'b', 'c']) await cms.create(cm(n, {}, { app: n === 'b' ? 'other' : 'x' }));
    const sel = await cms.list({ namespace: 'default', labelSelector: parseLabelSelector('app=x') });
    expect(sel.items.map((i) => i.metadata.name)).toEqual(['a', 'c']);
    expect(server.requests.at(-1)?.query).toEqual({ labelSelector: 'app=x' });
    const p1 = await cms.list({ limit: 2 });
    expect(p1.items.map((i) => i.metadata.name)).toEqual(['a', 'b']);
    const p2 = await cms.list({ limit: 2, continue: p1.metadata.continue! });
    expect(p2.items.map((i) => i.metadata.name)).toEqual(['c']);
    expect(p2.metadata.continue).toBeUndefined();
  });

  it('sends each patch type with its content type and apply options', async () => {
    const { client, server } = setup();
    const seen: string[] = [];
    server.prependReactor((req) => {
      if (req.method === 'PATCH') seen.push(`${req.headers?.['content-type']} ${JSON.stringify(req.query ?? [])}`);
      return undefined;
    });
    const cms = client.resource<ConfigMap>(refs.configMaps);
    await cms.create(cm('a', { x: '1' }));
    const key = objectKey('default', 'a');
    await cms.patch(key, { data: { y: '2' } }, { type: 'merge' });
    await cms.patch(key, { data: { z: '3' } }, { type: 'strategic', fieldManager: 'kubectl-set' });
    const out = await cms.patch(key, [{ op: 'remove', path: '/data/x' }], { type: 'json' });
    expect(out.data).toEqual({ y: '2', z: '3' });
    await cms.apply(cm('a', { w: '4' }), { fieldManager: 'skiff', force: true });
    expect(seen).toEqual([
      'application/merge-patch+json []',
      'application/strategic-merge-patch+json [["fieldManager","kubectl-set"]]',
      'application/json-patch+json []',
      'application/apply-patch+yaml [["fieldManager","skiff"],["force","true"]]',
    ]);
    await expect(cms.patch(key, {}, { type: 'apply' })).rejects.toSatisfy((e) => isClientError(e, 'InvalidArgument'));
  });

  it('deletes with a DeleteOptions body and deletes collections by selector', async () => {
    const { client, server } = setup();
    let body = '';
    server.prependReactor((req) => {
      if (req.method === 'DELETE' && req.path.endsWith('/a')) body = String(req.body);
      return undefined;
    });
    const cms = client.resource<ConfigMap>(refs.configMaps);
    for (const n of ['a', 'b', 'c']) await cms.create(cm(n, {}, { del: n === 'a' ? 'no' : 'yes' }));
    const gone = await cms.delete(objectKey('default', 'a'), { propagationPolicy: 'Background' });
    expect(gone?.metadata.name).toBe('a');
    expect(JSON.parse(body)).toEqual({ apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background' });
    const deleted = await cms.deleteCollection({ namespace: 'default', labelSelector: 'del=yes' });
    expect(deleted?.items.map((i) => i.metadata.name)).toEqual(['b', 'c']);
    expect((await cms.list()).items).toEqual([]);
  });

  it('answers delete with null when the server returns a Status', async () => {
    const { client, server } = setup();
    server.prependReactor(() => ({ status: 200, headers: {}, body: bodyOf('{"kind":"Status","apiVersion":"v1","status":"Success","code":200}') }));
    expect(await client.resource<ConfigMap>(refs.configMaps).delete(objectKey('default', 'x'))).toBeNull();
  });

  it('updates status through the status subresource and binds pods', async () => {
    const { client, server } = setup();
    const pods = client.resource<Pod>(refs.pods);
    const pod = await pods.create({ metadata: { name: 'p', namespace: 'default' }, spec: { containers: [] } });
    await client.bind(pod, 'node-1');
    expect(server.requests.at(-1)?.path).toBe('/api/v1/namespaces/default/pods/p/binding');
    const bound = await pods.get(objectKey('default', 'p'));
    expect(bound.spec?.nodeName).toBe('node-1');
    await pods.updateStatus({ ...bound, status: { phase: 'Running' } });
    expect(server.requests.at(-1)).toMatchObject({ method: 'PUT', path: '/api/v1/namespaces/default/pods/p/status' });
    expect((await pods.get(objectKey('default', 'p'))).status?.phase).toBe('Running');
  });

  it('reads and writes the scale subresource', async () => {
    const { client, server } = setup();
    server.prependReactor((req) => {
      if (!req.path.endsWith('/scale')) return undefined;
      const scale = req.method === 'PUT' ? JSON.parse(String(req.body)) : { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'd' }, spec: { replicas: 2 } };
      return { status: 200, headers: {}, body: bodyOf(JSON.stringify(scale)) };
    });
    const deps = client.resource<Deployment>(refs.deployments);
    const key = objectKey('default', 'd');
    expect((await deps.getScale(key)).spec?.replicas).toBe(2);
    const updated = await deps.updateScale(key, { metadata: { name: 'd', resourceVersion: '5' }, spec: { replicas: 7 } });
    expect(updated).toMatchObject({ apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'd', namespace: 'default', resourceVersion: '5' }, spec: { replicas: 7 } });
    expect(server.requests.at(-1)?.path).toBe('/apis/apps/v1/namespaces/default/deployments/d/scale');
  });

  it('refuses namespaced calls without a namespace before sending anything', async () => {
    const { client, server } = setup();
    const cms = client.resource<ConfigMap>(refs.configMaps);
    await expect(cms.get(objectKey('', 'x'))).rejects.toSatisfy((e) => isClientError(e, 'InvalidArgument'));
    await expect(cms.create({ metadata: { name: 'x' } })).rejects.toSatisfy((e) => isClientError(e, 'InvalidArgument'));
    expect(server.requests).toEqual([]);
  });
});

describe('RestClient pipeline', () => {
  it('rate-limits requests with the token bucket on the injected clock', async () => {
    const { client, clock, server } = setup({ qps: 5, burst: 2 });
    const nodes = client.resource<KubeObject>(refs.nodes);
    const done: number[] = [];
    const calls = [0, 1, 2, 3].map((i) => nodes.list().then(() => done.push(i)));
    await clock.advanceAsync(0);
    expect(done.sort()).toEqual([0, 1]);
    await clock.advanceAsync(199);
    expect(done.length).toBe(2);
    await clock.advanceAsync(1);
    expect(done.length).toBe(3);
    await clock.advanceAsync(200);
    await Promise.all(calls);
    expect(server.requests.length).toBe(4);
  });

  it('retries a 429 with Retry-After after waiting that long, then succeeds', async () => {
    const { client, clock, server } = setup();
    let failures = 2;
    server.prependReactor(() => {
      if (failures-- <= 0) return undefined;
      return { status: 429, headers: { 'retry-after': '3' }, body: bodyOf(JSON.stringify(new ApiError(429, 'TooManyRequests', 'slow down').toStatus())) };
    });
    let settled = false;
    const p = client.resource<KubeObject>(refs.nodes).list().finally(() => (settled = true));
    await clock.advanceAsync(2999);
    expect(settled).toBe(false);
    await clock.advanceAsync(3001);
    await p;
    expect(server.requests.length).toBe(3);
  });

  it('returns the error when a 5xx has no Retry-After', async () => {
    const { client, server } = setup();
    server.prependReactor(() => new ApiError(503, 'ServiceUnavailable', 'down'));
    await expect(client.resource<KubeObject>(refs.nodes).list()).rejects.toMatchObject({ code: 503, reason: 'ServiceUnavailable' });
    expect(server.requests.length).toBe(1);
  });

  it('reports a 2xx body that is not JSON as a Decode error', async () => {
    const { client, server } = setup();
    server.prependReactor(() => ({ status: 200, headers: {}, body: bodyOf('<html>') }));
    await expect(client.resource<KubeObject>(refs.nodes).list()).rejects.toSatisfy((e) => isClientError(e, 'Decode'));
  });
});
