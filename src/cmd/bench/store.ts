/**
 * `skiff bench store`: throughput and latency of each Store backend, printed as a markdown table.
 *
 * Per backend: acknowledged (durable, where the backend is) writes per second with 1 and with 64 concurrent writers;
 * the time to range 10,000 keys under one prefix (median of several runs); and watch fan-out latency — from starting
 * a write until all 1,000 watchers on its prefix hold its batch — as p50/p99 over sequential writes.
 * Backends whose class is not exported from store/index.ts, or that need a server nobody configured, are skipped with
 * a line saying why. Each backend gets a fresh store (a temp dir for sqlite, a unique key prefix for etcd).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EtcdStore, MemoryStore, SqliteStore, startEtcd, type EtcdProcess, type Store, type TxnOp } from '../../store/index.js';
import { measureRawEtcd } from './etcd-raw.js';

export interface BenchStoreOptions {
  /** Backend names to measure: memory, sqlite, etcd. */
  backends: string[];
  /** Smaller sizes for a fast smoke run. */
  quick: boolean;
  out: (line: string) => void;
  /** etcd client URLs; absent: $SKIFF_ETCD_ENDPOINTS (comma separated), else etcd is skipped. */
  etcdEndpoints?: string[];
  /** Monotonic milliseconds; defaults to performance.now. */
  now?: () => number;
}

export interface StoreBenchRow {
  backend: string;
  writesPerSec1: number;
  writesPerSec64: number;
  range10kMs: number;
  fanoutP50Ms: number;
  fanoutP99Ms: number;
  watchers: number;
}

interface Opened {
  store: Store;
  /** Key prefix the bench may use freely. */
  root: string;
  cleanup(): Promise<void>;
}

type Opener = () => Promise<Opened>;

const RANGE_KEYS = 10_000;
const WATCHERS = 1_000;
const CHUNK = 100; // ops per txn when seeding; etcd caps a txn at 128 by default

/** Measures every requested backend and prints one markdown table; returns the rows measured. */
export async function benchStore(opts: BenchStoreOptions): Promise<StoreBenchRow[]> {
  const now = opts.now ?? (() => performance.now());
  const sizes = opts.quick
    ? { writes: 400, fanoutWrites: 30, rangeRuns: 3 }
    : { writes: 4_000, fanoutWrites: 200, rangeRuns: 7 };
  const rows: StoreBenchRow[] = [];
  const notes: string[] = [];
  // etcd: the given endpoints, else a private etcd started (and stopped, by PID) for this run.
  let etcdProc: EtcdProcess | null = null;
  const etcdEndpoints = async () => {
    const given = opts.etcdEndpoints ?? process.env['SKIFF_ETCD_ENDPOINTS']?.split(',').filter(Boolean);
    if (given?.length) return given;
    etcdProc ??= await startEtcd();
    return etcdProc.endpoints;
  };
  try {
    for (const name of opts.backends) {
      if (name === 'etcd-raw') {
        opts.out('measuring etcd-raw (the etcd3 client straight to etcd, no skiff layer) ...');
        rows.push(await measureRawEtcd(await etcdEndpoints(), { ...sizes, now, watchers: WATCHERS, rangeKeys: RANGE_KEYS, payload }));
        continue;
      }
      const open = opener(name, opts, notes, etcdEndpoints);
      if (!open) continue;
      opts.out(`measuring ${name} ...`);
      const o = await open();
      try {
        rows.push(await measure(name, o, { ...sizes, now }));
      } finally {
        await o.cleanup();
      }
    }
  } finally {
    await (etcdProc as EtcdProcess | null)?.stop();
  }
  opts.out('');
  opts.out(`| backend | writes/s, 1 writer | writes/s, 64 writers | range ${RANGE_KEYS.toLocaleString('en')} keys (ms) | fan-out to ${WATCHERS.toLocaleString('en')} watchers p50 (ms) | p99 (ms) |`);
  opts.out('|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    opts.out(`| ${r.backend} | ${fmt(r.writesPerSec1, 0)} | ${fmt(r.writesPerSec64, 0)} | ${fmt(r.range10kMs, 1)} | ${fmt(r.fanoutP50Ms, 2)} | ${fmt(r.fanoutP99Ms, 2)} |`);
  }
  opts.out('');
  opts.out(`${sizes.writes} writes per throughput run; range: median of ${sizes.rangeRuns}; fan-out: ${sizes.fanoutWrites} sequential writes, measured from write start to the last watcher's receipt.`);
  for (const n of notes) opts.out(n);
  return rows;
}

function opener(name: string, opts: BenchStoreOptions, notes: string[], etcd: () => Promise<string[]>): Opener | null {
  switch (name) {
    case 'memory':
      return async () => {
        const store = new MemoryStore();
        return { store, root: '/bench/', cleanup: () => store.close() };
      };
    case 'sqlite':
      return async () => {
        const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-'));
        const store = new SqliteStore({ path: join(dir, 'bench.db') });
        return {
          store,
          root: '/bench/',
          cleanup: async () => {
            await store.close();
            rmSync(dir, { recursive: true, force: true });
          },
        };
      };
    case 'etcd':
      return async () => {
        const store = new EtcdStore({ endpoints: await etcd() });
        const root = `/skiff-bench/${process.pid}-${Math.round(performance.now())}/`;
        return {
          store,
          root,
          cleanup: async () => {
            await deletePrefix(store, root);
            await store.close();
          },
        };
      };
    default:
      notes.push(`${name}: skipped (unknown backend; known: memory, sqlite, etcd, etcd-raw).`);
      return null;
  }
}

