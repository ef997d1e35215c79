/**
 * core/v1 and events.k8s.io/v1 Events share one storage, as in Kubernetes: an Event written through either API is
 * read, listed, watched and field-selected through both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from './server.js';
import { newTestApiServer } from './testing/index.js';

let api: ApiServer;
const admin = { username: 'admin', groups: ['system:masters', 'system:authenticated'] };

async function call(method: string, url: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const contentType = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
  const res = await api.serveLocal(
    { method, url, headers: { accept: 'application/json', 'content-type': contentType }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) },
    admin,
  );
  let text = '';
  for await (const c of res.body) text += Buffer.from(c).toString();
  return { status: res.status, json: JSON.parse(text) as Record<string, unknown> };
}

const CORE = '/api/v1/namespaces/default/events';
const V1 = '/apis/events.k8s.io/v1/namespaces/default/events';

beforeAll(async () => {
  api = newTestApiServer();
  await api.start();
  await call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
});
afterAll(() => api.stop());

describe('Events: one storage for core/v1 and events.k8s.io/v1', () => {
  it('a core/v1 Event reads back through events.k8s.io/v1 with its fields renamed', async () => {
    const created = await call('POST', CORE, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'core-made', namespace: 'default' },
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1' },
      reason: 'Started',
      message: 'Started container nginx',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: '2026-11-25T00:00:00Z',
      lastTimestamp: '2026-11-25T00:00:00Z',
      count: 1,
      type: 'Normal',
    });
    expect(created.status).toBe(201);
    const got = await call('GET', `${V1}/core-made`);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      regarding: { kind: 'Pod', name: 'web-1' },
      note: 'Started container nginx',
      deprecatedSource: { component: 'kubelet', host: 'node-1' },
      deprecatedCount: 1,
      reason: 'Started',
      type: 'Normal',
    });
    expect(got.json).not.toHaveProperty('involvedObject');
    expect((got.json.metadata as { resourceVersion: string }).resourceVersion).toBe((created.json.metadata as { resourceVersion: string }).resourceVersion);
  });

  it('an events.k8s.io/v1 Event is listed by core/v1 and selected by its fields under either name', async () => {
    const created = await call('POST', V1, {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'v1-made', namespace: 'default' },
      eventTime: '2026-11-25T00:00:01.000000Z',
      reportingController: 'example.com/scaler',
      reportingInstance: 'scaler-0',
      action: 'Scaling',
      reason: 'Scaled',
      regarding: { kind: 'Deployment', namespace: 'default', name: 'web' },
      note: 'Scaled to 3',
      type: 'Normal',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ apiVersion: 'events.k8s.io/v1', regarding: { name: 'web' }, note: 'Scaled to 3' });
    const core = await call('GET', `${CORE}?fieldSelector=${encodeURIComponent('involvedObject.name=web')}`);
    const items = core.json.items as Record<string, unknown>[];
    expect(items.map((i) => (i.metadata as { name: string }).name)).toEqual(['v1-made']);
    expect(items[0]).toMatchObject({ involvedObject: { kind: 'Deployment', name: 'web' }, message: 'Scaled to 3', reportingComponent: 'example.com/scaler' });
    const v1 = await call('GET', `${V1}?fieldSelector=${encodeURIComponent('regarding.name=web,reportingController=example.com/scaler')}`);
    expect((v1.json.items as { metadata: { name: string } }[]).map((i) => i.metadata.name)).toEqual(['v1-made']);
  });

  it('updates through one API are seen by the other, and a delete removes the Event from both', async () => {
    const cur = await call('GET', `${CORE}/core-made`);
    const put = await call('PUT', `${CORE}/core-made`, { ...cur.json, count: 2, message: 'Started container nginx (again)' });
    expect(put.status).toBe(200);
    expect((await call('GET', `${V1}/core-made`)).json).toMatchObject({ deprecatedCount: 2, note: 'Started container nginx (again)' });
    // events.k8s.io/v1 keeps what an Event says immutable (as Kubernetes validates it); the series may grow.
    const refused = await call('PATCH', `${V1}/core-made`, { note: 'rewritten' });
    expect(refused.status).toBe(422);
    expect(refused.json.message).toContain('field is immutable');
    const patched = await call('PATCH', `${V1}/v1-made`, { series: { count: 2, lastObservedTime: '2026-11-25T00:00:02.000000Z' } });
    expect(patched.json).toMatchObject({ series: { count: 2 } });
    expect((await call('GET', `${CORE}/v1-made`)).json).toMatchObject({ series: { count: 2, lastObservedTime: '2026-11-25T00:00:02.000000Z' }, message: 'Scaled to 3' });
    expect((await call('DELETE', `${V1}/core-made`)).status).toBe(200);
    expect((await call('GET', `${CORE}/core-made`)).status).toBe(404);
  });

  it('a watch on events.k8s.io/v1 sees an Event created through core/v1, in the events.k8s.io shape', async () => {
    const rv = ((await call('GET', V1)).json.metadata as { resourceVersion: string }).resourceVersion;
    const ac = new AbortController();
    const res = await api.serveLocal({ method: 'GET', url: `${V1}?watch=true&resourceVersion=${rv}`, headers: { accept: 'application/json' }, signal: ac.signal }, admin);
    await call('POST', CORE, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'watched', namespace: 'default' },
      involvedObject: { kind: 'Node', name: 'node-1' },
      reason: 'NodeReady',
      message: 'Node node-1 status is now: NodeReady',
      type: 'Normal',
    });
    let text = '';
    for await (const c of res.body) {
      text += Buffer.from(c).toString();
      if (text.includes('\n')) break;
    }
    ac.abort();
    const ev = JSON.parse(text.slice(0, text.indexOf('\n'))) as { type: string; object: Record<string, unknown> };
    expect(ev.type).toBe('ADDED');
    expect(ev.object).toMatchObject({ apiVersion: 'events.k8s.io/v1', metadata: { name: 'watched' }, regarding: { kind: 'Node', name: 'node-1' }, note: 'Node node-1 status is now: NodeReady' });
  });
});
