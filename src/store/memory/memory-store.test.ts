import { describe, expect, it } from 'vitest';
import { runStoreContract } from '../testing/index.js';
import { MemoryStore } from './index.js';

runStoreContract('memory', async () => {
  const store = new MemoryStore();
  return { store, cleanup: () => store.close() };
});

describe('MemoryStore specifics', () => {
  it('ranges 10k keys written in random order, in key order, at old and new revisions', async () => {
    const s = new MemoryStore();
    const n = 10_000;
    for (let i = 0; i < n; i++) await s.create(`/k/${String((i * 7919) % n).padStart(5, '0')}`, `${i}`);
    const mid = await s.currentRevision();
    for (let i = 0; i < n; i += 2) await s.delete(`/k/${String(i).padStart(5, '0')}`);
    const all = await s.range('/k/', { revision: mid });
    expect(all.kvs.map((kv) => kv.key)).toEqual(Array.from({ length: n }, (_, i) => `/k/${String(i).padStart(5, '0')}`));
    const now = await s.range('/k/');
    expect(now.kvs).toHaveLength(n / 2);
    expect(await s.count('/k/')).toBe(n / 2);
    expect((await s.stats()).keys).toBe(n / 2);
  });

  it('forgets deleted keys at compaction but keeps ranges correct', async () => {
    const s = new MemoryStore();
    await s.create('/a', '1');
    await s.create('/b', '1');
    await s.delete('/a');
    const c = await s.create('/c', '1');
    await s.compact(c.revision);
    expect((await s.range('/')).kvs.map((kv) => kv.key)).toEqual(['/b', '/c']);
    const again = await s.create('/a', '2');
    expect(again.kv).toMatchObject({ createRevision: again.revision, version: 1 });
    expect((await s.range('/')).kvs.map((kv) => kv.key)).toEqual(['/a', '/b', '/c']);
  });

  it('replays more history than maxBuffered without overflowing', async () => {
    const s = new MemoryStore();
    for (let i = 0; i < 50; i++) await s.create(`/r/${i}`, 'x');
    const w = s.watch('/r/', { fromRevision: 1, maxBuffered: 5 });
    let seen = 0;
    for await (const _ of w) if (++seen === 50) break;
    expect(seen).toBe(50);
  });

  it('returns frozen key-values so callers cannot rewrite history', async () => {
    const s = new MemoryStore();
    const c = await s.create('/k', 'v');
    expect(Object.isFrozen(c.kv)).toBe(true);
    expect(() => {
      (c.kv as { value: string }).value = 'changed';
    }).toThrow(TypeError);
    expect((await s.get('/k')).kv!.value).toBe('v');
  });

  it('rejects a txn that writes one key twice, writing nothing', async () => {
    const s = new MemoryStore();
    const r = s.txn({ compare: [], success: [{ type: 'put', key: '/k', value: '1' }, { type: 'delete', key: '/k' }] });
    await expect(r).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(await s.currentRevision()).toBe(0);
  });

  it('a txn get sees the writes made earlier in the same txn, as in etcd', async () => {
    const s = new MemoryStore();
    const r = await s.txn({ compare: [], success: [{ type: 'put', key: '/k', value: '1' }, { type: 'get', key: '/k' }] });
    expect(r.results[1]!.kv).toMatchObject({ value: '1', modRevision: 1 });
  });

  it('applies writes in call order and publishes before the promise settles', async () => {
    const s = new MemoryStore();
    const w = s.watch('/');
    const it = w[Symbol.asyncIterator]();
    const a = s.create('/a', '1');
    const b = s.create('/b', '1');
    expect(await s.currentRevision()).toBe(2);
    expect((await a).revision).toBe(1);
    expect((await b).revision).toBe(2);
    expect((await it.next()).value).toMatchObject({ revision: 1 });
    w.cancel();
  });

  it('counts 1,000 watchers and unregisters them on cancel', async () => {
    const s = new MemoryStore();
    const watches = Array.from({ length: 1_000 }, () => s.watch('/registry/pods/'));
    const c = await s.create('/registry/pods/ns/a', 'x');
    const firsts = await Promise.all(watches.map((w) => w[Symbol.asyncIterator]().next()));
    for (const f of firsts) expect(f.value).toMatchObject({ revision: c.revision });
    for (const w of watches) w.cancel();
    expect((await Promise.all(watches.map((w) => w[Symbol.asyncIterator]().next()))).every((r) => r.done)).toBe(true);
  });
});
