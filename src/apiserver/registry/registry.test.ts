import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/index.js';
import { FakeClock, fieldErrors, isAlreadyExists, isConflict, isInvalid, isNotFound } from '../../machinery/index.js';
import { MemoryStore } from '../../store/index.js';
import { createObject } from './create.js';
import { deleteObject } from './delete.js';
import { GenericRegistry } from './generic.js';
import type { Strategy } from './strategy.js';
import { updateObject } from './update.js';
import { objectOf } from '../watchcache/types.js';

function testStrategy(over: Partial<Strategy> = {}): Strategy {
  return {
    gr: { group: 'test.skiff.io', resource: 'widgets' },
    gvk: { group: 'test.skiff.io', version: 'v1', kind: 'Widget' },
    namespaced: true,
    tracksGeneration: true,
    hasStatus: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
    defaultPropagation: 'Background',
    fieldSelectorFields: ['spec.color'],
    applyDefaults(obj) {
      const spec = (obj.spec ??= {}) as Record<string, unknown>;
      spec.color ??= 'blue';
    },
    prepareForCreate(obj) {
      delete obj.status;
    },
    prepareForUpdate(obj, old, target) {
      if (target === 'main') obj.status = old.status;
      else if (target === 'status') obj.spec = old.spec;
    },
    validateCreate(obj) {
      const n = (obj.spec as { size?: number } | undefined)?.size;
      return n !== undefined && n < 0 ? [fieldErrors.invalid('spec.size', n, 'must be greater than or equal to 0')] : [];
    },
    validateUpdate() {
      return [];
    },
    selectableFields: (obj) => ({ 'spec.color': String((obj.spec as { color?: string } | undefined)?.color ?? '') }),
    gracePeriod: (obj, opts) => (obj.metadata.labels?.graceful ? (opts.gracePeriodSeconds ?? 30) : 0),
    ...over,
  };
}

const regs: GenericRegistry[] = [];
function setup(over: Partial<Strategy> = {}) {
  const clock = new FakeClock(Date.UTC(2026, 10, 24, 12, 0, 0));
  const store = new MemoryStore();
  let n = 0;
  let s = 0;
  const reg = new GenericRegistry({
    store,
    strategy: testStrategy(over),
    clock,
    storageResource: 'widgets',
    newUid: () => `uid-${++n}`,
    nameSuffix: () => ['aaaaa', 'aaaaa', 'bbbbb'][s++] ?? 'zzzzz',
  });
  regs.push(reg);
  return { reg, store, clock };
}
afterEach(() => {
  for (const r of regs.splice(0)) r.stop();
});

const widget = (name: string, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'test.skiff.io/v1',
  kind: 'Widget',
  metadata: { name, ...meta },
  spec,
});

