import { describe, expect, it } from 'vitest';
import { FakeClock, objectKey, type ObjectKey } from '../machinery/index.js';
import { ItemExponentialFailureRateLimiter } from './rate-limiters.js';
import { tick, until } from './testing/index.js';
import { WorkQueue } from './workqueue.js';

const take = async <K>(q: WorkQueue<K>): Promise<K> => {
  const r = await q.get();
  if (r.shutdown) throw new Error('unexpected shutdown');
  return r.key;
};

describe('WorkQueue', () => {
  it('hands keys out in order and collapses duplicates added before they are taken', async () => {
    const q = new WorkQueue<string>({ clock: new FakeClock() });
    for (const k of ['a', 'b', 'a', 'c', 'b']) q.add(k);
    expect(q.len()).toBe(3);
    expect([await take(q), await take(q), await take(q)]).toEqual(['a', 'b', 'c']);
    expect(q.len()).toBe(0);
  });

  it('holds back a key re-added while processing until done, then queues it once', async () => {
    const q = new WorkQueue<string>({ clock: new FakeClock() });
    q.add('a');
    const key = await take(q);
    q.add('a');
    q.add('a');
    expect(q.len()).toBe(0);
    let second: string | undefined;
    void take(q).then((k) => (second = k));
    await tick(5);
    expect(second).toBeUndefined();
    q.done(key);
    await until(() => second !== undefined);
    expect(second).toBe('a');
    expect(q.len()).toBe(0);
  });

  it('identifies ObjectKeys by namespace/name', async () => {
    const q = new WorkQueue<ObjectKey>({ clock: new FakeClock() });
    q.add(objectKey('ns', 'a'));
    q.add({ name: 'a', namespace: 'ns' });
    expect(q.len()).toBe(1);
    expect(await take(q)).toEqual({ namespace: 'ns', name: 'a' });
  });

  it('addAfter adds on the clock and keeps the earlier of two deadlines', async () => {
    const clock = new FakeClock();
    const q = new WorkQueue<string>({ clock });
    q.addAfter('a', 100);
    q.addAfter('a', 50);
    q.addAfter('a', 500);
    clock.advance(49);
    expect(q.len()).toBe(0);
    clock.advance(1);
    expect(q.len()).toBe(1);
    clock.advance(1000);
    expect(q.len()).toBe(1);
  });

  it('addRateLimited backs off per key until forget', () => {
    const clock = new FakeClock();
    const q = new WorkQueue<string>({ clock, rateLimiter: new ItemExponentialFailureRateLimiter(5, 1000) });
    q.addRateLimited('a');
    clock.advance(4);
    expect(q.len()).toBe(0);
    clock.advance(1);
    expect(q.len()).toBe(1);
    expect(q.numRequeues('a')).toBe(1);
    q.addRateLimited('b');
    q.addRateLimited('b');
    expect(q.numRequeues('b')).toBe(2);
    q.forget('b');
    expect(q.numRequeues('b')).toBe(0);
  });

  it('after shutDown ignores adds, drains what is queued, then reports shutdown', async () => {
    const clock = new FakeClock();
    const q = new WorkQueue<string>({ clock });
    q.add('a');
    q.addAfter('later', 10);
    q.shutDown();
    q.add('b');
    clock.advance(100);
    expect(await q.get()).toEqual({ shutdown: false, key: 'a' });
    expect(await q.get()).toEqual({ shutdown: true });
  });

  it('wakes a waiting get on shutdown', async () => {
    const q = new WorkQueue<string>({ clock: new FakeClock() });
    const waiting = q.get();
    q.shutDown();
    expect(await waiting).toEqual({ shutdown: true });
  });

  it('shutDownWithDrain resolves once the keys being processed are done', async () => {
    const q = new WorkQueue<string>({ clock: new FakeClock() });
    q.add('a');
    await take(q);
    let drained = false;
    const p = q.shutDownWithDrain().then(() => (drained = true));
    await tick(5);
    expect(drained).toBe(false);
    q.done('a');
    await p;
    expect(drained).toBe(true);
  });
});

describe('WorkQueue.runWorkers', () => {
  it('never processes one key in two workers at once, and processes every key added', async () => {
    const q = new WorkQueue<string>({ clock: new FakeClock() });
    const active = new Map<string, number>();
    let maxActive = 0;
    let overlaps = 0;
    const processed: string[] = [];
    const gates: Array<() => void> = [];
    const running = q.runWorkers(4, async (key) => {
      const n = (active.get(key) ?? 0) + 1;
      active.set(key, n);
      if (n > 1) overlaps++;
      maxActive = Math.max(maxActive, [...active.values()].reduce((a, b) => a + b, 0));
      await new Promise<void>((r) => gates.push(r));
      active.set(key, active.get(key)! - 1);
      processed.push(key);
    });
    const keys = ['a', 'b', 'c'];
    for (let round = 0; round < 50; round++) {
      for (const k of keys) q.add(k);
      await until(() => gates.length > 0);
      gates.splice(0, round % 2 === 0 ? 1 : gates.length).forEach((g) => g());
      await tick(3);
    }
    q.shutDown();
    let finished = false;
    void running.then(() => (finished = true));
    while (!finished) {
      gates.splice(0).forEach((g) => g());
      await tick();
    }
    expect(overlaps).toBe(0);
    expect(maxActive).toBeGreaterThan(1); // keys did run in parallel
    expect(processed.lastIndexOf('a')).toBeGreaterThanOrEqual(0);
    expect(new Set(processed)).toEqual(new Set(keys));
  });

  it('requeues rate-limited on throw and forgets on success', async () => {
    const clock = new FakeClock();
    const q = new WorkQueue<string>({ clock, rateLimiter: new ItemExponentialFailureRateLimiter(5, 1000) });
    const attempts: number[] = [];
    const errors: string[] = [];
    const running = q.runWorkers(1, async (key) => {
      attempts.push(clock.now());
      if (attempts.length < 3) throw new Error(`fail ${attempts.length}`);
      expect(key).toBe('k');
    }, { onError: (err, key) => errors.push(`${key}: ${(err as Error).message}`) });
    const t0 = clock.now();
    q.add('k');
    await until(() => attempts.length === 1);
    await clock.advanceAsync(5);
    await until(() => attempts.length === 2);
    await clock.advanceAsync(10);
    await until(() => attempts.length === 3);
    expect(attempts.map((t) => t - t0)).toEqual([0, 5, 15]);
    expect(errors).toEqual(['k: fail 1', 'k: fail 2']);
    expect(q.numRequeues('k')).toBe(0);
    q.shutDown();
    await running;
  });

  it('re-adds after requeueAfter when reconcile asks for it', async () => {
    const clock = new FakeClock();
    const q = new WorkQueue<string>({ clock });
    let runs = 0;
    const running = q.runWorkers(2, async () => {
      runs++;
      return runs === 1 ? { requeueAfter: 30_000 } : undefined;
    });
    q.add('k');
    await until(() => runs === 1);
    await clock.advanceAsync(29_999);
    expect(runs).toBe(1);
    await clock.advanceAsync(1);
    await until(() => runs === 2);
    q.shutDown();
    await running;
  });
});
