import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigMap, Pod } from '../api/index.js';
import { FakeClock } from '../machinery/index.js';
import { NODE_NAME_INDEX, nodeNameIndexFunc } from './indexer.js';
import { DeletedFinalStateUnknown, SharedInformer, deletedObject, type EventHandlers } from './informer.js';
import { listerWatcherFor } from './informer-factory.js';
import type { ListerWatcher } from './reflector.js';
import { refs } from './resource-ref.js';
import { RestClient } from './rest-client.js';
import { ChunkStream, FakeApiServer, until } from './testing/index.js';

const cm = (name: string, v = '1'): ConfigMap => ({ metadata: { name, namespace: 'default' }, data: { v } });

const informers: SharedInformer<ConfigMap>[] = [];
afterEach(async () => {
  await Promise.all(informers.splice(0).map((i) => i.stop()));
});

function setup(options: { resyncMs?: number } = {}) {
  const clock = new FakeClock();
  const server = new FakeApiServer({ clock });
  const client = new RestClient({ transport: server, clock, qps: Infinity });
  const errors: string[] = [];
  const inf = new SharedInformer<ConfigMap>({
    lw: listerWatcherFor(client.resource<ConfigMap>(refs.configMaps)),
    clock,
    backoff: { random: () => 0, jitter: 0 },
    ...(options.resyncMs ? { resyncMs: options.resyncMs } : {}),
    onError: (err, ctx) => errors.push(`${ctx}: ${(err as Error).message}`),
  });
  informers.push(inf);
  return { clock, server, inf, errors };
}

function recorder(log: string[], tag = ''): EventHandlers<ConfigMap> {
  return {
    onAdd: (o, initial) => log.push(`${tag}add ${o.metadata.name}${initial ? ' (initial)' : ''}`),
    onUpdate: (a, b) => log.push(`${tag}update ${a.metadata.name} ${a.data?.v}->${b.data?.v}`),
    onDelete: (o) => log.push(`${tag}${o instanceof DeletedFinalStateUnknown ? 'tombstone' : 'delete'} ${deletedObject(o).metadata.name} ${deletedObject(o).data?.v}`),
  };
}

