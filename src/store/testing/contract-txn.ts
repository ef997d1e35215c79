/** Contract: transactions (compare → success/failure branch), atomic at one revision. */
import { expect } from 'vitest';
import type { ContractContext } from './contract.js';

export function defineTxnTests(ctx: ContractContext): void {
  const { test } = ctx;

  test('a txn writes several keys at one new revision', async () => {
    const s = ctx.store();
    const c = await s.create('/t/c', 'c1');
    const r = await s.txn({
      compare: [],
      success: [
        { type: 'put', key: '/t/a', value: 'a1' },
        { type: 'put', key: '/t/b', value: 'b1' },
        { type: 'delete', key: '/t/c' },
      ],
    });
    const rev = c.revision + 1;
    expect(r.succeeded).toBe(true);
    expect(r.revision).toBe(rev);
    expect(r.results).toEqual([
      { kv: { key: '/t/a', value: 'a1', createRevision: rev, modRevision: rev, version: 1 }, prevKv: null },
      { kv: { key: '/t/b', value: 'b1', createRevision: rev, modRevision: rev, version: 1 }, prevKv: null },
      { kv: c.kv, prevKv: c.kv },
    ]);
    expect((await s.range('/t/', { revision: rev - 1 })).kvs.map((kv) => kv.key)).toEqual(['/t/c']);
    expect((await s.range('/t/', { revision: rev })).kvs.map((kv) => kv.key)).toEqual(['/t/a', '/t/b']);
    expect(await s.currentRevision()).toBe(rev);
  });

  test('a txn put on a live key keeps createRevision, bumps version and returns prevKv', async () => {
    const s = ctx.store();
    const c = await s.create('/t/a', 'a1');
    const r = await s.txn({ compare: [{ key: '/t/a', modRevision: c.kv.modRevision }], success: [{ type: 'put', key: '/t/a', value: 'a2' }] });
    expect(r.succeeded).toBe(true);
    expect(r.results[0]).toEqual({
      kv: { key: '/t/a', value: 'a2', createRevision: c.revision, modRevision: c.revision + 1, version: 2 },
      prevKv: c.kv,
    });
  });

  test('a failing compare runs the failure branch and not the success branch', async () => {
    const s = ctx.store();
    const c = await s.create('/t/a', 'a1');
    const r = await s.txn({
      compare: [{ key: '/t/a', modRevision: c.kv.modRevision + 100 }],
      success: [{ type: 'put', key: '/t/x', value: 'x' }],
      failure: [{ type: 'get', key: '/t/a' }],
    });
    expect(r).toEqual({ succeeded: false, revision: c.revision, results: [{ kv: c.kv, prevKv: null }] });
    expect((await s.get('/t/x')).kv).toBeNull();
  });

  test('all compares must hold: one failing compare among several fails the txn', async () => {
    const s = ctx.store();
    const a = await s.create('/t/a', 'a');
    const b = await s.create('/t/b', 'b');
    const r = await s.txn({
      compare: [
        { key: '/t/a', modRevision: a.kv.modRevision },
        { key: '/t/b', modRevision: b.kv.modRevision - 1 },
      ],
      success: [{ type: 'delete', key: '/t/a' }],
    });
    expect(r.succeeded).toBe(false);
    expect(r.results).toEqual([]);
    expect((await s.get('/t/a')).kv).toEqual(a.kv);
  });

  test('the failure branch writes at one new revision', async () => {
    const s = ctx.store();
    const c = await s.create('/t/a', 'a1');
    const r = await s.txn({
      compare: [{ key: '/t/a', modRevision: 0 }],
      success: [],
      failure: [
        { type: 'put', key: '/t/a', value: 'a2' },
        { type: 'put', key: '/t/b', value: 'b1' },
      ],
    });
    expect(r.succeeded).toBe(false);
    expect(r.revision).toBe(c.revision + 1);
    expect(r.results.map((x) => x.kv?.modRevision)).toEqual([c.revision + 1, c.revision + 1]);
    expect(r.results[0]!.prevKv).toEqual(c.kv);
  });

  test('a modRevision 0 compare means the key must not exist', async () => {
    const s = ctx.store();
    const absent = { compare: [{ key: '/t/k', modRevision: 0 }], success: [{ type: 'put' as const, key: '/t/k', value: 'v' }] };
    const first = await s.txn(absent);
    expect(first.succeeded).toBe(true);
    const second = await s.txn(absent);
    expect(second.succeeded).toBe(false);
    expect(second.revision).toBe(first.revision);
    await s.delete('/t/k');
    const third = await s.txn(absent);
    expect(third.succeeded).toBe(true);
    expect(third.results[0]!.kv).toMatchObject({ version: 1, createRevision: third.revision });
  });

  test('a txn that writes nothing leaves the revision unchanged', async () => {
    const s = ctx.store();
    const c = await s.create('/t/a', 'a1');
    const reads = await s.txn({ compare: [], success: [{ type: 'get', key: '/t/a' }, { type: 'get', key: '/t/none' }] });
    expect(reads).toEqual({ succeeded: true, revision: c.revision, results: [{ kv: c.kv, prevKv: null }, { kv: null, prevKv: null }] });
    const delMissing = await s.txn({ compare: [], success: [{ type: 'delete', key: '/t/none' }] });
    expect(delMissing).toEqual({ succeeded: true, revision: c.revision, results: [{ kv: null, prevKv: null }] });
    expect(await s.currentRevision()).toBe(c.revision);
  });

  test('concurrent compare-and-swap txns on one key: exactly one wins', async () => {
    const s = ctx.store();
    const c = await s.create('/t/cas', '0');
    const attempts = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        s.txn({ compare: [{ key: '/t/cas', modRevision: c.kv.modRevision }], success: [{ type: 'put', key: '/t/cas', value: `${i + 1}` }] }),
      ),
    );
    expect(attempts.filter((a) => a.succeeded)).toHaveLength(1);
    expect((await s.get('/t/cas')).kv!.version).toBe(2);
  });
}
