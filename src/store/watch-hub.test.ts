import { describe, expect, it } from 'vitest';
import { isStoreClosed, isWatchOverflow, storeErrors } from './errors.js';
import type { StoreEvent, WatchBatch } from './types.js';
import { WatchHub } from './watch-hub.js';

function put(key: string, rev: number): StoreEvent {
  return { type: 'put', kv: { key, value: 'v', createRevision: rev, modRevision: rev, version: 1 }, prevKv: null };
}

function hubAt(rev = { n: 0 }) {
  return { hub: new WatchHub(() => rev.n), rev };
}

async function take(it: AsyncIterator<WatchBatch>): Promise<WatchBatch> {
  const r = await it.next();
  if (r.done) throw new Error('watch ended');
  return r.value;
}

const keys = (b: WatchBatch) => b.events.map((e) => `${e.kv.key}@${e.kv.modRevision}`);

describe('WatchHub', () => {
  it('delivers replay grouped by revision, then live batches, filtered by prefix', async () => {
    const { hub } = hubAt();
    const w = hub.register('/a/', [put('/a/1', 1), put('/b/1', 2), put('/a/2', 3), put('/a/3', 3)]);
    hub.publish([put('/a/4', 4), put('/b/2', 4)], 4);
    hub.publish([put('/b/3', 5)], 5);
    hub.publish([put('/a/5', 6)], 6);
    const it = w[Symbol.asyncIterator]();
    expect(keys(await take(it))).toEqual(['/a/1@1']);
    const second = await take(it);
    expect([second.revision, keys(second)]).toEqual([3, ['/a/2@3', '/a/3@3']]);
    expect(keys(await take(it))).toEqual(['/a/4@4']);
    expect(keys(await take(it))).toEqual(['/a/5@6']);
  });

  it('resolves a pending read directly when a batch is published', async () => {
    const { hub } = hubAt();
    const it = hub.register('/', [])[Symbol.asyncIterator]();
    const pending = it.next();
    hub.publish([put('/x', 1)], 1);
    expect((await pending).value).toMatchObject({ revision: 1, progressNotify: false });
  });

  it('gives watchers of the same prefix the same batches and other prefixes their own', async () => {
    const { hub } = hubAt();
    const a1 = hub.register('/p/', [])[Symbol.asyncIterator]();
    const a2 = hub.register('/p/', [])[Symbol.asyncIterator]();
    const narrow = hub.register('/p/x', [])[Symbol.asyncIterator]();
    hub.publish([put('/p/a', 1), put('/p/xy', 1), put('/q', 1)], 1);
    expect(keys(await take(a1))).toEqual(['/p/a@1', '/p/xy@1']);
    expect(keys(await take(a2))).toEqual(['/p/a@1', '/p/xy@1']);
    expect(keys(await take(narrow))).toEqual(['/p/xy@1']);
  });

  it('skips live batches below minRevision', async () => {
    const { hub } = hubAt();
    const it = hub.register('/', [], { minRevision: 3 })[Symbol.asyncIterator]();
    hub.publish([put('/a', 1)], 1);
    hub.publish([put('/a', 2)], 2);
    hub.publish([put('/a', 3)], 3);
    expect((await take(it)).revision).toBe(3);
  });

  it('closes a watcher with WatchOverflow once its live backlog exceeds maxBuffered, leaving others alone', async () => {
    const { hub } = hubAt();
    const slow = hub.register('/', [], { maxBuffered: 2 });
    const fast = hub.register('/', []);
    for (let r = 1; r <= 3; r++) hub.publish([put('/k', r)], r);
    expect(hub.size).toBe(1);
    await expect(slow[Symbol.asyncIterator]().next()).rejects.toSatisfy(isWatchOverflow);
    const it = fast[Symbol.asyncIterator]();
    for (let r = 1; r <= 3; r++) expect((await take(it)).revision).toBe(r);
  });

  it('accepts the legacy numeric maxBuffered argument', async () => {
    const { hub } = hubAt();
    const w = hub.register('/', [], 1);
    hub.publish([put('/k', 1)], 1);
    hub.publish([put('/k', 2)], 2);
    await expect(w[Symbol.asyncIterator]().next()).rejects.toSatisfy(isWatchOverflow);
  });

  it('does not count replayed batches against maxBuffered', async () => {
    const { hub } = hubAt();
    const replay = Array.from({ length: 50 }, (_, i) => put('/k', i + 1));
    const w = hub.register('/', replay, { maxBuffered: 2 });
    hub.publish([put('/k', 51)], 51);
    hub.publish([put('/k', 52)], 52);
    const it = w[Symbol.asyncIterator]();
    for (let r = 1; r <= 52; r++) expect((await take(it)).revision).toBe(r);
    hub.publish([put('/k', 53)], 53);
    hub.publish([put('/k', 54)], 54);
    hub.publish([put('/k', 55)], 55);
    await expect(it.next()).rejects.toSatisfy(isWatchOverflow);
  });

  it('keeps delivering to the remaining watchers when one overflows mid-publish', async () => {
    const { hub } = hubAt();
    const first = hub.register('/', []);
    const slow = hub.register('/', [], { maxBuffered: 1 });
    const last = hub.register('/', []);
    for (let r = 1; r <= 3; r++) hub.publish([put('/k', r)], r);
    expect(slow.isEnded).toBe(true);
    for (const w of [first, last]) {
      const it = w[Symbol.asyncIterator]();
      for (let r = 1; r <= 3; r++) expect((await take(it)).revision).toBe(r);
    }
  });

  it('requestProgress queues a progress batch at the current revision after pending events', async () => {
    const { hub, rev } = hubAt({ n: 7 });
    const w = hub.register('/', []);
    hub.publish([put('/k', 7)], 7);
    rev.n = 9;
    w.requestProgress();
    const it = w[Symbol.asyncIterator]();
    expect((await take(it)).revision).toBe(7);
    expect(await take(it)).toEqual({ events: [], revision: 9, progressNotify: true });
  });

  it('cancel ends every pending read normally and unregisters', async () => {
    const { hub } = hubAt();
    const w = hub.register('/', []);
    const it = w[Symbol.asyncIterator]();
    const reads = [it.next(), it.next()];
    w.cancel();
    w.cancel();
    expect(await Promise.all(reads)).toEqual([
      { value: undefined, done: true },
      { value: undefined, done: true },
    ]);
    expect(hub.size).toBe(0);
    hub.publish([put('/k', 1)], 1);
    expect((await it.next()).done).toBe(true);
  });

  it('breaking out of for-await cancels the watch', async () => {
    const { hub } = hubAt();
    const w = hub.register('/', [put('/k', 1), put('/k', 2)]);
    for await (const b of w) {
      expect(b.revision).toBe(1);
      break;
    }
    expect(w.isEnded).toBe(true);
    expect(hub.size).toBe(0);
  });

  it('closeAll fails every watch and every pending read with the error, dropping buffered batches', async () => {
    const { hub } = hubAt();
    const idle = hub.register('/', []);
    const busy = hub.register('/', []);
    const idleIt = idle[Symbol.asyncIterator]();
    const pending = [idleIt.next(), idleIt.next()];
    hub.publish([put('/k', 1)], 1);
    hub.publish([put('/k', 2)], 2);
    hub.closeAll(storeErrors.closed());
    expect((await pending[0]!).value).toMatchObject({ revision: 1 });
    expect((await pending[1]!).value).toMatchObject({ revision: 2 });
    await expect(idleIt.next()).rejects.toSatisfy(isStoreClosed);
    await expect(busy[Symbol.asyncIterator]().next()).rejects.toSatisfy(isStoreClosed);
    expect(hub.size).toBe(0);
  });

  it('a failed watch rejects pending reads', async () => {
    const { hub } = hubAt();
    const w = hub.register('/', []);
    const it = w[Symbol.asyncIterator]();
    const a = it.next();
    const b = it.next();
    w.fail(storeErrors.closed());
    await expect(a).rejects.toSatisfy(isStoreClosed);
    await expect(b).rejects.toSatisfy(isStoreClosed);
  });
});
