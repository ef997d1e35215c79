import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../machinery/index.js';
import { SqliteStore } from './index.js';
import type { SqliteStoreOptions } from './index.js';
import { tempDb } from './testing/temp-db.js';
import type { TempDb } from './testing/temp-db.js';

/** Updates each of `keys` keys `rounds` times (all keys concurrently per round), like kubelet lease renewals. */
async function leaseChurn(s: SqliteStore, keys: number, rounds: number, valueBytes: number): Promise<number> {
  const revs = await Promise.all(Array.from({ length: keys }, (_, k) => s.create(`/leases/node-${k}`, 'x'))).then((rs) =>
    rs.map((r) => r.kv.modRevision),
  );
  for (let round = 0; round < rounds; round++) {
    const value = `${round}`.padEnd(valueBytes, '.');
    const rs = await Promise.all(revs.map((rev, k) => s.update(`/leases/node-${k}`, value, rev)));
    rs.forEach((r, k) => (revs[k] = r.kv.modRevision));
  }
  return s.currentRevision();
}

describe('sqlite compaction', () => {
  let tmp: TempDb;
  let store: SqliteStore;
  const fresh = (opts: Partial<SqliteStoreOptions> = {}) => {
    tmp = tempDb();
    store = new SqliteStore({ path: tmp.path, ...opts });
    return store;
  };
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  it('shrinks the data file and truncates the WAL after lease churn', async () => {
    const s = fresh();
    const rev = await leaseChurn(s, 8, 400, 1024);
    const grown = s.fileBytes();
    expect(grown).toBeGreaterThan(8 * 400 * 1024);
    await s.compact(rev);
    const shrunk = s.fileBytes();
    expect(statSync(`${tmp.path}-wal`).size).toBe(0);
    expect(shrunk).toBeLessThan(grown / 10);
    // Of 8 × 401 rows, the 8 latest stay, and so does the row the write at `rev` replaced (that event's prevKv).
    expect(s.commitStats()).toMatchObject({ purgedRows: 8 * 400 - 1, checkpoints: 1 });
    const kvs = (await s.range('/leases/')).kvs;
    expect(kvs).toHaveLength(8);
    expect(kvs.every((kv) => kv.version === 401 && kv.value.startsWith('399.'))).toBe(true);
    expect((await s.stats()).sizeBytes).toBe(shrunk);
  });

  it('keeps the history reads and watches at or above the compact revision need', async () => {
    const s = fresh();
    const a = await s.create('/h/a', '1');
    const a2 = await s.update('/h/a', '2', a.kv.modRevision);
    const b = await s.create('/h/b', '1');
    const bd = await s.delete('/h/b');
    const a3 = await s.update('/h/a', '3', a2.kv.modRevision);
    await s.compact(a3.revision);
    expect((await s.get('/h/a', { revision: a3.revision })).kv).toEqual(a3.kv);
    const w = s.watch('/h/', { fromRevision: a3.revision });
    const first = await w[Symbol.asyncIterator]().next();
    w.cancel();
    expect(first.value?.events).toEqual([{ type: 'put', kv: a3.kv, prevKv: a2.kv }]);
    expect(bd.revision).toBeLessThan(a3.revision);
    // a (create), b, b's tombstone: unreachable. a2 stays: it is the prevKv of the event at a3.
    expect(s.commitStats().purgedRows).toBe(3);
    expect(b.revision).toBeGreaterThan(0);
  });

  it('reads and replays at every revision from the compact revision on are unchanged by compaction', async () => {
    const s = fresh();
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const keys = ['/m/a', '/m/b', '/m/c', '/m/d'];
    for (let i = 0; i < 160; i++) {
      const key = keys[random(keys.length)]!;
      const { kv } = await s.get(key);
      if (!kv) await s.create(key, `v${i}`);
      else if (random(3) === 0) await s.delete(key);
      else await s.update(key, `v${i}`, kv.modRevision);
    }
    const head = await s.currentRevision();
    const snapshot = async (from: number) => {
      const out: unknown[] = [];
      for (let rev = from; rev <= head; rev++) {
        out.push(await s.range('/m/', { revision: rev }), await s.range('/m/', { revision: rev, after: '/m/b', limit: 1 }));
        for (const key of keys) out.push(await s.get(key, { revision: rev }));
      }
      const w = s.watch('/m/', { fromRevision: from });
      const events: unknown[] = [];
      for await (const b of w) {
        events.push(...b.events);
        if (b.revision === head) break;
      }
      return [out, events];
    };
    for (const compactTo of [40, 90, 91, 150, head]) {
      const before = await snapshot(compactTo);
      await s.compact(compactTo);
      expect(await snapshot(compactTo)).toEqual(before);
    }
    expect(s.commitStats().purgedRows).toBeGreaterThan(120);
  });

  it('autoCompact with retainRevisions compacts to current minus retained on each tick', async () => {
    const clock = new FakeClock();
    const s = fresh({ clock, autoCompact: { intervalMs: 60_000, retainRevisions: 10 } });
    const rev = await leaseChurn(s, 2, 20, 10);
    clock.advance(59_999);
    expect(await s.compactRevision()).toBe(0);
    clock.advance(1);
    await expect.poll(() => s.compactRevision()).toBe(rev - 10);
    await expect.poll(() => s.commitStats().checkpoints).toBe(1);
    expect(s.commitStats().autoCompactFailures).toBe(0);
  });

  it('autoCompact without retainRevisions compacts to the revision of the previous tick, like kube-apiserver', async () => {
    const clock = new FakeClock();
    const s = fresh({ clock, autoCompact: { intervalMs: 300_000 } });
    const first = await leaseChurn(s, 2, 5, 10);
    clock.advance(300_000); // previous tick revision: 0 (at open): nothing to compact, the WAL is truncated
    await expect.poll(() => s.commitStats().checkpoints).toBe(1);
    expect(await s.compactRevision()).toBe(0);
    await s.create('/later', 'x');
    clock.advance(300_000);
    await expect.poll(() => s.compactRevision()).toBe(first);
    await expect.poll(() => s.commitStats().checkpoints).toBe(2);
    await expect.poll(() => clock.pendingTimers).toBe(1); // the next tick
    await s.close();
    expect(clock.pendingTimers).toBe(0);
  });
});
