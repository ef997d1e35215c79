/** End to end over real HTTP: informers against a loopback server that serves FakeApiServer on the wire. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigMap } from '../api/index.js';
import { FakeClock } from '../machinery/index.js';
import { HttpTransport } from './http-transport.js';
import { DeletedFinalStateUnknown } from './informer.js';
import { SharedInformerFactory } from './informer-factory.js';
import { refs } from './resource-ref.js';
import { RestClient } from './rest-client.js';
import { FakeApiServer, tick, until } from './testing/index.js';
import type { HttpMethod } from './transport.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(fake: FakeApiServer): Promise<string> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    const ac = new AbortController();
    res.on('close', () => ac.abort());
    const out = await fake.request({
      method: req.method as HttpMethod,
      path: url.pathname,
      query: [...url.searchParams.entries()],
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
      signal: ac.signal,
    });
    res.writeHead(out.status, out.headers);
    res.flushHeaders();
    try {
      for await (const chunk of out.body) res.write(chunk);
    } catch (err) {
      if (!ac.signal.aborted) throw err;
    }
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise((r) => server.close(() => r()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('informer over HTTP', () => {
  for (const goneAs of ['status', 'event'] as const) {
    it(`syncs, follows the watch, and relists after a 410 sent as ${goneAs}, reporting missed deletes as tombstones`, async () => {
      const clock = new FakeClock();
      const fake = new FakeApiServer({ clock, goneAs, watchChunkSize: 7 });
      const transport = new HttpTransport({ server: await serve(fake) });
      cleanups.push(() => transport.close());
      const client = new RestClient({ transport, clock, qps: Infinity });
      const factory = new SharedInformerFactory({ client, backoff: { random: () => 0, jitter: 0 }, onError: () => undefined });
      cleanups.push(() => factory.stop());
      fake.put(refs.configMaps, { metadata: { name: 'a', namespace: 'default' }, data: { v: '1' } } as ConfigMap);
      fake.put(refs.configMaps, { metadata: { name: 'b', namespace: 'default' }, data: { v: '1' } } as ConfigMap);
      const inf = factory.informerFor<ConfigMap>(refs.configMaps);
      const log: string[] = [];
      inf.addEventHandler({
        onAdd: (o) => log.push(`add ${o.metadata.name}`),
        onUpdate: (_, o) => log.push(`update ${o.metadata.name} ${o.data?.v}`),
        onDelete: (o) => log.push(`${o instanceof DeletedFinalStateUnknown ? 'tombstone' : 'delete'} ${o instanceof DeletedFinalStateUnknown ? o.key : o.metadata.name}`),
      });
      factory.start();
      expect(await factory.waitForCacheSync()).toBe(true);
      await until(() => fake.watcherCount === 1, { turns: 5000 });
      fake.put(refs.configMaps, { metadata: { name: 'a', namespace: 'default' }, data: { v: '2' } } as ConfigMap);
      await until(() => log.length === 3, { turns: 5000 });

      // Cut the watch and, before the reflector can re-watch (that takes a round trip), delete b and compact
      // history: the re-watch from rv 3 is answered 410, and the relist finds b gone.
      fake.endWatches();
      fake.remove(refs.configMaps, 'default', 'b');
      fake.store.compact();
      for (let i = 0; i < 10 && !log.includes('tombstone default/b'); i++) {
        await tick(50);
        await clock.advanceAsync(1000); // backoff before the relist
      }
      expect(log).toEqual(['add a', 'add b', 'update a 2', 'tombstone default/b']);
      expect(inf.lister().list().map((o) => o.metadata.name)).toEqual(['a']);
      expect(fake.requests.filter((r) => !r.query.watch).length).toBe(2); // the initial list and the relist
    });
  }
});
