/** The API server over real HTTP on loopback (in process), checking the wire details kubectl and client-go rely on. */
import { createServer, request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from './bootstrap.js';
import type { ApiServer } from './server.js';
import { newTestApiServer } from './testing/index.js';

let server: Server;
let api: ApiServer;
let port = 0;

beforeAll(async () => {
  api = newTestApiServer({ watchCacheCapacity: 5 });
  server = createServer(api.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as { port: number }).port;
  await api.start();
  await bootstrap(api, { host: '127.0.0.1', port });
});
afterAll(async () => {
  api.stop();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

function call(method: string, path: string, opts: { body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    // Node sends DELETE bodies unframed unless Content-Length is set.
    const headers = { ...(opts.headers ?? {}), ...(opts.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(opts.body)) } : {}) };
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const json = { 'Content-Type': 'application/json' };

describe('errors are Kubernetes Status objects', () => {
  it('404 for unknown resources and missing objects', async () => {
    let r = await call('GET', '/apis/nope.io/v1/things');
    expect(r.status).toBe(404);
    expect(r.json()).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404 });
    r = await call('GET', '/apis/apps/v1/namespaces/default/deployments/x');
    expect(r.json()).toMatchObject({ reason: 'NotFound', message: 'deployments.apps "x" not found', details: { name: 'x', group: 'apps', kind: 'deployments' } });
  });

  it('400 for malformed JSON, YAML and protobuf bodies; nothing is stored', async () => {
    for (const [ct, body] of [['application/json', '{"metadata":'], ['application/yaml', 'a: [1'], ['application/vnd.kubernetes.protobuf', 'k8s\u0000\u0001']] as const) {
      const r = await call('POST', '/api/v1/namespaces/default/configmaps', { body, headers: { 'Content-Type': ct } });
      expect(r.status, ct).toBe(400);
      expect(r.json().reason).toBe('BadRequest');
    }
    const list = await call('GET', '/api/v1/namespaces/default/configmaps');
    expect(list.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('413 for bodies over 3 MiB, 415 for unknown content types, 406 for unacceptable Accept', async () => {
    let r = await call('POST', '/api/v1/namespaces/default/configmaps', { body: Buffer.alloc(3 * 1024 * 1024 + 10, 32), headers: json });
    expect(r.status).toBe(413);
    expect(r.json().reason).toBe('RequestEntityTooLarge');
    r = await call('POST', '/api/v1/namespaces/default/configmaps', { body: 'x', headers: { 'Content-Type': 'text/plain' } });
    expect(r.status).toBe(415);
    r = await call('GET', '/api/v1/namespaces', { headers: { Accept: 'text/html' } });
    expect(r.status).toBe(406);
  });

  it('422 Invalid with field causes, and 409 on a stale resourceVersion', async () => {
    let r = await call('POST', '/apis/apps/v1/namespaces/default/deployments', {
      headers: json,
      body: JSON.stringify({ metadata: { name: 'bad' }, spec: { replicas: -1, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } }),
    });
    expect(r.status).toBe(422);
    expect(r.json()).toMatchObject({ reason: 'Invalid', details: { causes: [{ reason: 'FieldValueInvalid', field: 'spec.replicas' }] } });
    r = await call('POST', '/api/v1/namespaces/default/configmaps', { headers: json, body: JSON.stringify({ metadata: { name: 'c1' } }) });
    const rv = r.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion;
    await call('PUT', '/api/v1/namespaces/default/configmaps/c1', { headers: json, body: JSON.stringify({ metadata: { name: 'c1', resourceVersion: rv }, data: { a: '1' } }) });
    r = await call('PUT', '/api/v1/namespaces/default/configmaps/c1', { headers: json, body: JSON.stringify({ metadata: { name: 'c1', resourceVersion: rv }, data: { a: '2' } }) });
    expect(r.status).toBe(409);
    expect(r.json().reason).toBe('Conflict');
  });

  it('refuses creates in a missing namespace (NamespaceLifecycle)', async () => {
    const r = await call('POST', '/api/v1/namespaces/ghost/configmaps', { headers: json, body: JSON.stringify({ metadata: { name: 'x' } }) });
    expect(r.status).toBe(404);
    expect(r.json().message).toBe('namespaces "ghost" not found');
  });
});

describe('discovery and metadata endpoints', () => {
  it('answers aggregated discovery with the exact content type kubectl checks', async () => {
    const r = await call('GET', '/apis', { headers: { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' } });
    expect(r.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const apps = r.json<{ items: Array<{ metadata: { name: string }; versions: Array<{ resources: Array<{ resource: string; shortNames?: string[]; verbs: string[] }> }> }> }>().items.find((i) => i.metadata.name === 'apps');
    expect(apps?.versions[0]?.resources.find((x) => x.resource === 'deployments')).toMatchObject({ shortNames: ['deploy'], verbs: expect.arrayContaining(['create', 'watch']) });
  });

  it('answers legacy discovery and /version', async () => {
    expect((await call('GET', '/api')).json()).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    expect((await call('GET', '/apis/apps/v1')).json()).toMatchObject({ kind: 'APIResourceList', groupVersion: 'apps/v1' });
    expect((await call('GET', '/version')).json()).toMatchObject({ major: '1', minor: '32', gitVersion: expect.stringMatching(/^v1\.32\./) });
  });

  it('serves health checks and Prometheus metrics', async () => {
    expect((await call('GET', '/readyz')).body).toBe('ok');
    expect((await call('GET', '/livez?verbose')).body).toContain('[+]ping ok');
    const m = await call('GET', '/metrics');
    expect(m.body).toContain('apiserver_request_total{');
    expect(m.body).toContain('apiserver_request_duration_seconds_bucket{');
  });
});

describe('reads', () => {
  it('serves Tables with PartialObjectMetadata rows', async () => {
    const r = await call('GET', '/api/v1/namespaces?limit=500', { headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' } });
    const t = r.json<{ kind: string; columnDefinitions: Array<{ name: string }>; rows: Array<{ cells: unknown[]; object: { kind: string } }> }>();
    expect(t.kind).toBe('Table');
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Status', 'Age']);
    expect(t.rows[0]?.object.kind).toBe('PartialObjectMetadata');
  });

  it('pages lists with limit/continue and rejects unsupported field selectors', async () => {
    for (let i = 0; i < 5; i++) await call('POST', '/api/v1/namespaces/kube-public/configmaps', { headers: json, body: JSON.stringify({ metadata: { name: `p${i}` } }) });
    const p1 = (await call('GET', '/api/v1/namespaces/kube-public/configmaps?limit=2')).json<{ items: unknown[]; metadata: { continue: string } }>();
    expect(p1.items.length).toBe(2);
    const p2 = (await call('GET', `/api/v1/namespaces/kube-public/configmaps?limit=10&continue=${p1.metadata.continue}`)).json<{ items: unknown[]; metadata: { continue?: string } }>();
    expect(p2.items.length).toBe(3);
    expect(p2.metadata.continue).toBeUndefined();
    const bad = await call('GET', '/api/v1/pods?fieldSelector=spec.bogus=1');
    expect(bad.status).toBe(400);
    expect(bad.json().message).toContain('field label not supported: spec.bogus');
  });

  it('sends one ERROR event with 410 for a watch from a revision the cache no longer holds', async () => {
    const first = (await call('POST', '/api/v1/namespaces/default/configmaps', { headers: json, body: JSON.stringify({ metadata: { name: 'old' } }) })).json<{ metadata: { resourceVersion: string } }>();
    for (let i = 0; i < 8; i++) await call('PATCH', '/api/v1/namespaces/default/configmaps/old', { headers: { 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify({ data: { i: String(i) } }) });
    const r = await call('GET', `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${first.metadata.resourceVersion}`);
    expect(r.status).toBe(200);
    const ev = JSON.parse(r.body.trim()) as { type: string; object: { code: number; reason: string } };
    expect(ev.type).toBe('ERROR');
    expect(ev.object).toMatchObject({ code: 410, reason: 'Expired' });
  });
});

describe('writes', () => {
  it('binds a pod once, setting nodeName and PodScheduled', async () => {
    await call('POST', '/api/v1/namespaces/default/pods', { headers: json, body: JSON.stringify({ metadata: { name: 'b1' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }) });
    const bind = (node: string) => call('POST', '/api/v1/namespaces/default/pods/b1/binding', { headers: json, body: JSON.stringify({ metadata: { name: 'b1' }, target: { kind: 'Node', name: node } }) });
    expect((await bind('n1')).status).toBe(201);
    const pod = (await call('GET', '/api/v1/namespaces/default/pods/b1')).json<{ spec: { nodeName: string }; status: { conditions: Array<{ type: string; status: string }> } }>();
    expect(pod.spec.nodeName).toBe('n1');
    expect(pod.status.conditions).toContainEqual(expect.objectContaining({ type: 'PodScheduled', status: 'True' }));
    const again = await bind('n2');
    expect(again.status).toBe(409);
    expect(again.json().message).toContain('pod b1 is already assigned to node "n1"');
  });

  it('keeps a bound pod Terminating for its grace period, and deletes it on grace 0', async () => {
    const del = await call('DELETE', '/api/v1/namespaces/default/pods/b1');
    expect(del.status).toBe(200);
    expect(del.json<{ metadata: { deletionTimestamp?: string; deletionGracePeriodSeconds?: number } }>().metadata.deletionGracePeriodSeconds).toBe(30);
    expect((await call('GET', '/api/v1/namespaces/default/pods/b1')).status).toBe(200);
    const now = await call('DELETE', '/api/v1/namespaces/default/pods/b1', { headers: json, body: JSON.stringify({ gracePeriodSeconds: 0 }) });
    expect(now.status).toBe(200);
    expect((await call('GET', '/api/v1/namespaces/default/pods/b1')).status).toBe(404);
  });

  it('allocates distinct ClusterIPs and rejects a taken one', async () => {
    const mk = (name: string, clusterIP?: string) =>
      call('POST', '/api/v1/namespaces/default/services', { headers: json, body: JSON.stringify({ metadata: { name }, spec: { ...(clusterIP ? { clusterIP } : {}), ports: [{ port: 80 }], selector: { app: name } } }) });
    const a = (await mk('s1')).json<{ spec: { clusterIP: string } }>().spec.clusterIP;
    const b = (await mk('s2')).json<{ spec: { clusterIP: string } }>().spec.clusterIP;
    expect(a).not.toBe(b);
    expect(a).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
    const taken = await mk('s3', a);
    expect(taken.status).toBe(422);
    expect(taken.json().message).toContain('provided IP is already allocated');
  });

  it('scales through the scale subresource', async () => {
    await call('POST', '/apis/apps/v1/namespaces/default/deployments', {
      headers: json,
      body: JSON.stringify({ metadata: { name: 'sc' }, spec: { replicas: 1, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } }),
    });
    const r = await call('PATCH', '/apis/apps/v1/namespaces/default/deployments/sc/scale', { headers: { 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify({ spec: { replicas: 4 } }) });
    expect(r.json()).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 4 }, status: { selector: 'a=b' } });
    const d = (await call('GET', '/apis/apps/v1/namespaces/default/deployments/sc')).json<{ spec: { replicas: number }; metadata: { generation: number } }>();
    expect(d.spec.replicas).toBe(4);
    expect(d.metadata.generation).toBe(2);
  });
});