describe('create', () => {
  it('fills system fields, defaults, and generation 1; status is dropped', async () => {
    const { reg } = setup();
    const o = await createObject(reg, 'ns1', { ...widget('a'), status: { ready: true } });
    expect(o.metadata).toMatchObject({ name: 'a', namespace: 'ns1', uid: 'uid-1', generation: 1, creationTimestamp: '2026-11-24T12:00:00Z' });
    expect(o.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(o.spec).toEqual({ color: 'blue' });
    expect(o.status).toBeUndefined();
  });

  it('rejects duplicates with AlreadyExists and invalid objects with field causes', async () => {
    const { reg } = setup();
    await createObject(reg, 'ns1', widget('a'));
    await expect(createObject(reg, 'ns1', widget('a'))).rejects.toSatisfy(isAlreadyExists);
    const err = await createObject(reg, 'ns1', widget('b', { size: -1 })).catch((e: unknown) => e);
    expect(isInvalid(err)).toBe(true);
    expect((err as Error).message).toBe('Widget.test.skiff.io "b" is invalid: spec.size: Invalid value: -1: must be greater than or equal to 0');
  });

  it('retries generateName collisions with a fresh suffix', async () => {
    const { reg } = setup();
    const a = await createObject(reg, 'ns1', { ...widget(''), metadata: { generateName: 'w-' } });
    const b = await createObject(reg, 'ns1', { ...widget(''), metadata: { generateName: 'w-' } });
    expect(a.metadata.name).toBe('w-aaaaa');
    expect(b.metadata.name).toBe('w-bbbbb');
  });

  it('requires a name or generateName', async () => {
    const { reg } = setup();
    const err = await createObject(reg, 'ns1', { ...widget(''), metadata: {} }).catch((e: unknown) => e);
    expect((err as Error).message).toContain('metadata.name: Required value: name or generateName is required');
  });
});

describe('update', () => {
  it('bumps generation on spec changes only, keeps status on main writes and spec on status writes', async () => {
    const { reg } = setup();
    await createObject(reg, 'ns1', widget('a'));
    let r = await updateObject(reg, 'ns1', 'a', (cur) => ({ ...cur!, metadata: { ...cur!.metadata, labels: { x: 'y' } } }));
    expect(r.object.metadata.generation).toBe(1);
    r = await updateObject(reg, 'ns1', 'a', (cur) => ({ ...cur!, spec: { color: 'red' }, status: { ready: true } }));
    expect(r.object.metadata.generation).toBe(2);
    expect(r.object.status).toBeUndefined();
    r = await updateObject(reg, 'ns1', 'a', (cur) => ({ ...cur!, spec: { color: 'green' }, status: { ready: true } }), { target: 'status' });
    expect(r.object.spec).toEqual({ color: 'red' });
    expect(r.object.status).toEqual({ ready: true });
    expect(r.object.metadata.generation).toBe(2);
  });

  it('answers a stale resourceVersion with 409 Conflict and a missing object with 404', async () => {
    const { reg } = setup();
    const a = await createObject(reg, 'ns1', widget('a'));
    await updateObject(reg, 'ns1', 'a', (cur) => ({ ...cur!, spec: { color: 'red' } }));
    const err = await updateObject(reg, 'ns1', 'a', () => ({ ...a, spec: { color: 'green' } })).catch((e: unknown) => e);
    expect(isConflict(err)).toBe(true);
    expect((err as Error).message).toBe(
      'Operation cannot be fulfilled on widgets.test.skiff.io "a": the object has been modified; please apply your changes to the latest version and try again',
    );
    await expect(updateObject(reg, 'ns1', 'zz', (c) => c!)).rejects.toSatisfy(isNotFound);
  });

  it('does not write when nothing changes', async () => {
    const { reg, store } = setup();
    const a = await createObject(reg, 'ns1', widget('a'));
    const before = await store.currentRevision();
    const r = await updateObject(reg, 'ns1', 'a', (cur) => cur!);
    expect(r.object.metadata.resourceVersion).toBe(a.metadata.resourceVersion);
    expect(await store.currentRevision()).toBe(before);
  });

  it('returns what a read of the stored bytes returns, frozen, and the watch cache holds that same object', async () => {
    const { reg } = setup();
    const created = await createObject(reg, 'ns1', widget('w', { size: 1, gone: undefined, list: [1, undefined] }, { labels: { a: 'b' } }));
    const updated = (await updateObject(reg, 'ns1', 'w', (cur) => ({ ...cur!, spec: { ...(cur!.spec as object), size: 2, nan: NaN } }))).object;
    for (const written of [created, updated]) expect(Object.isFrozen(written.metadata)).toBe(true);
    const read = await reg.get('ns1', 'w');
    expect(JSON.stringify(updated)).toBe(JSON.stringify(read));
    expect(updated.spec).toEqual({ size: 2, list: [1, null], color: 'blue', nan: null });
    await reg.cacher.waitFresh(Number(updated.metadata.resourceVersion));
    expect(reg.cacher.get(reg.key('ns1', 'w'))?.obj).toEqual(updated);
  });

  it('the watch cache takes an object offered for a revision it has not reached instead of decoding the bytes', async () => {
    const { reg, store } = setup();
    await reg.cacher.ready();
    const key = reg.key('ns1', 'offered');
    const rv = (await store.currentRevision()) + 1;
    const obj: KubeObject = { ...widget('offered'), metadata: { name: 'offered', namespace: 'ns1', resourceVersion: String(rv) } };
    reg.cacher.offer(key, rv, obj);
    expect(Object.isFrozen(obj)).toBe(true);
    const kv = (await store.create(key, JSON.stringify({ ...obj, metadata: { name: 'offered', namespace: 'ns1' } }))).kv;
    expect(kv.modRevision).toBe(rv);
    await reg.cacher.waitFresh(rv);
    expect(reg.cacher.get(key)?.obj).toBe(obj);
    // An offer the cache is already past is ignored.
    reg.cacher.offer(key, rv, { ...obj });
    expect(reg.cacher.get(key)?.obj).toBe(obj);
  });

  it('retries unconditional updates that lose a race instead of failing', async () => {
    const { reg } = setup();
    await createObject(reg, 'ns1', widget('a', { n: 0 }));
    await Promise.all(
      Array.from({ length: 10 }, () =>
        updateObject(reg, 'ns1', 'a', (cur) => {
          const spec = cur!.spec as { n: number };
          delete cur!.metadata.resourceVersion;
          return { ...cur!, spec: { ...spec, n: spec.n + 1 } };
        }),
      ),
    );
    const got = await reg.get('ns1', 'a');
    expect((got.spec as { n: number }).n).toBe(10);
  });
});

describe('delete', () => {
  it('deletes at once without finalizers or grace', async () => {
    const { reg } = setup();
    await createObject(reg, 'ns1', widget('a'));
    const r = await deleteObject(reg, 'ns1', 'a');
    expect(r.deleted).toBe(true);
    await expect(reg.get('ns1', 'a')).rejects.toSatisfy(isNotFound);
  });

  it('marks objects with finalizers, and removes them when the last finalizer goes', async () => {
    const { reg } = setup();
    await createObject(reg, 'ns1', widget('a', {}, { finalizers: ['example.com/hold'] }));
    const r = await deleteObject(reg, 'ns1', 'a');
    expect(r.deleted).toBe(false);
    expect(r.object.metadata.deletionTimestamp).toBe('2026-11-24T12:00:00Z');
    expect(r.object.metadata.deletionGracePeriodSeconds).toBe(0);
    const u = await updateObject(reg, 'ns1', 'a', (cur) => ({ ...cur!, metadata: { ...cur!.metadata, finalizers: [] } }));
    expect(u.deleted).toBe(true);
    await expect(reg.get('ns1', 'a')).rejects.toSatisfy(isNotFound);
  });

  it('adds the orphan and foregroundDeletion finalizers for those propagation policies', async () => {
    const { reg } = setup();
    await createObject(reg, 'ns1', widget('o'));
    await createObject(reg, 'ns1', widget('f'));
    expect((await deleteObject(reg, 'ns1', 'o', { propagationPolicy: 'Orphan' })).object.metadata.finalizers).toEqual(['orphan']);
    expect((await deleteObject(reg, 'ns1', 'f', { propagationPolicy: 'Foreground' })).object.metadata.finalizers).toEqual(['foregroundDeletion']);
  });

  it('waits out a grace period, which a later delete may shorten to zero', async () => {
    const { reg, clock } = setup();
    await createObject(reg, 'ns1', widget('g', {}, { labels: { graceful: 'yes' } }));
    const r = await deleteObject(reg, 'ns1', 'g');
    expect(r.deleted).toBe(false);
    expect(r.object.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(r.object.metadata.deletionTimestamp).toBe('2026-11-24T12:00:30Z');
    clock.advance(1000);
    const again = await deleteObject(reg, 'ns1', 'g', { gracePeriodSeconds: 0 });
    expect(again.deleted).toBe(true);
  });

  it('checks uid and resourceVersion preconditions', async () => {
    const { reg } = setup();
    await createObject(reg, 'ns1', widget('p'));
    const err = await deleteObject(reg, 'ns1', 'p', { preconditions: { uid: 'other' } }).catch((e: unknown) => e);
    expect(isConflict(err)).toBe(true);
    expect((err as Error).message).toContain('Precondition failed: UID in precondition: other, UID in object meta: uid-1');
  });
});

describe('list and watch', () => {
  it('filters by namespace, labels and fields, and pages with continue tokens at one revision', async () => {
    const { reg } = setup();
    for (const [ns, name, color] of [['a', 'w1', 'red'], ['a', 'w2', 'blue'], ['b', 'w3', 'red'], ['a', 'w4', 'red']] as const) {
      await createObject(reg, ns, widget(name, { color }, { labels: { color } }));
    }
    const { parseFieldSelector, parseLabelSelector } = await import('../../machinery/index.js');
    const byField = await reg.list('', { pred: { namespace: '', field: parseFieldSelector('spec.color=red') } });
    expect(byField.items.length).toBe(3);
    const byLabel = await reg.list('a', { pred: { namespace: 'a', label: parseLabelSelector('color in (red)') } });
    expect(byLabel.items.map((i) => objectOf(i).metadata.name)).toEqual(['w1', 'w4']);
    const p1 = await reg.list('', { pred: { namespace: '' }, limit: 2 });
    expect(p1.items.length).toBe(2);
    expect(p1.continue).toBeTruthy();
    await createObject(reg, 'c', widget('w5'));
    const p2 = await reg.list('', { pred: { namespace: '' }, limit: 10, continue: p1.continue! });
    expect(p2.items.length).toBe(2); // w5 was created after the snapshot
    expect(p2.continue).toBeUndefined();
  });

  it('watches from a resourceVersion and turns selector transitions into ADDED/DELETED', async () => {
    const { reg } = setup();
    const { parseLabelSelector } = await import('../../machinery/index.js');
    const a = await createObject(reg, 'ns1', widget('a', {}, { labels: { tier: 'web' } }));
    const w = await reg.watch({ pred: { namespace: 'ns1', label: parseLabelSelector('tier=web') }, resourceVersion: a.metadata.resourceVersion! });
    await updateObject(reg, 'ns1', 'a', (cur) => ({ ...cur!, metadata: { ...cur!.metadata, labels: { tier: 'db' } } }));
    await updateObject(reg, 'ns1', 'a', (cur) => ({ ...cur!, metadata: { ...cur!.metadata, labels: { tier: 'web' } } }));
    await deleteObject(reg, 'ns1', 'a');
    const types: string[] = [];
    for await (const ev of w) {
      types.push(ev.type);
      if (types.length === 3) break;
    }
    expect(types).toEqual(['DELETED', 'ADDED', 'DELETED']);
  });

  it('answers a watch from before the event buffer with 410 Expired', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    const reg = new GenericRegistry({
      store,
      strategy: testStrategy(),
      clock,
      storageResource: 'widgets',
      newUid: () => 'u',
      nameSuffix: () => 'x',
      cache: { capacity: 2 },
    });
    regs.push(reg);
    await reg.cacher.ready();
    const first = await createObject(reg, 'ns', widget('a'));
    for (let i = 0; i < 5; i++) await updateObject(reg, 'ns', 'a', (c) => ({ ...c!, spec: { i } }));
    await reg.cacher.waitFresh(await store.currentRevision());
    const err = await reg.watch({ pred: { namespace: '' }, resourceVersion: first.metadata.resourceVersion! }).catch((e: unknown) => e);
    expect((err as { code?: number }).code).toBe(410);
    expect((err as Error).message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
  });
});
