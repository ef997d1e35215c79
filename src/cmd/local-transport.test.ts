import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/index.js';
import type { ApiServer, UserInfo } from '../apiserver/index.js';
import { newTestApiServer } from '../apiserver/testing/index.js';
import { isClientError, readBody, RestClient, refs, type TransportResponse } from '../client/index.js';
import { isForbidden } from '../machinery/index.js';
import { LocalTransport } from './local-transport.js';

let api: ApiServer;
const alice: UserInfo = { username: 'alice', groups: ['system:authenticated'] };
const mallory: UserInfo = { username: 'mallory', groups: ['system:authenticated'] };
const client = (user: UserInfo, maxInFlight?: number) =>
  new RestClient({ transport: new LocalTransport(api, user, maxInFlight !== undefined ? { maxInFlight } : {}), qps: Infinity });
const configMap = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { a: '1' } });

beforeAll(async () => {
  api = newTestApiServer();
  // Only alice may do anything: requests through the in-process transport are authorized like any other.
  api.configureSecurity({
    authorizer: {
      authorize: (attrs) => Promise.resolve(attrs.user.username === 'alice' ? { allowed: true, reason: '' } : { allowed: false, reason: 'not alice' }),
    },
  });
  await api.start();
  await client(alice).resource(refs.namespaces).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
});
afterAll(() => api.stop());

