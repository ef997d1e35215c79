import { afterEach, describe, expect, it } from 'vitest';
import { isKeyExists } from '../errors.js';
import { SqliteStore } from './index.js';
import { tempDb } from './testing/temp-db.js';
import type { TempDb } from './testing/temp-db.js';

describe('sqlite group commit', () => {
  let tmp: TempDb;
  let store: SqliteStore;
  const fresh = () => {
    tmp = tempDb();
    store = new SqliteStore({ path: tmp.path });
    return store;
  };
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  it('64 concurrent creates commit in one sqlite transaction at consecutive revisions in call order', async () => {
    const s = fresh();
    const r0 = await s.currentRevision();
    const before = s.commitStats();
    const results = await Promise.all(Array.from({ length: 64 }, (_, i) => s.create(`/g/${i}`, `v${i}`)));
    expect(results.map((r) => r.revision)).toEqual(Array.from({ length: 64 }, (_, i) => r0 + 1 + i));
    const after = s.commitStats();
    expect(after.transactions - before.transactions).toBe(1);
    expect(after.writes - before.writes).toBe(64);
    expect(after.largestBatch).toBe(64);
    expect(await s.count('/g/')).toBe(64);
  });

  it('writes awaited one after another each get their own transaction', async () => {
    const s = fresh();
    const before = s.commitStats().transactions;
    for (let i = 0; i < 5; i++) await s.create(`/seq/${i}`, 'x');
    expect(s.commitStats().transactions - before).toBe(5);
  });

  it('a request failing its precondition does not disturb the others in its batch', async () => {
    const s = fresh();
    const c = await s.create('/cas', '0');
    const r0 = c.revision;
    const settled = await Promise.allSettled([
      s.create('/dup', 'first'),
      s.create('/dup', 'second'),
      s.update('/cas', '1', c.kv.modRevision),
      s.update('/cas', '2', c.kv.modRevision),
      s.delete('/missing'),
      s.create('/ok', 'ok'),
    ]);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(isKeyExists((settled[1] as PromiseRejectedResult).reason)).toBe(true);
    expect((settled[3] as PromiseRejectedResult).reason).toMatchObject({ code: 'Conflict', revision: r0 + 2 });
    expect((settled[4] as PromiseRejectedResult).reason).toMatchObject({ code: 'NotFound' });
    const revs = settled.flatMap((r) => (r.status === 'fulfilled' ? [(r.value as { revision: number }).revision] : []));
    expect(revs).toEqual([r0 + 1, r0 + 2, r0 + 3]);
    expect((await s.get('/dup')).kv?.value).toBe('first');
    expect(await s.currentRevision()).toBe(r0 + 3);
  });

  it('publishes the events of a batch in revision order, one batch per write', async () => {
    const s = fresh();
    const w = s.watch('/e/');
    const batches: number[][] = [];
    const pump = (async () => {
      for await (const b of w) batches.push(b.events.map((e) => e.kv.modRevision));
    })();
    const revs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        s.txn({ compare: [], success: [{ type: 'put', key: `/e/${i}`, value: 'x' }, { type: 'put', key: `/e/${i}b`, value: 'y' }] }),
      ),
    ).then((rs) => rs.map((r) => r.revision));
    expect(s.commitStats().largestBatch).toBe(20);
    await expect.poll(() => batches.length).toBe(20);
    w.cancel();
    await pump;
    expect(batches).toEqual(revs.map((r) => [r, r]));
    expect(revs).toEqual([...revs].sort((a, b) => a - b));
  });

  it('when sqlite fails a batch, each request is retried alone and only the failing one is rejected', async () => {
    const s = fresh();
    const r0 = (await s.create('/warm', 'x')).revision;
    // White box: cap the file so one oversized value fails with SQLITE_FULL while small writes still fit.
    const db = (s as unknown as { db: { pragma(sql: string, o?: { simple: boolean }): unknown } }).db;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 64}`);
    const before = s.commitStats().transactions;
    const settled = await Promise.allSettled([
      s.create('/small/1', 'x'),
      s.create('/huge', 'x'.repeat(4 * 1024 * 1024)),
      s.create('/small/2', 'x'),
    ]);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'Unavailable' });
    expect(settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value.revision] : []))).toEqual([r0 + 1, r0 + 2]);
    expect(s.commitStats().transactions - before).toBe(2);
    expect(await s.currentRevision()).toBe(r0 + 2);
    expect((await s.get('/huge')).kv).toBeNull();
    expect((await s.create('/small/3', 'x')).revision).toBe(r0 + 3);
  });

  it('close commits the writes already queued', async () => {
    const s = fresh();
    const pending = s.create('/queued', 'v');
    await s.close();
    const { revision } = await pending;
    store = new SqliteStore({ path: tmp.path });
    expect((await store.get('/queued')).kv).toMatchObject({ value: 'v', modRevision: revision });
  });
});
