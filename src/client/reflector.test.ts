import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigMap } from '../api/index.js';
import { ApiError, FakeClock, resourceExpired } from '../machinery/index.js';
import { listerWatcherFor } from './informer-factory.js';
import { Reflector, type ReflectorStore } from './reflector.js';
import { refs } from './resource-ref.js';
import { RestClient } from './rest-client.js';
import { FakeApiServer, until } from './testing/index.js';

const cm = (name: string, v = '1'): ConfigMap => ({ metadata: { name, namespace: 'default' }, data: { v } });

class RecordingStore implements ReflectorStore<ConfigMap> {
  readonly log: string[] = [];
  replace(items: ConfigMap[], rv: string) {
    this.log.push(`replace ${items.map((i) => i.metadata.name).join(',')} @${rv}`);
  }
  add(o: ConfigMap) {
    this.log.push(`add ${o.metadata.name}@${o.metadata.resourceVersion}`);
  }
  update(o: ConfigMap) {
    this.log.push(`update ${o.metadata.name}@${o.metadata.resourceVersion}`);
  }
  delete(o: ConfigMap) {
    this.log.push(`delete ${o.metadata.name}@${o.metadata.resourceVersion}`);
  }
}

const stops: AbortController[] = [];
afterEach(() => {
  for (const s of stops.splice(0)) s.abort();
});

function setup(options: { goneAs?: 'status' | 'event'; pageSize?: number; namespace?: string } = {}) {
  const clock = new FakeClock();
  const server = new FakeApiServer({ clock, ...(options.goneAs ? { goneAs: options.goneAs } : {}) });
  const client = new RestClient({ transport: server, clock, qps: Infinity });
  const store = new RecordingStore();
  const errors: string[] = [];
  const reflector = new Reflector<ConfigMap>({
    lw: listerWatcherFor(client.resource<ConfigMap>(refs.configMaps), options.namespace ? { namespace: options.namespace } : {}),
    store,
    clock,
    pageSize: options.pageSize ?? 500,
    backoff: { random: () => 0, jitter: 0 },
    onError: (err, phase) => errors.push(`${phase}: ${(err as Error).message}`),
  });
  const ac = new AbortController();
  stops.push(ac);
  const lists = () => server.requests.filter((r) => r.method === 'GET' && !r.query.watch);
  const watches = () => server.requests.filter((r) => r.query.watch === 'true');
  return { clock, server, store, errors, reflector, run: () => reflector.run(ac.signal), ac, lists, watches };
}

