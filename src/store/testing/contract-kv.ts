/** Contract: single-key reads and writes, revisions and incarnations. */
import { expect } from 'vitest';
import type { ContractContext } from './contract.js';
import { expectStoreError } from './helpers.js';

export function defineKvTests(ctx: ContractContext): void {
  const { test } = ctx;

  test('create stores version 1 with createRevision = modRevision = the new revision', async () => {
    const s = ctx.store();
    const r0 = await s.currentRevision();
    const res = await s.create('/registry/pods/ns/a', 'v1');
    expect(res.revision).toBe(r0 + 1);
    expect(res.kv).toEqual({ key: '/registry/pods/ns/a', value: 'v1', createRevision: r0 + 1, modRevision: r0 + 1, version: 1 });
    expect(await s.get('/registry/pods/ns/a')).toEqual({ kv: res.kv, revision: r0 + 1 });
    expect(await s.currentRevision()).toBe(r0 + 1);
  });

  test('create of a live key fails with KeyExists and writes nothing', async () => {
    const s = ctx.store();
    const first = await s.create('/k', 'v1');
    await expectStoreError(s.create('/k', 'v2'), 'KeyExists');
    expect(await s.currentRevision()).toBe(first.revision);
    expect((await s.get('/k')).kv).toEqual(first.kv);
  });

  test('get of a missing key returns null at the current revision', async () => {
    const s = ctx.store();
    const w = await s.create('/other', 'x');
    expect(await s.get('/missing')).toEqual({ kv: null, revision: w.revision });
  });

  test('get at an older revision returns the value as it was then', async () => {
    const s = ctx.store();
    const c = await s.create('/k', 'v1');
    const u1 = await s.update('/k', 'v2', c.kv.modRevision);
    const u2 = await s.update('/k', 'v3', u1.kv.modRevision);
    await s.create('/later', 'x');
    expect(await s.get('/k', { revision: c.revision })).toEqual({ kv: c.kv, revision: c.revision });
    expect((await s.get('/k', { revision: u1.revision })).kv).toEqual(u1.kv);
    expect((await s.get('/k', { revision: u2.revision })).kv).toEqual(u2.kv);
    expect(u2.kv).toMatchObject({ value: 'v3', createRevision: c.revision, modRevision: u2.revision, version: 3 });
    expect((await s.get('/k')).kv).toEqual(u2.kv);
  });

  test('get before a key was created returns null', async () => {
    const s = ctx.store();
    const before = await s.create('/a', 'x');
    await s.create('/k', 'v');
    expect(await s.get('/k', { revision: before.revision })).toEqual({ kv: null, revision: before.revision });
  });

  test('get of a deleted key at a revision where it lived returns it', async () => {
    const s = ctx.store();
    const c = await s.create('/k', 'v1');
    const d = await s.delete('/k');
    expect((await s.get('/k')).kv).toBeNull();
    expect((await s.get('/k', { revision: d.revision })).kv).toBeNull();
    expect((await s.get('/k', { revision: c.revision })).kv).toEqual(c.kv);
  });

  test('get at a revision above the current one fails with FutureRevision', async () => {
    const s = ctx.store();
    const c = await s.create('/k', 'v1');
    await expectStoreError(s.get('/k', { revision: c.revision + 1 }), 'FutureRevision');
    expect((await s.get('/k', { revision: c.revision })).kv).toEqual(c.kv);
  });

  test('update with the current modRevision replaces the value and bumps the version', async () => {
    const s = ctx.store();
    const c = await s.create('/k', 'v1');
    const u = await s.update('/k', 'v2', c.kv.modRevision);
    expect(u.revision).toBe(c.revision + 1);
    expect(u.kv).toEqual({ key: '/k', value: 'v2', createRevision: c.revision, modRevision: u.revision, version: 2 });
    expect((await s.get('/k')).kv).toEqual(u.kv);
  });

  test('update with a stale modRevision fails with Conflict carrying the actual modRevision', async () => {
    const s = ctx.store();
    const c = await s.create('/k', 'v1');
    const u = await s.update('/k', 'v2', c.kv.modRevision);
    const err = await expectStoreError(s.update('/k', 'v3', c.kv.modRevision), 'Conflict');
    expect(err.revision).toBe(u.kv.modRevision);
    expect(await s.currentRevision()).toBe(u.revision);
    expect((await s.get('/k')).kv).toEqual(u.kv);
  });

  test('update of a missing or deleted key fails with NotFound', async () => {
    const s = ctx.store();
    await expectStoreError(s.update('/never', 'v', 1), 'NotFound');
    const c = await s.create('/k', 'v1');
    const d = await s.delete('/k');
    await expectStoreError(s.update('/k', 'v2', c.kv.modRevision), 'NotFound');
    expect(await s.currentRevision()).toBe(d.revision);
  });

  test('delete returns the previous value and removes the key', async () => {
    const s = ctx.store();
    const c = await s.create('/k', 'v1');
    const d = await s.delete('/k');
    expect(d).toEqual({ prevKv: c.kv, revision: c.revision + 1 });
    expect(await s.get('/k')).toEqual({ kv: null, revision: d.revision });
    expect(await s.count('/k')).toBe(0);
  });

  test('guarded delete succeeds on the current modRevision and fails with Conflict on a stale one', async () => {
    const s = ctx.store();
    const c = await s.create('/k', 'v1');
    const u = await s.update('/k', 'v2', c.kv.modRevision);
    const err = await expectStoreError(s.delete('/k', { expectedModRevision: c.kv.modRevision }), 'Conflict');
    expect(err.revision).toBe(u.kv.modRevision);
    expect((await s.get('/k')).kv).toEqual(u.kv);
    const d = await s.delete('/k', { expectedModRevision: u.kv.modRevision });
    expect(d.prevKv).toEqual(u.kv);
  });

  test('delete of a missing key fails with NotFound, guarded or not, and writes nothing', async () => {
    const s = ctx.store();
    const w = await s.create('/other', 'x');
    await expectStoreError(s.delete('/missing'), 'NotFound');
    await expectStoreError(s.delete('/missing', { expectedModRevision: w.revision }), 'NotFound');
    expect(await s.currentRevision()).toBe(w.revision);
  });

  test('re-create after delete starts a new incarnation with a new createRevision and version 1', async () => {
    const s = ctx.store();
    const c1 = await s.create('/k', 'v1');
    const u1 = await s.update('/k', 'v2', c1.kv.modRevision);
    await s.delete('/k');
    const c2 = await s.create('/k', 'v3');
    expect(c2.kv).toEqual({ key: '/k', value: 'v3', createRevision: c2.revision, modRevision: c2.revision, version: 1 });
    expect(c2.kv.createRevision).toBeGreaterThan(c1.kv.createRevision);
    expect((await s.get('/k', { revision: u1.revision })).kv).toEqual(u1.kv);
  });

  test('every successful write bumps the revision by exactly one; failed writes bump nothing', async () => {
    const s = ctx.store();
    let rev = await s.currentRevision();
    const step = async (p: Promise<{ revision: number }>) => {
      const r = await p;
      expect(r.revision).toBe(rev + 1);
      rev = r.revision;
      expect(await s.currentRevision()).toBe(rev);
    };
    await step(s.create('/a', '1'));
    await step(s.create('/b', '1'));
    await step(s.update('/a', '2', rev - 1));
    await step(s.delete('/b'));
    await step(s.txn({ compare: [], success: [{ type: 'put', key: '/c', value: '1' }, { type: 'put', key: '/d', value: '1' }] }));
    await expectStoreError(s.create('/a', 'again'), 'KeyExists');
    await expectStoreError(s.update('/a', '3', 1), 'Conflict');
    await expectStoreError(s.delete('/b'), 'NotFound');
    expect(await s.currentRevision()).toBe(rev);
  });

  test('concurrent writes get distinct consecutive revisions', async () => {
    const s = ctx.store();
    const r0 = await s.currentRevision();
    const n = 40;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => s.create(`/c/${i}`, `v${i}`)));
    const revs = results.map((r) => r.revision).sort((a, b) => a - b);
    expect(revs).toEqual(Array.from({ length: n }, (_, i) => r0 + 1 + i));
    for (const r of results) expect(r.kv.modRevision).toBe(r.revision);
  });
}
