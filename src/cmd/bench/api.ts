/**
 * `skiff bench api`: the API server under load, in one process with its HTTP server on loopback.
 * Measures pod creates/s and create latency (p50/p99) with 32 concurrent clients, LIST latency at 10k and 50k pods
 * (JSON, from the watch cache), watch delivery latency to 1,000 watchers, and — for scale — the raw request rate of
 * a bare Node HTTP server on this machine with the same client.
 */
import { Agent, createServer, request, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { builtinRegistry } from '../../api/index.js';
import { ApiMetrics, ApiServer, bootstrap, makeFieldManager } from '../../apiserver/index.js';
import { generateNameSuffix, newUid, realClock } from '../../machinery/index.js';
import { MemoryStore, SqliteStore, type Store } from '../../store/index.js';

export interface BenchApiOptions {
  store: 'memory' | 'sqlite';
  quick: boolean;
  out: (line: string) => void;
}

interface Target {
  port: number;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  return typeof a === 'object' && a ? a.port : 0;
}

async function startApi(kind: 'memory' | 'sqlite'): Promise<Target & { store: Store }> {
  const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-api-'));
  const store: Store = kind === 'memory' ? new MemoryStore() : new SqliteStore({ path: join(dir, 'state.db') });
  const api = new ApiServer({
    store,
    clock: realClock,
    resources: builtinRegistry(),
    newUid,
    nameSuffix: () => generateNameSuffix(),
    fieldManager: makeFieldManager(),
    metrics: new ApiMetrics(),
    maxInFlight: 10_000,
    maxMutatingInFlight: 10_000,
  });
  const server = createServer({ keepAliveTimeout: 60_000 }, api.handle);
  const port = await listen(server);
  await api.start({ serverAddress: `127.0.0.1:${port}` });
  await bootstrap(api, { host: '127.0.0.1', port });
  return {
    port,
    store,
    async close() {
      api.stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function call(agent: Agent, port: number, method: string, path: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, agent, headers: body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const pod = (name: string) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'bench' } },
    spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '100m', memory: '500Mi' } } }] },
  });

function pct(xs: number[], p: number): number {
  const a = [...xs].sort((x, y) => x - y);
  return a[Math.min(a.length - 1, Math.floor(p * a.length))] ?? Number.NaN;
}

/** Creates `total` pods from `clients` concurrent loops. */
async function createPods(agent: Agent, port: number, prefix: string, total: number, clients: number) {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < total; i = next++) {
        const s = performance.now();
        const r = await call(agent, port, 'POST', '/api/v1/namespaces/default/pods', pod(`${prefix}-${i}`));
        if (r.status !== 201) throw new Error(`create failed: ${r.status} ${r.body.slice(0, 200)}`);
        lat.push(performance.now() - s);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  return { perSec: total / secs, p50: pct(lat, 0.5), p99: pct(lat, 0.99) };
}

async function listTime(agent: Agent, port: number, runs: number, expect: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    const r = await call(agent, port, 'GET', '/api/v1/namespaces/default/pods');
    times.push(performance.now() - s);
    const n = (JSON.parse(r.body) as { items: unknown[] }).items.length;
    if (n < expect) throw new Error(`list returned ${n} pods, expected ≥ ${expect}`);
  }
  return pct(times, 0.5);
}

/** Opens `watchers` watches on pods, then times single updates until every watcher has read the event. */
async function watchDelivery(port: number, watchers: number, writes: number): Promise<{ p50: number; p99: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: watchers + 8 });
  let pending: { remaining: number; done: () => void } | null = null;
  const reqs = await Promise.all(
    Array.from(
      { length: watchers },
      () =>
        new Promise<ReturnType<typeof request>>((resolve) => {
          const req = request({ host: '127.0.0.1', port, path: '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0', agent }, (res) => {
            let buf = '';
            res.on('data', (c: Buffer) => {
              buf += c.toString();
              let nl: number;
              while ((nl = buf.indexOf('\n')) >= 0) {
                buf = buf.slice(nl + 1);
                if (pending && --pending.remaining === 0) pending.done();
              }
            });
            resolve(req);
          });
          req.end();
        }),
    ),
  );
  const lat: number[] = [];
  const wagent = new Agent({ keepAlive: true });
  for (let i = 0; i < writes; i++) {
    const s = performance.now();
    const all = new Promise<void>((done) => (pending = { remaining: watchers, done }));
    const r = await call(wagent, port, 'POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ metadata: { name: `w-${i}` }, data: { i: String(i) } }));
    if (r.status !== 201) throw new Error(`configmap create failed: ${r.status}`);
    await all;
    lat.push(performance.now() - s);
  }
  for (const r of reqs) r.destroy();
  agent.destroy();
  wagent.destroy();
  return { p50: pct(lat, 0.5), p99: pct(lat, 0.99) };
}

async function rawNodeRate(total: number, clients: number): Promise<number> {
  const server = createServer({ keepAliveTimeout: 60_000 }, (_req, res) => {
    const b = '{"kind":"Status","status":"Success"}';
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': b.length });
    res.end(b);
  });
  const port = await listen(server);
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < total; i = next++) await call(agent, port, 'POST', '/x', pod(`p${i}`));
    }),
  );
  const rate = total / ((performance.now() - t0) / 1000);
  agent.destroy();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  return rate;
}

export async function benchApi(o: BenchApiOptions): Promise<void> {
  const sizes = o.quick ? { creates: 2_000, list1: 2_000, list2: 5_000, watchers: 200, writes: 50 } : { creates: 10_000, list1: 10_000, list2: 50_000, watchers: 1_000, writes: 200 };
  const clients = 32;
  o.out(`raw node http: ${sizes.creates} requests, ${clients} clients ...`);
  const raw = await rawNodeRate(sizes.creates, clients);
  const t = await startApi(o.store);
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  try {
    o.out(`creating ${sizes.creates} pods with ${clients} clients (store: ${o.store}) ...`);
    const c = await createPods(agent, t.port, 'a', sizes.creates, clients);
    await createPods(agent, t.port, 'b', sizes.list1 - sizes.creates, clients);
    const l1 = await listTime(agent, t.port, 5, sizes.list1);
    o.out(`filling to ${sizes.list2} pods ...`);
    await createPods(agent, t.port, 'c', sizes.list2 - sizes.list1, clients);
    const l2 = await listTime(agent, t.port, 3, sizes.list2);
    o.out(`watch delivery to ${sizes.watchers} watchers ...`);
    const w = await watchDelivery(t.port, sizes.watchers, sizes.writes);
    o.out('');
    o.out('| measure | value |');
    o.out('|---|---:|');
    o.out(`| pod creates/s (${clients} clients, ${o.store}) | ${c.perSec.toFixed(0)} |`);
    o.out(`| create latency p50 / p99 (ms) | ${c.p50.toFixed(1)} / ${c.p99.toFixed(1)} |`);
    o.out(`| LIST ${sizes.list1.toLocaleString('en')} pods (ms, median) | ${l1.toFixed(0)} |`);
    o.out(`| LIST ${sizes.list2.toLocaleString('en')} pods (ms, median) | ${l2.toFixed(0)} |`);
    o.out(`| watch delivery to ${sizes.watchers} watchers p50 / p99 (ms) | ${w.p50.toFixed(1)} / ${w.p99.toFixed(1)} |`);
    o.out(`| raw Node HTTP requests/s (${clients} clients, same client) | ${raw.toFixed(0)} |`);
  } finally {
    agent.destroy();
    await t.close();
  }
}