describe('Reflector', () => {
  it('lists in pages of pageSize, then watches from the list resourceVersion with bookmarks', async () => {
    const t = setup({ pageSize: 2 });
    for (const n of ['a', 'b', 'c', 'd', 'e']) t.server.put(refs.configMaps, cm(n));
    void t.run();
    await until(() => t.watches().length === 1);
    expect(t.lists().map((r) => r.query.limit)).toEqual(['2', '2', '2']);
    expect(t.lists()[1]!.query.continue).toBeTruthy();
    expect(t.store.log).toEqual(['replace a,b,c,d,e @5']);
    expect(t.watches()[0]!.query).toMatchObject({ resourceVersion: '5', allowWatchBookmarks: 'true' });
    expect(Number(t.watches()[0]!.query.timeoutSeconds)).toBeGreaterThanOrEqual(300);
    t.server.put(refs.configMaps, cm('f'));
    t.server.put(refs.configMaps, cm('a', '2'));
    t.server.remove(refs.configMaps, 'default', 'b');
    await until(() => t.store.log.length === 4);
    expect(t.store.log.slice(1)).toEqual(['add f@6', 'update a@7', 'delete b@8']);
    expect(t.reflector.lastSyncResourceVersion()).toBe('8');
  });

  it('re-watches from a bookmark resourceVersion when the server ends the stream', async () => {
    const t = setup({ namespace: 'default' });
    t.server.put(refs.configMaps, cm('a'));
    void t.run();
    await until(() => t.watches().length === 1);
    t.server.put(refs.configMaps, { metadata: { name: 'elsewhere', namespace: 'other' } }); // rv 2, outside the watch
    t.server.sendBookmarks();
    await until(() => t.reflector.lastSyncResourceVersion() === '2');
    t.server.endWatches();
    await until(() => t.watches().length === 2);
    expect(t.watches()[1]!.query.resourceVersion).toBe('2');
    expect(t.lists().length).toBe(1);
    expect(t.store.log).toEqual(['replace a @1']);
  });

  for (const goneAs of ['status', 'event'] as const) {
    it(`relists after a 410 delivered as ${goneAs === 'status' ? 'an HTTP status' : 'an ERROR event'}`, async () => {
      const t = setup({ goneAs });
      t.server.put(refs.configMaps, cm('a'));
      void t.run();
      await until(() => t.watches().length === 1);
      // The watch drops (too quickly: the reflector backs off); meanwhile b is written and history compacted, so
      // re-watching from rv 1 is too old.
      t.server.endWatches();
      await until(() => t.errors.length === 1);
      t.server.put(refs.configMaps, cm('b'));
      t.server.store.compact();
      await t.clock.advanceAsync(800);
      await until(() => t.errors.length === 2);
      expect(t.errors[1]).toMatch(/^watch: too old resource version/);
      expect(t.watches().length).toBe(2);
      expect(t.lists().length).toBe(1);
      await t.clock.advanceAsync(1600); // the backoff before relisting
      await until(() => t.lists().length === 2 && t.watches().length === 3);
      expect(t.store.log.at(-1)).toBe('replace a,b @2');
      expect(t.watches()[2]!.query.resourceVersion).toBe('2');
    });
  }

  it('re-watches from the last resourceVersion, after a backoff, on other watch errors', async () => {
    const t = setup();
    t.server.put(refs.configMaps, cm('a'));
    void t.run();
    await until(() => t.watches().length === 1);
    t.server.put(refs.configMaps, cm('b'));
    await until(() => t.store.log.length === 2);
    t.server.failWatches(new ApiError(500, 'InternalError', 'etcd hiccup'));
    await until(() => t.errors.length === 1);
    expect(t.errors[0]).toBe('watch: etcd hiccup');
    expect(t.watches().length).toBe(1);
    await t.clock.advanceAsync(800);
    await until(() => t.watches().length === 2);
    expect(t.watches()[1]!.query.resourceVersion).toBe('2');
    expect(t.lists().length).toBe(1);
  });

  it('falls back to one full list when a continue token expires mid-pagination', async () => {
    const t = setup({ pageSize: 1 });
    for (const n of ['a', 'b', 'c']) t.server.put(refs.configMaps, cm(n));
    let compacted = false;
    t.server.prependReactor((req) => {
      if (!compacted && req.query?.some(([k]) => k === 'continue')) {
        compacted = true;
        t.server.put(refs.configMaps, cm('d'));
        t.server.store.compact();
      }
      return undefined;
    });
    void t.run();
    await until(() => t.watches().length === 1);
    expect(t.lists().map((r) => r.query.limit ?? 'none')).toEqual(['1', '1', 'none']);
    expect(t.store.log).toEqual(['replace a,b,c,d @4']);
  });

  it('retries a failed list after a backoff', async () => {
    const t = setup();
    let failures = 1;
    t.server.prependReactor((req) => (req.method === 'GET' && failures-- > 0 ? new ApiError(503, 'ServiceUnavailable', 'starting') : undefined));
    void t.run();
    await until(() => t.errors.length === 1);
    expect(t.errors[0]).toBe('list: starting');
    await t.clock.advanceAsync(800);
    await until(() => t.watches().length === 1);
    expect(t.store.log).toEqual(['replace  @0']);
  });

  it('backs off when the server closes a watch immediately without events', async () => {
    const t = setup();
    void t.run();
    await until(() => t.watches().length === 1);
    t.server.endWatches();
    await until(() => t.errors.length === 1);
    expect(t.errors[0]).toMatch(/very short watch/);
    expect(t.watches().length).toBe(1);
    await t.clock.advanceAsync(800);
    await until(() => t.watches().length === 2);
  });

  it('does not pile up abort listeners on its signal across many re-watches', async () => {
    const t = setup();
    void t.run();
    await until(() => t.watches().length === 1);
    const baseline = getEventListeners(t.ac.signal, 'abort').length;
    for (let i = 0; i < 30; i++) {
      t.server.put(refs.configMaps, cm(`x${i}`));
      t.server.endWatches();
      await until(() => t.watches().length === i + 2);
    }
    expect(getEventListeners(t.ac.signal, 'abort').length).toBeLessThanOrEqual(baseline);
  });

  it('run resolves once its signal aborts, closing the watch', async () => {
    const t = setup();
    const done = t.run();
    await until(() => t.server.watcherCount === 1);
    t.ac.abort();
    await done;
    expect(t.server.watcherCount).toBe(0);
  });

  it('keeps watch errors from reaching the caller as rejections', async () => {
    const t = setup();
    t.server.prependReactor((req) => (req.query?.some(([k]) => k === 'watch') ? resourceExpired('too old') : undefined));
    const done = t.run();
    await until(() => t.errors.length === 1);
    t.ac.abort();
    await expect(done).resolves.toBeUndefined();
  });
});
