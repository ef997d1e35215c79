/** Contract: prefix ranges, paging at one consistent revision, counts. */
import { expect } from 'vitest';
import type { Store } from '../types.js';
import type { ContractContext } from './contract.js';
import { expectStoreError } from './helpers.js';

/** Keys sharing leading characters with `/registry/pods/` on both sides of it in key order. */
const TRICKY_KEYS = [
  '/registry/pods/ns2/a',
  '/registry/pods0',
  '/registry/pods-x/a',
  '/registry/pods/ns1/b',
  '/registry/pod',
  '/registry/podsecurity/a',
  '/registry/pods',
  '/registry/pods/ns1/a',
  '/registry/pods/',
];

async function createAll(s: Store, keys: readonly string[]): Promise<void> {
  for (const k of keys) await s.create(k, `value of ${k}`);
}

const keysOf = (r: { kvs: { key: string }[] }) => r.kvs.map((kv) => kv.key);

export function defineRangeTests(ctx: ContractContext): void {
  const { test } = ctx;

  test('range returns exactly the keys under the prefix, in key order', async () => {
    const s = ctx.store();
    await createAll(s, TRICKY_KEYS);
    const rev = await s.currentRevision();
    const pods = await s.range('/registry/pods/');
    expect(keysOf(pods)).toEqual(['/registry/pods/', '/registry/pods/ns1/a', '/registry/pods/ns1/b', '/registry/pods/ns2/a']);
    expect(pods.more).toBe(false);
    expect(pods.revision).toBe(rev);
    expect(keysOf(await s.range('/registry/pods'))).toEqual([
      '/registry/pods',
      '/registry/pods-x/a',
      '/registry/pods/',
      '/registry/pods/ns1/a',
      '/registry/pods/ns1/b',
      '/registry/pods/ns2/a',
      '/registry/pods0',
      '/registry/podsecurity/a',
    ]);
    expect(keysOf(await s.range('/registry/pods/ns1/'))).toEqual(['/registry/pods/ns1/a', '/registry/pods/ns1/b']);
  });

  test('range returns the same key-values as get', async () => {
    const s = ctx.store();
    const a = await s.create('/r/a', 'a1');
    await s.update('/r/a', 'a2', a.kv.modRevision);
    await s.create('/r/b', 'b1');
    const r = await s.range('/r/');
    expect(r.kvs).toEqual([(await s.get('/r/a')).kv, (await s.get('/r/b')).kv]);
  });

  test('range of a prefix with no keys is empty at the current revision', async () => {
    const s = ctx.store();
    const w = await s.create('/a/1', 'x');
    expect(await s.range('/b/')).toEqual({ kvs: [], more: false, revision: w.revision });
  });

  test('limit and after page through the keys; more says whether keys remain', async () => {
    const s = ctx.store();
    await createAll(s, ['/p/1', '/p/2', '/p/3', '/p/4', '/p/5', '/q/1']);
    const p1 = await s.range('/p/', { limit: 2 });
    expect([keysOf(p1), p1.more]).toEqual([['/p/1', '/p/2'], true]);
    const p2 = await s.range('/p/', { limit: 2, after: '/p/2', revision: p1.revision });
    expect([keysOf(p2), p2.more]).toEqual([['/p/3', '/p/4'], true]);
    const p3 = await s.range('/p/', { limit: 2, after: '/p/4', revision: p1.revision });
    expect([keysOf(p3), p3.more]).toEqual([['/p/5'], false]);
    const exact = await s.range('/p/', { limit: 1, after: '/p/4' });
    expect([keysOf(exact), exact.more]).toEqual([['/p/5'], false]);
    expect(keysOf(await s.range('/p/', { limit: 0 }))).toHaveLength(5);
    expect(keysOf(await s.range('/p/', { after: '/p/35' }))).toEqual(['/p/4', '/p/5']);
  });

  test('pages read at the first page revision do not see writes made between pages', async () => {
    const s = ctx.store();
    await createAll(s, ['/p/1', '/p/2', '/p/3', '/p/4']);
    const p1 = await s.range('/p/', { limit: 2 });
    const old3 = (await s.get('/p/3')).kv!;
    await s.create('/p/25', 'new');
    await s.delete('/p/3');
    const u4 = await s.update('/p/4', 'changed', (await s.get('/p/4')).kv!.modRevision);
    const p2 = await s.range('/p/', { limit: 2, after: '/p/2', revision: p1.revision });
    expect(p2.revision).toBe(p1.revision);
    expect(p2.kvs[0]).toEqual(old3);
    expect(keysOf(p2)).toEqual(['/p/3', '/p/4']);
    expect(p2.kvs[1]!.value).toBe('value of /p/4');
    expect(p2.more).toBe(false);
    const latest = await s.range('/p/', { after: '/p/2' });
    expect(keysOf(latest)).toEqual(['/p/25', '/p/4']);
    expect(latest.kvs[1]).toEqual(u4.kv);
    expect(latest.revision).toBe(u4.revision);
  });

  test('range at an older revision shows deleted keys and hides later ones', async () => {
    const s = ctx.store();
    const a = await s.create('/o/a', 'a1');
    const b = await s.create('/o/b', 'b1');
    await s.update('/o/a', 'a2', a.kv.modRevision);
    await s.delete('/o/b');
    await s.create('/o/c', 'c1');
    const old = await s.range('/o/', { revision: b.revision });
    expect(old).toEqual({ kvs: [a.kv, b.kv], more: false, revision: b.revision });
    expect(keysOf(await s.range('/o/'))).toEqual(['/o/a', '/o/c']);
  });

  test('range at a revision above the current one fails with FutureRevision', async () => {
    const s = ctx.store();
    const w = await s.create('/a', 'x');
    await expectStoreError(s.range('/', { revision: w.revision + 1 }), 'FutureRevision');
  });

  test('count counts live keys under the prefix', async () => {
    const s = ctx.store();
    await createAll(s, TRICKY_KEYS);
    expect(await s.count('/registry/pods/')).toBe(4);
    expect(await s.count('/registry/pods')).toBe(8);
    expect(await s.count('/registry/pods/ns1/')).toBe(2);
    expect(await s.count('/nothing/')).toBe(0);
    await s.delete('/registry/pods/ns1/a');
    expect(await s.count('/registry/pods/')).toBe(3);
    await s.create('/registry/pods/ns1/a', 'again');
    expect(await s.count('/registry/pods/')).toBe(4);
  });

  test('a large range returns every key in order', async () => {
    const s = ctx.store();
    const n = 300;
    const keys = Array.from({ length: n }, (_, i) => `/big/${String((i * 7919) % n).padStart(4, '0')}`);
    // etcd caps a txn at 128 ops by default; write in chunks.
    for (let i = 0; i < n; i += 100) {
      await s.txn({ compare: [], success: keys.slice(i, i + 100).map((key) => ({ type: 'put' as const, key, value: key })) });
    }
    const r = await s.range('/big/');
    expect(keysOf(r)).toEqual([...keys].sort());
    expect(await s.count('/big/')).toBe(n);
  });
}
