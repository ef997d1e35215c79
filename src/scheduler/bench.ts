/**
 * benchSchedulingBasic: scheduler_perf's SchedulingBasic workload run in-process. Nodes follow node-default.yaml
 * (4 cpu, 32Gi, 110 pods), pods follow pod-default.yaml (one pause container requesting 100m / 500Mi). A no-op binder
 * records each binding and immediately delivers the bound pod back (as the API server's watch would), so the cache
 * confirms assumed pods as in a real cluster. Init pods are scheduled first and not measured.
 *
 * Measurement only: uses the real monotonic clock (performance.now) and makes no assertions.
 */
import { performance } from 'node:perf_hooks';
import type { Node, Pod } from '../api/index.js';
import type { Binder } from './interfaces.js';
import { Scheduler } from './scheduler.js';

export interface BenchOptions {
  nodes?: number;
  initPods?: number;
  measuredPods?: number;
  /** Seed for the scheduler's random source (score ties). */
  seed?: number;
  percentageOfNodesToScore?: number;
}

export interface BenchResult {
  nodes: number;
  initPods: number;
  measuredPods: number;
  /** Measured pods that were bound. */
  scheduled: number;
  durationMs: number;
  /** Measured pods bound per second of wall time. */
  podsPerSecond: number;
  /** Per-pod scheduling attempt latency (pop → assumed and binding started), milliseconds. */
  p50Ms: number;
  p99Ms: number;
  /** Per-pod latency from entering the queue to the bind call, milliseconds. */
  e2eP50Ms: number;
  e2eP99Ms: number;
}

/** mulberry32: a small deterministic PRNG for reproducible tie-breaking. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function benchNode(i: number): Node {
  const name = `scheduler-perf-${i}`;
  const capacity = { pods: '110', cpu: '4', memory: '32Gi' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `node-${i}`, resourceVersion: '1', labels: { 'kubernetes.io/hostname': name } },
    spec: {},
    status: { capacity, allocatable: capacity, conditions: [{ type: 'Ready', status: 'True' }], phase: 'Running' },
  };
}

function benchPod(name: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'sched-test', uid: `uid-${name}`, resourceVersion: '1' },
    spec: {
      schedulerName: 'default-scheduler',
      containers: [
        {
          name: 'pause',
          image: 'registry.k8s.io/pause:3.10.1',
          ports: [{ containerPort: 80 }],
          resources: { limits: { cpu: '100m', memory: '500Mi' }, requests: { cpu: '100m', memory: '500Mi' } },
        },
      ],
    },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export async function benchSchedulingBasic(opts: BenchOptions = {}): Promise<BenchResult> {
  const numNodes = opts.nodes ?? 5000;
  const initPods = opts.initPods ?? 1000;
  const measuredPods = opts.measuredPods ?? 10000;
  const enqueuedAt = new Map<string, number>();
  const boundAt = new Map<string, number>();
  let rv = 1;
  const ref: { scheduler?: Scheduler } = {};
  const binder: Binder = {
    async bind(pod, nodeName) {
      boundAt.set(pod.metadata.uid!, performance.now());
      const unassigned = { ...pod, spec: { ...pod.spec!, nodeName: undefined } };
      const assigned: Pod = { ...pod, metadata: { ...pod.metadata, resourceVersion: String(++rv) }, spec: { ...pod.spec!, nodeName } };
      ref.scheduler!.handlers.onPodUpdate(unassigned, assigned);
    },
  };
  const scheduler = new Scheduler({
    binder,
    random: seededRandom(opts.seed ?? 1),
    percentageOfNodesToScore: opts.percentageOfNodesToScore,
    onError: (err, context) => {
      throw new Error(`benchmark scheduler error (${context}): ${String(err)}`);
    },
  });
  ref.scheduler = scheduler;
  for (let i = 0; i < numNodes; i++) scheduler.handlers.onNodeAdd(benchNode(i));

  const runAll = async (latencies?: number[]) => {
    for (let qp = scheduler.queue.popNow(); qp; qp = scheduler.queue.popNow()) {
      const t0 = performance.now();
      await scheduler.scheduleOne(qp);
      latencies?.push(performance.now() - t0);
    }
    await scheduler.whenBindingsSettle();
  };

  for (let i = 0; i < initPods; i++) scheduler.handlers.onPodAdd(benchPod(`init-pod-${i}`));
  await runAll();

  const latencies: number[] = [];
  const start = performance.now();
  for (let i = 0; i < measuredPods; i++) {
    const pod = benchPod(`pod-${i}`);
    enqueuedAt.set(pod.metadata.uid!, performance.now());
    scheduler.handlers.onPodAdd(pod);
  }
  await runAll(latencies);
  const durationMs = performance.now() - start;

  const e2e: number[] = [];
  for (const [uid, t] of enqueuedAt) {
    const b = boundAt.get(uid);
    if (b !== undefined) e2e.push(b - t);
  }
  latencies.sort((a, b) => a - b);
  e2e.sort((a, b) => a - b);
  return {
    nodes: numNodes,
    initPods,
    measuredPods,
    scheduled: e2e.length,
    durationMs,
    podsPerSecond: (e2e.length / durationMs) * 1000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    e2eP50Ms: percentile(e2e, 50),
    e2eP99Ms: percentile(e2e, 99),
  };
}
