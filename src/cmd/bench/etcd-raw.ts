/**
 * The same measurements as the store bench, made with the etcd3 client straight against etcd (no skiff layer):
 * the baseline the sqlite backend is compared with. Keys live under a private prefix and are deleted afterwards.
 */
import { Etcd3 } from 'etcd3';
import type { StoreBenchRow } from './store.js';

interface Sizes {
  writes: number;
  fanoutWrites: number;
  rangeRuns: number;
  watchers: number;
  rangeKeys: number;
  now: () => number;
  payload(i: number): string;
}

export async function measureRawEtcd(endpoints: string[], s: Sizes): Promise<StoreBenchRow> {
  // A 10k-key range of 1 KiB values is ~10 MiB: above gRPC's default 4 MiB receive limit.
  const client = new Etcd3({ hosts: endpoints, grpcOptions: { 'grpc.max_receive_message_length': 64 * 1024 * 1024 } });
  const root = `/skiff-bench-raw/${process.pid}-${Math.round(s.now())}/`;
  try {
    const writes = async (prefix: string, writers: number) => {
      let next = 0;
      const loop = async () => {
        for (let i = next++; i < s.writes; i = next++) await client.put(`${prefix}${i}`).value(s.payload(i));
      };
      const t0 = s.now();
      await Promise.all(Array.from({ length: writers }, loop));
      return (s.writes / (s.now() - t0)) * 1000;
    };
    const writesPerSec1 = await writes(`${root}w1/`, 1);
    const writesPerSec64 = await writes(`${root}w64/`, 64);

    const rp = `${root}range/`;
    for (let i = 0; i < s.rangeKeys; i += 100) {
      const t = client.if(`${rp}x`, 'Mod', '==', 0).then(
        ...Array.from({ length: Math.min(100, s.rangeKeys - i) }, (_, j) => client.put(`${rp}${String(i + j).padStart(5, '0')}`).value(s.payload(i + j))),
      );
      await t.commit();
    }
    const times: number[] = [];
    for (let r = 0; r < s.rangeRuns; r++) {
      const t0 = s.now();
      const kvs = await client.getAll().prefix(rp).strings();
      times.push(s.now() - t0);
      if (Object.keys(kvs).length !== s.rangeKeys) throw new Error(`raw range returned ${Object.keys(kvs).length} keys`);
    }
    const range10kMs = pct(times, 0.5);

    const wp = `${root}watch/`;
    let waiting: { remaining: number; done: (t: number) => void } | null = null;
    const watchers = await Promise.all(Array.from({ length: s.watchers }, () => client.watch().prefix(wp).create()));
    for (const w of watchers) {
      w.on('put', () => {
        if (waiting && --waiting.remaining === 0) waiting.done(s.now());
      });
    }
    const lat: number[] = [];
    try {
      for (let i = 0; i < s.fanoutWrites; i++) {
        const t0 = s.now();
        const all = new Promise<number>((done) => (waiting = { remaining: s.watchers, done }));
        await client.put(`${wp}${i}`).value(s.payload(i));
        lat.push((await all) - t0);
      }
    } finally {
      await Promise.all(watchers.map((w) => w.cancel()));
    }
    return {
      backend: 'etcd-raw',
      writesPerSec1,
      writesPerSec64,
      range10kMs,
      fanoutP50Ms: pct(lat, 0.5),
      fanoutP99Ms: pct(lat, 0.99),
      watchers: s.watchers,
    };
  } finally {
    await client.delete().prefix(root);
    client.close();
  }
}

function pct(xs: readonly number[], p: number): number {
  const a = [...xs].sort((x, y) => x - y);
  return a[Math.min(a.length - 1, Math.floor(p * a.length))] ?? Number.NaN;
}
