/** Contract: compaction (the API server's 410 Gone), close, stats and input validation. */
import { expect } from 'vitest';
import type { StoreErrorCode } from '../errors.js';
import type { Store, WatchOptions } from '../types.js';
import type { ContractContext } from './contract.js';
import { expectStoreError, expectStoreErrorFrom, WatchReader } from './helpers.js';

/** Asserts a watch fails with `code`, whether `watch()` throws or its first `next()` rejects. */
async function expectWatchError(ctx: ContractContext, prefix: string, opts: WatchOptions, code: StoreErrorCode) {
  return expectStoreErrorFrom(async () => {
    const r = WatchReader.open(ctx.store(), prefix, { ...opts, timeoutMs: ctx.timeoutMs });
    try {
      const b = await r.next(`the watch to fail with ${code}`);
      throw new Error(`expected the watch to fail with ${code}, got a batch: ${JSON.stringify(b)}`);
    } finally {
      r.cancel();
    }
  }, code);
}

async function history(s: Store) {
  const g = await s.create('/k/gone', 'g');
  await s.delete('/k/gone');
  const a1 = await s.create('/k/a', 'a1');
  const a2 = await s.update('/k/a', 'a2', a1.kv.modRevision);
  const b = await s.create('/k/b', 'b');
  const bd = await s.delete('/k/b');
  const c = await s.create('/k/c', 'c');
  return { g, a1, a2, b, bd, c };
}

