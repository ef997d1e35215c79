import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigMap } from '../api/index.js';
import { FakeClock, isResourceExpired, resourceExpired } from '../machinery/index.js';
import { HttpTransport } from './http-transport.js';
import { refs } from './resource-ref.js';
import { RestClient } from './rest-client.js';
import { FakeApiServer } from './testing/index.js';

const cm = (name: string): ConfigMap => ({ metadata: { name, namespace: 'default' }, data: { k: 'ü✓' } });

describe('ResourceClient.watch against the fake server', () => {
  it('replays from a resourceVersion and decodes lines split into 3-byte chunks', async () => {
    const server = new FakeApiServer({ watchChunkSize: 3 });
    const client = new RestClient({ transport: server, qps: Infinity, clock: new FakeClock() });
    const cms = client.resource<ConfigMap>(refs.configMaps);
    await cms.create(cm('a'));
    await cms.create(cm('b'));
    const w = cms.watch({ namespace: 'default', resourceVersion: '1', allowWatchBookmarks: true });
    const seen: string[] = [];
    for await (const ev of w) {
      seen.push(ev.type === 'BOOKMARK' ? `BOOKMARK @${ev.object.metadata.resourceVersion}` : `${ev.type} ${ev.object.metadata.name}@${ev.object.metadata.resourceVersion}`);
      if (seen.length === 1) {
        await cms.delete({ namespace: 'default', name: 'a' });
        server.sendBookmarks();
      }
      if (seen.length === 3) w.stop();
    }
    expect(seen).toEqual(['ADDED b@2', 'DELETED a@3', 'BOOKMARK @3']);
    expect(server.requests.at(-2)?.query).toEqual({ watch: 'true', resourceVersion: '1', allowWatchBookmarks: 'true' });
    expect(server.watcherCount).toBe(0);
  });

  it('surfaces 410 the same way whether it comes as a status or as an ERROR event', async () => {
    for (const goneAs of ['status', 'event'] as const) {
      const server = new FakeApiServer({ goneAs });
      const client = new RestClient({ transport: server, qps: Infinity });
      const cms = client.resource<ConfigMap>(refs.configMaps);
      await cms.create(cm('a'));
      await cms.create(cm('b'));
      server.store.compact();
      let caught: unknown;
      try {
        for await (const _ of cms.watch({ resourceVersion: '1' })) throw new Error('no events expected');
      } catch (err) {
        caught = err;
      }
      expect(isResourceExpired(caught), goneAs).toBe(true);
    }
  });

  it('throws an ERROR event sent mid-stream after the events before it', async () => {
    const server = new FakeApiServer();
    const client = new RestClient({ transport: server, qps: Infinity });
    const cms = client.resource<ConfigMap>(refs.configMaps);
    await cms.create(cm('a'));
    const seen: string[] = [];
    let caught: unknown;
    try {
      for await (const ev of cms.watch({})) {
        seen.push(ev.type);
        server.failWatches(resourceExpired('too old'));
      }
    } catch (err) {
      caught = err;
    }
    expect(seen).toEqual(['ADDED']);
    expect(isResourceExpired(caught)).toBe(true);
  });

  it('ends normally when the server ends the stream', async () => {
    const server = new FakeApiServer();
    const client = new RestClient({ transport: server, qps: Infinity });
    const cms = client.resource<ConfigMap>(refs.configMaps);
    await cms.create(cm('a'));
    const seen: string[] = [];
    for await (const ev of cms.watch({})) {
      seen.push(ev.type);
      server.endWatches();
    }
    expect(seen).toEqual(['ADDED']);
  });

  it('ends normally, releasing the stream, when the creation signal aborts', async () => {
    const server = new FakeApiServer();
    const client = new RestClient({ transport: server, qps: Infinity });
    const cms = client.resource<ConfigMap>(refs.configMaps);
    await cms.create(cm('a'));
    const ac = new AbortController();
    const seen: string[] = [];
    for await (const ev of cms.watch({ signal: ac.signal })) {
      seen.push(ev.type);
      ac.abort();
    }
    expect(seen).toEqual(['ADDED']);
    expect(server.watcherCount).toBe(0);
  });
});

describe('ResourceClient.watch over HTTP', () => {
  let server: http.Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
  });

  it('decodes events written in arbitrary pieces with pauses between them', async () => {
    const lines = ['a', 'b', 'c'].map((n, i) => JSON.stringify({ type: 'ADDED', object: { kind: 'ConfigMap', metadata: { name: n, namespace: 'default', resourceVersion: String(i + 1) }, data: { v: 'ü'.repeat(50) } } }) + '\n');
    const bytes = Buffer.from(lines.join(''));
    let query = '';
    server = http.createServer(async (req, res) => {
      query = req.url ?? '';
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      for (let at = 0, step = 1; at < bytes.length; at += step, step = (step * 7) % 61 + 1) {
        res.write(bytes.subarray(at, at + step));
        await new Promise((r) => setImmediate(r));
      }
      res.end();
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const transport = new HttpTransport({ server: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    const client = new RestClient({ transport, qps: Infinity });
    const names: string[] = [];
    for await (const ev of client.resource<ConfigMap>(refs.configMaps).watch({ namespace: 'default', resourceVersion: '0', allowWatchBookmarks: true, timeoutSeconds: 30 })) {
      if (ev.type !== 'BOOKMARK') names.push(`${ev.object.metadata.name}:${ev.object.data?.v?.length}`);
    }
    transport.close();
    expect(names).toEqual(['a:50', 'b:50', 'c:50']);
    expect(query).toBe('/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0&allowWatchBookmarks=true&timeoutSeconds=30');
  });
});
