import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStoreContract, WatchReader } from '../testing/index.js';
import { EtcdStore } from './index.js';
import { etcdSkipReason, startEtcd, type EtcdProcess } from './testing/index.js';

// One etcd for this file; every contract case gets a store under its own key prefix.
const skipReason = etcdSkipReason();
if (skipReason) console.warn(`[etcd-store.test] ${skipReason}`);

let etcd: EtcdProcess | null = null;
let seq = 0;
const stores: EtcdStore[] = [];

function newStore(): EtcdStore {
  if (!etcd) throw new Error('etcd did not start');
  const s = new EtcdStore({ endpoints: etcd.endpoints, prefix: `/t${++seq}/` });
  stores.push(s);
  return s;
}

describe.skipIf(skipReason !== null)('EtcdStore', () => {
  beforeAll(async () => {
    etcd = await startEtcd();
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await etcd?.stop();
  });

  runStoreContract('etcd', async () => {
    const store = newStore();
    return { store, cleanup: () => store.close() };
  });

  describe('etcd specifics', () => {
    it('stores with different prefixes do not see each other, while sharing revisions', async () => {
      const a = newStore();
      const b = newStore();
      const wa = a.watch('/');
      const ca = await a.create('/k', 'from a');
      const cb = await b.create('/k', 'from b');
      expect(cb.revision).toBe(ca.revision + 1);
      expect((await a.get('/k')).kv?.value).toBe('from a');
      expect((await b.range('/')).kvs.map((kv) => [kv.key, kv.value])).toEqual([['/k', 'from b']]);
      expect(await a.count('')).toBe(1);
      const reader = new WatchReader(wa, { label: 'store a', timeoutMs: 5_000 });
      const c2 = await a.create('/k2', 'x');
      expect((await reader.eventsThrough(c2.revision)).map((e) => e.kv.key)).toEqual(['/k', '/k2']);
      reader.cancel();
    });

    it('rejects a namespace prefix without a trailing slash', () => {
      expect(() => new EtcdStore({ endpoints: ['http://127.0.0.1:1'], prefix: '/t' })).toThrow(/must end with '\/'/);
    });

    it('reports progress only after replayed history was delivered', async () => {
      const s = newStore();
      const first = await s.create('/p/a', '1');
      let last = first.revision;
      for (let i = 0; i < 20; i++) last = (await s.create(`/p/${i}`, 'x')).revision;
      const w = new WatchReader(s.watch('/p/', { fromRevision: first.revision }), { label: 'replay', timeoutMs: 5_000 });
      w.watch.requestProgress();
      let seen = 0;
      for (;;) {
        const b = await w.next('replay and a progress notification');
        if (b.progressNotify) {
          expect(seen, 'progress arrived before the replayed events').toBe(21);
          expect(b.revision).toBeGreaterThanOrEqual(last);
          break;
        }
        seen += b.events.length;
      }
      w.cancel();
    });

    it('a slow reader of replayed history is not closed for overflow', async () => {
      const s = newStore();
      const first = await s.create('/r/0', 'x');
      for (let i = 1; i < 30; i++) await s.create(`/r/${i}`, 'x');
      const last = first.revision + 29;
      const slow = s.watch('/r/', { fromRevision: first.revision, maxBuffered: 2 });
      // Let the replay reach the unread slow watch: a fast watch from the same revision has seen all of it.
      const fast = new WatchReader(s.watch('/r/', { fromRevision: first.revision }), { label: 'fast replay', timeoutMs: 5_000 });
      expect(await fast.eventsThrough(last)).toHaveLength(30);
      fast.cancel();
      const reader = new WatchReader(slow, { label: 'replay, maxBuffered 2', timeoutMs: 5_000 });
      expect(await reader.eventsThrough(last)).toHaveLength(30);
      reader.cancel();
    });

    it('keys and values are UTF-8 strings in byte order; a page after the prefix is empty', async () => {
      const s = newStore();
      await s.create('/u/ä', 'wert ✓');
      await s.create('/u/z', 'plain');
      await s.create('/u/日本', '値');
      const r = await s.range('/u/');
      expect(r.kvs.map((kv) => [kv.key, kv.value])).toEqual([['/u/z', 'plain'], ['/u/ä', 'wert ✓'], ['/u/日本', '値']]);
      expect((await s.range('/u/', { after: '/v' })).kvs).toEqual([]);
      expect((await s.range('/u/', { after: '/u/ä' })).kvs.map((kv) => kv.key)).toEqual(['/u/日本']);
    });

    it('stats report the etcd database size', async () => {
      const st = await newStore().stats();
      expect(st.backend).toBe('etcd');
      expect(st.sizeBytes).toBeGreaterThan(0);
    });
  });
});