async function measure(
  backend: string,
  o: Opened,
  sizes: { writes: number; fanoutWrites: number; rangeRuns: number; now: () => number },
): Promise<StoreBenchRow> {
  const { store, root } = o;
  const { now } = sizes;
  const writesPerSec1 = await writeThroughput(store, { prefix: `${root}w1/`, writers: 1, total: sizes.writes, now });
  const writesPerSec64 = await writeThroughput(store, { prefix: `${root}w64/`, writers: 64, total: sizes.writes, now });
  const range10kMs = await rangeTime(store, { prefix: `${root}range/`, runs: sizes.rangeRuns, now });
  const fan = await fanout(store, { prefix: `${root}watch/`, writes: sizes.fanoutWrites, now });
  return { backend, writesPerSec1, writesPerSec64, range10kMs, fanoutP50Ms: fan.p50, fanoutP99Ms: fan.p99, watchers: WATCHERS };
}

/** Creates `total` keys from `writers` concurrent loops; returns acknowledged writes per second. */
async function writeThroughput(
  store: Store,
  o: { prefix: string; writers: number; total: number; now: () => number },
): Promise<number> {
  let next = 0;
  const loop = async () => {
    for (let i = next++; i < o.total; i = next++) await store.create(`${o.prefix}${i}`, payload(i));
  };
  const t0 = o.now();
  await Promise.all(Array.from({ length: o.writers }, loop));
  return (o.total / (o.now() - t0)) * 1000;
}

/** Seeds RANGE_KEYS keys, then returns the median time of a full range over them. */
async function rangeTime(store: Store, o: { prefix: string; runs: number; now: () => number }): Promise<number> {
  for (let i = 0; i < RANGE_KEYS; i += CHUNK) {
    const success: TxnOp[] = [];
    for (let j = i; j < Math.min(i + CHUNK, RANGE_KEYS); j++) {
      success.push({ type: 'put', key: `${o.prefix}${String(j).padStart(5, '0')}`, value: payload(j) });
    }
    await store.txn({ compare: [], success });
  }
  const times: number[] = [];
  for (let r = 0; r < o.runs; r++) {
    const t0 = o.now();
    const res = await store.range(o.prefix);
    times.push(o.now() - t0);
    if (res.kvs.length !== RANGE_KEYS) throw new Error(`range returned ${res.kvs.length} keys, expected ${RANGE_KEYS}`);
  }
  return percentile(times, 0.5);
}

/** Opens WATCHERS watches, then times each of `writes` sequential writes until every watcher has its batch. */
async function fanout(store: Store, o: { prefix: string; writes: number; now: () => number }) {
  let waiting: { revision: number; remaining: number; done: (t: number) => void } | null = null;
  const early = new Map<number, number>();
  const watches = Array.from({ length: WATCHERS }, () => store.watch(o.prefix));
  const received = (revision: number) => {
    if (waiting && waiting.revision === revision) {
      if (--waiting.remaining === 0) waiting.done(o.now());
    } else early.set(revision, (early.get(revision) ?? 0) + 1);
  };
  const loops = watches.map(async (w) => {
    for await (const b of w) if (!b.progressNotify) received(b.revision);
  });
  const latencies: number[] = [];
  try {
    for (let i = 0; i < o.writes; i++) {
      const t0 = o.now();
      let done: (t: number) => void = () => undefined;
      const all = new Promise<number>((r) => (done = r));
      // The batch can reach watchers before the write's promise settles (memory does so), so register first and
      // patch the revision in as soon as it is known.
      const pending = { revision: -1, remaining: WATCHERS, done };
      waiting = pending;
      const res = await store.create(`${o.prefix}${i}`, payload(i));
      pending.revision = res.revision;
      pending.remaining -= early.get(res.revision) ?? 0;
      early.delete(res.revision);
      if (pending.remaining === 0) done(o.now());
      latencies.push((await all) - t0);
    }
  } finally {
    for (const w of watches) w.cancel();
    await Promise.allSettled(loops);
  }
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

async function deletePrefix(store: Store, prefix: string): Promise<void> {
  for (;;) {
    const page = await store.range(prefix, { limit: CHUNK });
    if (page.kvs.length === 0) return;
    await store.txn({ compare: [], success: page.kvs.map((kv) => ({ type: 'delete' as const, key: kv.key })) });
  }
}

/** A ~1 KiB value, about the size of a small serialized pod. */
export function payload(i: number): string {
  return `{"i":${i},"pad":"${'x'.repeat(1000)}"}`;
}

function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

function fmt(n: number, digits: number): string {
  return n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
