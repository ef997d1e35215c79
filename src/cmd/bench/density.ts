/**
 * `skiff bench density`: the whole cluster in one process (`skiff up` with the memory store and N simulated nodes),
 * one Deployment of M replicas, and the time from apply until every pod is Ready — with pods/s, pod startup latency
 * (creation → Running observed through a watch) p50/p99, and the process's peak RSS and CPU seconds. Runs with the
 * components' client-side rate limits off, or with Kubernetes' defaults (`--qps 20`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Event, Node, Pod } from '../../api/index.js';
import { RestClient, refs, restClientFromKubeconfig } from '../../client/index.js';
import { LocalTransport } from '../local-transport.js';
import type { ApiMetrics } from '../../apiserver/index.js';
import { type ComponentTransport, up } from '../up.js';

export interface DensityOptions {
  nodes: number;
  replicas: number;
  /** Components' client QPS (Infinity = no client-side limit). */
  qps: number;
  /** How the components reach the API server (see `skiff up --component-transport`). */
  componentTransport: ComponentTransport;
  out: (line: string) => void;
}

function pct(xs: number[], p: number): number {
  const a = [...xs].sort((x, y) => x - y);
  return a[Math.min(a.length - 1, Math.floor(p * a.length))] ?? Number.NaN;
}

/** apiserver_request_total summed over codes, per verb and resource, divided by the number of pods. */
async function requestsPerPod(metrics: ApiMetrics, replicas: number): Promise<string[]> {
  const sums = new Map<string, number>();
  for (const m of await metrics.registry.getMetricsAsJSON()) {
    if (m.name !== 'apiserver_request_total') continue;
    for (const v of (m as { values: { value: number; labels: Record<string, string | number> }[] }).values) {
      const code = String(v.labels.code);
      const key = `${v.labels.verb} ${v.labels.resource}${code.startsWith('2') ? '' : ` (${code})`}`;
      sums.set(key, (sums.get(key) ?? 0) + v.value);
    }
  }
  return [...sums.entries()]
    .filter(([k, n]) => n >= replicas / 10 || k.endsWith(")"))
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k}: ${n} (${(n / replicas).toFixed(2)})`);
}

/**
 * Waits (polling every 100 ms) until `want` nodes report Ready=True and are schedulable (the node lifecycle
 * controller has lifted the not-ready / unreachable / unschedulable NoSchedule taints); returns seconds since
 * `since`.
 */
async function waitForNodesReady(client: RestClient, want: number, since: number): Promise<number> {
  const nodes = client.resource<Node>(refs.nodes);
  for (;;) {
    const list = await nodes.list();
    const ready = list.items.filter(
      (n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') && !n.spec?.taints?.some((t) => t.effect === 'NoSchedule'),
    ).length;
    if (ready >= want) return (performance.now() - since) / 1000;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function benchDensity(o: DensityOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'skiff-density-'));
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const cpu0 = process.cpuUsage();
  o.out(`starting ${o.nodes} simulated nodes (qps ${o.qps}) ...`);
  const tStart = performance.now();
  const cluster = await up({ dataDir: dir, port: 0, bindAddress: '127.0.0.1', store: 'memory', nodes: o.nodes, kubeconfig: join(dir, 'admin.kubeconfig'), qps: o.qps, burst: Number.isFinite(o.qps) ? o.qps * 1.5 : o.qps, auditLogPath: '', componentTransport: o.componentTransport });
  // The observer is one more client of the same kind as the components: in-process, or HTTPS with a certificate.
  const client =
    o.componentTransport === 'local'
      ? new RestClient({ transport: new LocalTransport(cluster.api.api, { username: 'skiff-admin', groups: ['system:masters', 'system:authenticated'] }), qps: Infinity })
      : restClientFromKubeconfig(join(dir, 'admin.kubeconfig'), { qps: Infinity });
  try {
    const settled = await waitForNodesReady(client, o.nodes, tStart);
    o.out(`cluster up, ${o.nodes} nodes Ready and schedulable after ${settled.toFixed(2)} s`);
    const idleRss = process.memoryUsage().rss;
    const pods = client.resource<Pod>(refs.pods);
    const list = await pods.list({ namespace: 'default' });
    const created = new Map<string, number>();
    const scheduled = new Map<string, number>();
    const running = new Map<string, number>();
    const ready = new Map<string, number>();
    let done!: () => void;
    const allReady = new Promise<void>((r) => (done = r));
    const ac = new AbortController();
    const watch = pods.watch({ namespace: 'default', resourceVersion: list.metadata.resourceVersion ?? '', labelSelector: 'app=density', signal: ac.signal });
    const t0 = performance.now();
    const reader = (async () => {
      for await (const ev of watch) {
        if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED') continue;
        const p = ev.object as Pod;
        const uid = p.metadata.uid ?? '';
        if (!created.has(uid)) created.set(uid, performance.now());
        const st = p.status as { phase?: string; conditions?: { type: string; status: string }[] } | undefined;
        if ((p.spec as { nodeName?: string } | undefined)?.nodeName && !scheduled.has(uid)) scheduled.set(uid, performance.now());
        if (st?.phase === 'Running' && !running.has(uid)) running.set(uid, performance.now());
        if (!ready.has(uid) && st?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) ready.set(uid, performance.now());
        if (ready.size >= o.replicas) {
          done();
          return;
        }
      }
    })();
    await client.resource(refs.deployments).create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'density', namespace: 'default' },
      spec: {
        replicas: o.replicas,
        selector: { matchLabels: { app: 'density' } },
        template: { metadata: { labels: { app: 'density' } }, spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '1m', memory: '1Mi' } } }] } },
      },
    });
    await allReady;
    const secs = (performance.now() - t0) / 1000;
    ac.abort();
    await reader.catch(() => undefined);
    const startup = [...running.entries()].map(([uid, t]) => t - (created.get(uid) ?? t));
    const cpu = process.cpuUsage(cpu0);
    o.out('');
    o.out('| measure | value |');
    o.out('|---|---:|');
    o.out(`| nodes × replicas | ${o.nodes} × ${o.replicas} |`);
    o.out(`| client QPS of components | ${o.qps} |`);
    o.out(`| component transport | ${o.componentTransport} |`);
    o.out(`| apply → all Ready (s) | ${secs.toFixed(2)} |`);
    o.out(`| pods/s | ${(o.replicas / secs).toFixed(0)} |`);
    o.out(`| pod startup (created → Running, watch) p50 / p99 (s) | ${(pct(startup, 0.5) / 1000).toFixed(2)} / ${(pct(startup, 0.99) / 1000).toFixed(2)} |`);
    const stage = (m: Map<string, number>) => [0, 0.5, 0.9, 1].map((q) => ((pct([...m.values()], q) - t0) / 1000).toFixed(2)).join(' / ');
    o.out(`| seconds after apply until the first / 50% / 90% / 100% of pods were created | ${stage(created)} |`);
    o.out(`| ... were bound to a node | ${stage(scheduled)} |`);
    o.out(`| ... were Running | ${stage(running)} |`);
    o.out(`| ... were Ready | ${stage(ready)} |`);
    o.out(`| RSS idle after start / peak (MB) | ${(idleRss / 1e6).toFixed(0)} / ${(peakRss / 1e6).toFixed(0)} |`);
    o.out(`| CPU seconds (user + system) | ${((cpu.user + cpu.system) / 1e6).toFixed(1)} |`);
    o.out('');
    const warnings = new Map<string, number>();
    const nodeEvents = new Map<string, number>();
    for (const e of (await client.resource<Event>(refs.events).list({ namespace: 'default' })).items) {
      const count = (m: Map<string, number>) => m.set(e.reason ?? '', (m.get(e.reason ?? '') ?? 0) + (e.count ?? 1));
      if (e.type === 'Warning') count(warnings);
      // A node losing Ready under load (heartbeats starved) makes the scheduler skip it: worth seeing.
      else if (e.involvedObject?.kind === 'Node' && e.reason !== 'RegisteredNode' && e.reason !== 'NodeReady' && e.reason !== 'Starting') count(nodeEvents);
    }
    o.out(`Warning events: ${[...warnings].map(([r, n]) => `${r} ×${n}`).join(', ') || 'none'}`);
    o.out(`Node events besides registration: ${[...nodeEvents].map(([r, n]) => `${r} ×${n}`).join(', ') || 'none'}`);
    o.out('API requests per pod (verb resource: count / replicas):');
    for (const line of await requestsPerPod(cluster.api.api.deps.metrics, o.replicas)) o.out(`  ${line}`);
  } finally {
    clearInterval(sampler);
    client.transport.close?.();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