export function defineLifecycleTests(ctx: ContractContext): void {
  const { test } = ctx;

  test('reads below the compact revision fail with Compacted; at or above it they succeed', async () => {
    const s = ctx.store();
    const { a1, a2, b, bd, c } = await history(s);
    await s.compact(b.revision);
    expect(await s.compactRevision()).toBe(b.revision);
    expect(await s.currentRevision()).toBe(c.revision);
    expect((await s.stats()).compactRevision).toBe(b.revision);
    for (const revision of [a1.revision, a2.revision]) {
      const err = await expectStoreError(s.get('/k/a', { revision }), 'Compacted');
      expect(err.revision).toBe(b.revision);
      expect((await expectStoreError(s.range('/k/', { revision }), 'Compacted')).revision).toBe(b.revision);
    }
    expect((await s.get('/k/a', { revision: b.revision })).kv).toEqual(a2.kv);
    expect((await s.get('/k/b', { revision: b.revision })).kv).toEqual(b.kv);
    expect((await s.get('/k/b', { revision: bd.revision })).kv).toBeNull();
    expect((await s.get('/k/gone', { revision: b.revision })).kv).toBeNull();
    expect((await s.get('/k/gone')).kv).toBeNull();
    expect((await s.range('/k/', { revision: b.revision })).kvs).toEqual([a2.kv, b.kv]);
  });

  test('latest values survive compaction', async () => {
    const s = ctx.store();
    const { a2, c } = await history(s);
    await s.compact(c.revision);
    expect((await s.get('/k/a')).kv).toEqual(a2.kv);
    expect((await s.range('/k/')).kvs).toEqual([a2.kv, c.kv]);
    expect(await s.count('/k/')).toBe(2);
    const u = await s.update('/k/a', 'a3', a2.kv.modRevision);
    expect(u.kv).toMatchObject({ createRevision: a2.kv.createRevision, version: 3, modRevision: c.revision + 1 });
  });

  test('a watch from below the compact revision fails with Compacted; from it, it replays', async () => {
    const s = ctx.store();
    const { a2, b, bd, c } = await history(s);
    await s.compact(b.revision);
    const err = await expectWatchError(ctx, '/k/', { fromRevision: a2.revision }, 'Compacted');
    expect(err.revision).toBe(b.revision);
    const w = ctx.watch('/k/', { fromRevision: b.revision });
    expect((await w.eventsThrough(c.revision)).map((e) => `${e.type} ${e.kv.modRevision}`)).toEqual([
      `put ${b.revision}`,
      `delete ${bd.revision}`,
      `put ${c.revision}`,
    ]);
  });

  test('a watch open across a compaction keeps delivering', async () => {
    const s = ctx.store();
    const w = ctx.watch('/k/');
    const { c } = await history(s);
    await s.compact(c.revision);
    const d = await s.create('/k/d', 'd');
    const evs = await w.eventsThrough(d.revision);
    expect(evs).toHaveLength(8);
    expect(evs[7]!.kv).toEqual(d.kv);
  });

  test('compact fails with FutureRevision above the current revision and Compacted below the compact revision', async () => {
    const s = ctx.store();
    const { a2, c } = await history(s);
    await expectStoreError(s.compact(c.revision + 1), 'FutureRevision');
    await s.compact(c.revision);
    const err = await expectStoreError(s.compact(a2.revision), 'Compacted');
    expect(err.revision).toBe(c.revision);
    expect(await s.compactRevision()).toBe(c.revision);
  });

  test('close ends open watches with Closed and later calls fail with Closed', async () => {
    const s = ctx.store();
    const w = ctx.watch('/z/');
    const a = await s.create('/z/a', '1');
    await w.nextEvents();
    await s.close();
    await w.expectError('Closed');
    const calls: [string, () => Promise<unknown>][] = [
      ['currentRevision', () => s.currentRevision()],
      ['get', () => s.get('/z/a')],
      ['range', () => s.range('/z/')],
      ['count', () => s.count('/z/')],
      ['create', () => s.create('/z/b', '1')],
      ['update', () => s.update('/z/a', '2', a.kv.modRevision)],
      ['delete', () => s.delete('/z/a')],
      ['txn', () => s.txn({ compare: [], success: [{ type: 'get', key: '/z/a' }] })],
      ['compact', () => s.compact(a.revision)],
      ['compactRevision', () => s.compactRevision()],
    ];
    for (const [name, call] of calls) {
      const err = await expectStoreErrorFrom(call, 'Closed').catch((e: unknown) => {
        throw new Error(`${name} after close: ${String(e)}`, { cause: e });
      });
      expect(err.code).toBe('Closed');
    }
    await expectWatchError(ctx, '/z/', {}, 'Closed');
    await s.close();
  });

  test('stats report the backend, revision, compact revision and live key count', async () => {
    const s = ctx.store();
    await s.create('/s/a', '1');
    await s.create('/s/b', '1');
    const c = await s.create('/s/c', '1');
    await s.delete('/s/b');
    await s.compact(c.revision);
    const st = await s.stats();
    expect(st).toMatchObject({ backend: s.backend, revision: c.revision + 1, compactRevision: c.revision, keys: 2 });
    expect(await s.count('')).toBe(2);
  });

  test('bad input fails with InvalidArgument and writes nothing', async () => {
    const s = ctx.store();
    const w = await s.create('/v/a', '1');
    const bad: [string, () => Promise<unknown>][] = [
      ['get empty key', () => s.get('')],
      ['create empty key', () => s.create('', 'v')],
      ['update empty key', () => s.update('', 'v', w.revision)],
      ['delete empty key', () => s.delete('')],
      ['txn put empty key', () => s.txn({ compare: [], success: [{ type: 'put', key: '', value: 'v' }] })],
      ['txn compare empty key', () => s.txn({ compare: [{ key: '', modRevision: 0 }], success: [] })],
      ['range limit -1', () => s.range('/v/', { limit: -1 })],
      ['range limit 1.5', () => s.range('/v/', { limit: 1.5 })],
    ];
    for (const revision of [0, -1, 1.5, Number.NaN]) {
      bad.push([`get revision ${revision}`, () => s.get('/v/a', { revision })]);
      bad.push([`range revision ${revision}`, () => s.range('/v/', { revision })]);
      bad.push([`compact ${revision}`, () => s.compact(revision)]);
    }
    for (const [name, call] of bad) {
      await expectStoreErrorFrom(call, 'InvalidArgument').catch((e: unknown) => {
        throw new Error(`${name}: ${String(e)}`, { cause: e });
      });
    }
    for (const fromRevision of [0, -3, 2.5]) await expectWatchError(ctx, '/v/', { fromRevision }, 'InvalidArgument');
    expect(await s.currentRevision()).toBe(w.revision);
    expect(await s.count('')).toBe(1);
  });
}
