/** Contract: watches — live and replayed events, ordering, prevKv, batching, fan-out, progress, cancel, overflow. */
import { expect } from 'vitest';
import type { StoreEvent, WriteResult } from '../types.js';
import type { ContractContext } from './contract.js';
import { describeEvents, WatchReader } from './helpers.js';

const revisions = (evs: readonly StoreEvent[]) => evs.map((e) => e.kv.modRevision);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export function defineWatchTests(ctx: ContractContext): void {
  const { test } = ctx;

  test('a watch without fromRevision delivers only writes made after it started', async () => {
    const s = ctx.store();
    const c = await s.create('/w/a', 'a1');
    const w = ctx.watch('/w/');
    const u = await s.update('/w/a', 'a2', c.kv.modRevision);
    const b = await s.create('/w/b', 'b1');
    const evs = await w.eventsThrough(b.revision);
    expect(evs).toEqual([
      { type: 'put', kv: u.kv, prevKv: c.kv },
      { type: 'put', kv: b.kv, prevKv: null },
    ]);
  });

  test('update and delete events carry prevKv; a delete event has an empty value and the delete revision', async () => {
    const s = ctx.store();
    const w = ctx.watch('/e/');
    const c = await s.create('/e/a', 'v1');
    const u = await s.update('/e/a', 'v2', c.kv.modRevision);
    const d = await s.delete('/e/a');
    const [put1, put2, del] = await w.eventsThrough(d.revision);
    expect(put1).toEqual({ type: 'put', kv: c.kv, prevKv: null });
    expect(put2).toEqual({ type: 'put', kv: u.kv, prevKv: c.kv });
    expect(del).toMatchObject({ type: 'delete', kv: { key: '/e/a', value: '', modRevision: d.revision }, prevKv: u.kv });
  });

  test('a watch from an older revision replays history (inclusive) and then continues live', async () => {
    const s = ctx.store();
    const c1 = await s.create('/h/a', 'a1');
    const u = await s.update('/h/a', 'a2', c1.kv.modRevision);
    const c2 = await s.create('/h/b', 'b1');
    const gone = await s.delete('/h/b');
    const w = ctx.watch('/h/', { fromRevision: u.revision });
    const replayed = await w.eventsThrough(gone.revision);
    expect(replayed.slice(0, 2)).toEqual([
      { type: 'put', kv: u.kv, prevKv: c1.kv },
      { type: 'put', kv: c2.kv, prevKv: null },
    ]);
    expect(replayed[2]).toMatchObject({ type: 'delete', kv: { key: '/h/b', modRevision: gone.revision }, prevKv: c2.kv });
    expect(replayed).toHaveLength(3);
    const d = await s.delete('/h/a');
    const [live] = (await w.nextEvents('the live delete')).events;
    expect(live).toMatchObject({ type: 'delete', kv: { key: '/h/a', modRevision: d.revision }, prevKv: u.kv });
  });

  test('a watch started while writes race has no gap and no duplicate across the replay/live boundary', async () => {
    const s = ctx.store();
    const perWriter = 40;
    let written = 0;
    let reached: (rev: number) => void = () => undefined;
    const midway = new Promise<number>((r) => (reached = r));
    const writer = async (name: string) => {
      for (let i = 0; i < perWriter; i++) {
        const res: WriteResult = await s.create(`/race/${name}/${i}`, 'x');
        if (++written === perWriter / 2) reached(res.revision);
      }
    };
    const writers = Promise.all([writer('a'), writer('b')]);
    const mid = await midway;
    const fromPast = ctx.watch('/race/', { fromRevision: mid - 5 });
    const fromNow = ctx.watch('/race/');
    await writers;
    const last = (await s.create('/race/end', 'x')).revision;
    expect(revisions(await fromPast.eventsThrough(last))).toEqual(range(mid - 5, last));
    const live = revisions(await fromNow.eventsThrough(last));
    expect(live).toEqual(range(live[0]!, last));
  });

  test('a watch from a future revision delivers events from that revision on', async () => {
    const s = ctx.store();
    const r = await s.currentRevision();
    const w = ctx.watch('/f/', { fromRevision: r + 2 });
    await s.create('/f/a', 'a');
    const b = await s.create('/f/b', 'b');
    expect((await w.nextEvents()).events).toEqual([{ type: 'put', kv: b.kv, prevKv: null }]);
  });

  test('the events of one txn arrive in one batch, in op order, live and replayed', async () => {
    const s = ctx.store();
    const c = await s.create('/x/c', 'c');
    const all = ctx.watch('/x/');
    const onlyA = ctx.watch('/x/a');
    const t = await s.txn({
      compare: [],
      success: [
        { type: 'put', key: '/x/b', value: 'b' },
        { type: 'put', key: '/x/a', value: 'a' },
        { type: 'delete', key: '/x/c' },
        { type: 'put', key: '/y/z', value: 'outside' },
      ],
    });
    const batch = await all.nextEvents();
    expect(batch.revision).toBe(t.revision);
    expect(batch.progressNotify).toBe(false);
    expect(describeEvents(batch.events)).toEqual([`put /x/b @${t.revision}`, `put /x/a @${t.revision}`, `delete /x/c @${t.revision}`]);
    expect(batch.events[2]!.prevKv).toEqual(c.kv);
    expect(describeEvents((await onlyA.nextEvents()).events)).toEqual([`put /x/a @${t.revision}`]);
    const replay = ctx.watch('/x/', { fromRevision: c.revision });
    expect(describeEvents((await replay.nextEvents()).events)).toEqual([`put /x/c @${c.revision}`]);
    expect((await replay.nextEvents()).events).toEqual(batch.events);
  });

  test('a watch only sees keys under its prefix', async () => {
    const s = ctx.store();
    const slash = ctx.watch('/registry/pods/');
    const bare = ctx.watch('/registry/pods');
    for (const k of ['/registry/pods-x/a', '/registry/pods0', '/registry/pod', '/registry/podsecurity/a']) await s.create(k, 'x');
    const mine = await s.create('/registry/pods/ns/a', 'x');
    expect(describeEvents((await slash.nextEvents()).events)).toEqual([`put /registry/pods/ns/a @${mine.revision}`]);
    const keys = (await bare.eventsThrough(mine.revision)).map((e) => e.kv.key);
    expect(keys).toEqual(['/registry/pods-x/a', '/registry/pods0', '/registry/podsecurity/a', '/registry/pods/ns/a']);
  });

  test('many concurrent watchers all see the same complete sequence', async () => {
    const s = ctx.store();
    const wide = Array.from({ length: ctx.watchers }, () => ctx.watch('/m/'));
    const narrow = Array.from({ length: 5 }, () => ctx.watch('/m/sub/'));
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, i) => s.create(i % 3 === 0 ? `/m/sub/${i}` : `/m/${i}`, `${i}`)),
    );
    const updated = await Promise.all(created.map((c) => s.update(c.kv.key, 'again', c.kv.modRevision)));
    const writes = [...created, ...updated];
    const last = Math.max(...writes.map((w) => w.revision));
    const lastSub = Math.max(...writes.filter((w) => w.kv.key.startsWith('/m/sub/')).map((w) => w.revision));
    const expected = writes.map((w) => `put ${w.kv.key} @${w.revision}`).sort((a, b) => rev(a) - rev(b));
    for (const w of wide) expect(describeEvents(await w.eventsThrough(last))).toEqual(expected);
    const expectedSub = expected.filter((e) => e.startsWith('put /m/sub/'));
    for (const w of narrow) expect(describeEvents(await w.eventsThrough(lastSub))).toEqual(expectedSub);
  });

  test('requestProgress delivers a progress batch at or after the last event seen', async () => {
    const s = ctx.store();
    const w = ctx.watch('/p/');
    const c = await s.create('/p/a', '1');
    await w.nextEvents();
    w.watch.requestProgress();
    const p = await w.next('a progress notification');
    expect(p).toMatchObject({ events: [], progressNotify: true });
    expect(p.revision).toBeGreaterThanOrEqual(c.revision);
    const other = await s.create('/elsewhere', 'x');
    w.watch.requestProgress();
    for (;;) {
      const q = await w.next(`a progress notification at revision ≥ ${other.revision}`);
      expect(q.progressNotify, 'only progress is expected: nothing was written under /p/').toBe(true);
      if (q.revision >= other.revision) break;
    }
  });

  test('cancel ends iteration normally and is idempotent', async () => {
    const s = ctx.store();
    const w = ctx.watch('/c/');
    await s.create('/c/a', '1');
    await w.nextEvents();
    w.cancel();
    await w.expectEnd();
    w.cancel();
    await s.create('/c/b', '2');
  });

  test('a slow watcher is closed with WatchOverflow while a fast one is unaffected', async () => {
    const s = ctx.store();
    const slow = s.watch('/o/', { maxBuffered: 2 });
    const fast = ctx.watch('/o/');
    const n = 20;
    let last = 0;
    for (let i = 0; i < n; i++) last = (await s.create(`/o/${i}`, 'x')).revision;
    expect(await fast.eventsThrough(last)).toHaveLength(n);
    const late = new WatchReader(slow, { label: 'slow watch (maxBuffered 2)', timeoutMs: ctx.timeoutMs });
    try {
      const seen = await late.expectError('WatchOverflow');
      expect(seen.flatMap((b) => b.events).length).toBeLessThan(n);
    } finally {
      late.cancel();
    }
    const after = await s.create('/o/after', 'x');
    expect((await fast.nextEvents()).revision).toBe(after.revision);
  });
}

function rev(line: string): number {
  return Number(line.slice(line.lastIndexOf('@') + 1));
}