describe('SharedInformer', () => {
  it('delivers the initial list, then adds, updates and deletes, with the cache updated first', async () => {
    const t = setup();
    t.server.put(refs.configMaps, cm('a'));
    const log: string[] = [];
    const cacheSeen: Array<string | undefined> = [];
    t.inf.addEventHandler({
      ...recorder(log),
      onUpdate: (a, b) => {
        cacheSeen.push(t.inf.lister().namespace('default').get('a')?.data?.v);
        log.push(`update ${a.metadata.name} ${a.data?.v}->${b.data?.v}`);
      },
    });
    t.inf.start();
    expect(await t.inf.waitForSync()).toBe(true);
    expect(t.inf.hasSynced()).toBe(true);
    t.server.put(refs.configMaps, cm('b'));
    t.server.put(refs.configMaps, cm('a', '2'));
    t.server.remove(refs.configMaps, 'default', 'b');
    await until(() => log.length === 4);
    expect(log).toEqual(['add a (initial)', 'add b', 'update a 1->2', 'delete b 1']);
    expect(cacheSeen).toEqual(['2']);
    expect(t.inf.lister().list().map((o) => o.metadata.name)).toEqual(['a']);
  });

  it('fills apiVersion and kind on cached objects', async () => {
    const t = setup();
    t.server.put(refs.configMaps, cm('a'));
    t.inf.start();
    await t.inf.waitForSync();
    expect(t.inf.lister().list()[0]).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap' });
  });

  it('reports objects that vanished while the watch was down as tombstones with their last known state', async () => {
    const t = setup();
    t.server.put(refs.configMaps, cm('gone', 'last'));
    t.server.put(refs.configMaps, cm('kept'));
    t.server.put(refs.configMaps, cm('same'));
    const log: string[] = [];
    t.inf.addEventHandler(recorder(log));
    t.inf.start();
    await t.inf.waitForSync();
    await until(() => t.server.watcherCount === 1);
    // The watch breaks; while it is down 'gone' is deleted, 'kept' changes, and history is compacted.
    t.server.endWatches();
    await until(() => t.errors.length === 1); // very short watch → backoff
    t.server.remove(refs.configMaps, 'default', 'gone');
    t.server.put(refs.configMaps, cm('kept', '2'));
    t.server.store.compact();
    await t.clock.advanceAsync(800); // re-watch → 410
    await until(() => t.errors.length === 2);
    await t.clock.advanceAsync(1600); // relist
    await until(() => log.length === 5);
    expect(log.slice(3)).toEqual(['tombstone gone last', 'update kept 1->2']);
    expect(t.inf.lister().list().map((o) => o.metadata.name).sort()).toEqual(['kept', 'same']);
  });

  it('ignores a DELETED event for an object the cache no longer has', async () => {
    const clock = new FakeClock();
    let watches = 0;
    const lw: ListerWatcher<ConfigMap> = {
      list: async () => ({ metadata: { resourceVersion: '5' }, items: [cm('a')] }),
      watch: async function* (options) {
        if (watches++ > 0) {
          await new Promise<void>((r) => options.signal.addEventListener('abort', () => r()));
          return;
        }
        yield { type: 'DELETED' as const, object: { ...cm('ghost'), metadata: { ...cm('ghost').metadata, resourceVersion: '6' } } };
        yield { type: 'DELETED' as const, object: { ...cm('a'), metadata: { ...cm('a').metadata, resourceVersion: '7' } } };
      },
    };
    const inf = new SharedInformer<ConfigMap>({ lw, clock });
    const log: string[] = [];
    inf.addEventHandler(recorder(log));
    inf.start();
    await until(() => log.length === 2);
    expect(log).toEqual(['add a (initial)', 'delete a 1']);
    expect(inf.lastSyncResourceVersion()).toBe('7');
    await inf.stop();
  });

  it('gives a handler added to a synced informer an add for every cached object', async () => {
    const t = setup();
    t.server.put(refs.configMaps, cm('a'));
    t.server.put(refs.configMaps, cm('b'));
    t.inf.start();
    await t.inf.waitForSync();
    const log: string[] = [];
    const reg = t.inf.addEventHandler(recorder(log));
    expect(reg.hasSynced()).toBe(true);
    expect(log.sort()).toEqual(['add a (initial)', 'add b (initial)']);
    reg.remove();
    t.server.put(refs.configMaps, cm('c'));
    await until(() => t.inf.indexer.size === 3);
    expect(log.length).toBe(2);
  });

  it('keeps delivering to other handlers when one throws, and reports the error', async () => {
    const t = setup();
    const log: string[] = [];
    t.inf.addEventHandler({ onAdd: () => { throw new Error('boom'); } });
    t.inf.addEventHandler(recorder(log));
    t.server.put(refs.configMaps, cm('a'));
    t.inf.start();
    await t.inf.waitForSync();
    expect(log).toEqual(['add a (initial)']);
    expect(t.errors).toEqual(['handler: boom']);
  });

  it('resyncs every resyncMs with onUpdate(obj, obj)', async () => {
    const t = setup({ resyncMs: 30_000 });
    t.server.put(refs.configMaps, cm('a'));
    const log: string[] = [];
    t.inf.addEventHandler(recorder(log));
    t.inf.start();
    await t.inf.waitForSync();
    await t.clock.advanceAsync(29_999);
    expect(log).toEqual(['add a (initial)']);
    await t.clock.advanceAsync(1);
    expect(log).toEqual(['add a (initial)', 'update a 1->1']);
    await t.clock.advanceAsync(30_000);
    expect(log.length).toBe(3);
  });

  it('maintains indexes added before or after start', async () => {
    const clock = new FakeClock();
    const server = new FakeApiServer({ clock });
    const client = new RestClient({ transport: server, clock, qps: Infinity });
    const inf = new SharedInformer<Pod>({ lw: listerWatcherFor(client.resource<Pod>(refs.pods)), clock });
    server.put(refs.pods, { metadata: { name: 'p', namespace: 'default' }, spec: { containers: [] } });
    inf.start();
    await inf.waitForSync();
    inf.addIndexers({ [NODE_NAME_INDEX]: nodeNameIndexFunc });
    expect(inf.lister().byIndex(NODE_NAME_INDEX, '').length).toBe(1);
    await client.bind({ metadata: { name: 'p', namespace: 'default' } }, 'n1');
    await until(() => inf.lister().byIndex(NODE_NAME_INDEX, 'n1').length === 1);
    expect(inf.lister().byIndex(NODE_NAME_INDEX, '')).toEqual([]);
    await inf.stop();
  });

  it('waitForSync answers false when the informer stops before syncing', async () => {
    const t = setup();
    t.server.prependReactor((req) => ({ status: 200, headers: {}, body: new ChunkStream(req.signal) })); // a list that never answers
    t.inf.start();
    const waiting = t.inf.waitForSync();
    const ac = new AbortController();
    const aborted = t.inf.waitForSync(ac.signal);
    ac.abort();
    expect(await aborted).toBe(false);
    void t.inf.stop();
    expect(await waiting).toBe(false);
  });
});