describe('LocalTransport: in-process requests through the API server', () => {
  it('creates and reads objects as the given user, with managedFields naming its field manager', async () => {
    const cms = client(alice).resource(refs.configMaps);
    await cms.create(configMap('one'), { fieldManager: 'tester' });
    const got = await cms.get({ namespace: 'default', name: 'one' });
    expect(got.metadata.resourceVersion).toMatch(/^[0-9]+$/);
    expect(got.metadata.managedFields?.[0]?.manager).toBe('tester');
  });

  it('is refused with 403 Forbidden for a user the authorizer denies', async () => {
    const err = await client(mallory).resource(refs.configMaps).get({ namespace: 'default', name: 'one' }).catch((e: unknown) => e);
    expect(isForbidden(err)).toBe(true);
    expect((err as Error).message).toContain('User "mallory" cannot get resource "configmaps"');
  });

  it('streams watch events and stops the server-side watcher when the client aborts', async () => {
    const cms = client(alice).resource(refs.configMaps);
    const list = await cms.list({ namespace: 'default' });
    const ac = new AbortController();
    const seen: string[] = [];
    const reader = (async () => {
      for await (const ev of cms.watch({ namespace: 'default', resourceVersion: list.metadata.resourceVersion ?? '', signal: ac.signal })) {
        seen.push(`${ev.type} ${ev.type === 'BOOKMARK' ? '' : (ev.object.metadata.name ?? '')}`);
        if (seen.length === 2) ac.abort();
      }
    })();
    await cms.create(configMap('two'));
    await cms.delete({ namespace: 'default', name: 'two' });
    await reader.catch((err: unknown) => {
      if (!ac.signal.aborted) throw err;
    });
    expect(seen).toEqual(['ADDED two', 'DELETED two']);
    const registry = api.registry('', 'configmaps');
    await expect.poll(() => registry.cacher.watcherCount).toBe(0);
  });

  it('hands every watcher the watch cache\'s one frozen object per change, as kubectl-style JSON would decode', async () => {
    const cms = client(alice).resource(refs.configMaps);
    const list = await cms.list({ namespace: 'default' });
    const firstEvent = async (ac: AbortController) => {
      for await (const ev of cms.watch({ namespace: 'default', resourceVersion: list.metadata.resourceVersion ?? '', signal: ac.signal })) {
        if (ev.type !== 'BOOKMARK') return ev;
      }
      throw new Error('watch ended without an event');
    };
    const [a, b] = [new AbortController(), new AbortController()];
    const events = Promise.all([firstEvent(a), firstEvent(b)]);
    const created = await cms.create(configMap('shared'));
    const [ea, eb] = await events;
    a.abort();
    b.abort();
    expect(ea.type).toBe('ADDED');
    expect(ea.object).toEqual(created);
    expect(eb.object).toBe(ea.object);
    expect(Object.isFrozen(ea.object.metadata)).toBe(true);
    expect(() => {
      (ea.object.metadata as { name: string }).name = 'changed';
    }).toThrow(TypeError);
    // A table watch (kubectl get -w) is rendered per watcher and still crosses as JSON.
    const t = new LocalTransport(api, alice);
    const ac = new AbortController();
    const res = await t.request({
      method: 'GET',
      path: '/api/v1/namespaces/default/configmaps',
      query: [['watch', 'true'], ['resourceVersion', list.metadata.resourceVersion ?? '']],
      headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
      signal: ac.signal,
    });
    expect(res.events).toBeUndefined();
    for await (const chunk of res.body) {
      expect(Buffer.from(chunk).toString()).toContain('"kind":"Table"');
      break;
    }
    ac.abort();
  });

  it('answers 2xx JSON with an object the caller owns, and errors with a Status body as over HTTP', async () => {
    const t = new LocalTransport(api, alice);
    const ok = await t.request({ method: 'GET', path: '/api/v1/namespaces/default/configmaps/one' });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('application/json');
    expect((await readBody(ok)).byteLength).toBe(0);
    const cm = ok.object as KubeObject;
    expect(cm.metadata.name).toBe('one');
    expect(Object.isFrozen(cm.metadata)).toBe(false);
    cm.metadata.name = 'mine to change';
    const again = await t.request({ method: 'GET', path: '/api/v1/namespaces/default/configmaps/one' });
    await readBody(again);
    expect((again.object as KubeObject).metadata.name).toBe('one');
    const missing = await t.request({ method: 'GET', path: '/api/v1/namespaces/default/configmaps/nope' });
    expect(missing.status).toBe(404);
    expect(missing.object).toBeUndefined();
    expect(JSON.parse(Buffer.from(await readBody(missing)).toString())).toMatchObject({ kind: 'Status', reason: 'NotFound' });
  });

  it('queues short requests beyond maxInFlight, never counting an open watch', async () => {
    const c = client(alice, 1);
    const ac = new AbortController();
    const watch = c.resource(refs.configMaps).watch({ namespace: 'default', signal: ac.signal })[Symbol.asyncIterator]();
    const first = watch.next();
    const names = await Promise.all(['a', 'b', 'c'].map(async (n) => (await c.resource(refs.configMaps).create(configMap(`q-${n}`))).metadata.name));
    expect(names).toEqual(['q-a', 'q-b', 'q-c']);
    expect((await first).value).toMatchObject({ type: 'ADDED' });
    ac.abort();
    await watch.return?.(undefined);
  });

  it('an aborted request rejects and frees its slot', async () => {
    const t = new LocalTransport(api, alice, { maxInFlight: 1 });
    const ac = new AbortController();
    ac.abort(new Error('gave up'));
    await expect(t.request({ method: 'GET', path: '/api/v1/namespaces/default/configmaps', signal: ac.signal })).rejects.toThrow('gave up');
    const res: TransportResponse = await t.request({ method: 'GET', path: '/api/v1/namespaces/default/configmaps/one' });
    expect(res.status).toBe(200);
  });

  it('reports a request the server dropped without a response as a Transport error', async () => {
    const t = new LocalTransport({ serveLocal: () => Promise.reject(new Error('the server closed the request before responding')) }, alice);
    const err = await t.request({ method: 'GET', path: '/api/v1/pods' }).catch((e: unknown) => e);
    expect(isClientError(err, 'Transport')).toBe(true);
    expect((err as Error).message).toBe('GET /api/v1/pods: the server closed the request before responding');
  });
});
