/**
 * benchPodSync: how many pods per second kubelets over SimRuntime take from "added" to Ready, with zero simulated
 * latencies (so the number measures the kubelet's own cost), and the heap each pod costs. Real time, no assertions.
 */
import { realClock } from '../machinery/index.js';
import type { Pod, PodStatus } from '../api/index.js';
import { Kubelet } from './kubelet.js';
import { SimRuntime } from './runtime/sim/sim-runtime.js';
import type { EventSink, StatusSink } from './sinks.js';

export interface PodSyncBenchOptions {
  /** Simulated nodes (one SimRuntime and one Kubelet each). Default 1. */
  nodes?: number;
  /** Pods per node. Default 1000. */
  podsPerNode?: number;
  /** Give each container a readiness probe (exercises the prober). Default false. */
  readinessProbe?: boolean;
  out?: (line: string) => void;
}

export interface PodSyncBenchResult {
  pods: number;
  nodes: number;
  elapsedMs: number;
  podsPerSecond: number;
  /** Heap growth per pod while all pods run, in bytes (approximate; includes the test objects). */
  heapBytesPerPod: number;
}

function isReady(status: PodStatus): boolean {
  return status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function benchPod(node: string, i: number, probe: boolean): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `bench-${node}-${i}`, namespace: 'bench', uid: `${node}-uid-${i}`, labels: { app: 'bench' } },
    spec: {
      nodeName: node,
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      containers: [
        {
          name: 'app',
          image: 'nginx:1.27',
          imagePullPolicy: 'IfNotPresent',
          ...(probe ? { readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 10 } } : {}),
        },
      ],
    },
    status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }] },
  };
}

export async function benchPodSync(options: PodSyncBenchOptions = {}): Promise<PodSyncBenchResult> {
  const nodes = options.nodes ?? 1;
  const perNode = options.podsPerNode ?? 1000;
  const total = nodes * perNode;
  const out = options.out ?? ((line: string) => console.log(line));
  const ready = new Set<string>();
  let done!: () => void;
  const allReady = new Promise<void>((resolve) => (done = resolve));
  const statusSink: StatusSink = {
    async patchPodStatus(pod, status) {
      if (isReady(status) && !ready.has(pod.metadata.uid ?? '')) {
        ready.add(pod.metadata.uid ?? '');
        if (ready.size === total) done();
      }
    },
  };
  const eventSink: EventSink = { emit: () => undefined };
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const kubelets: Kubelet[] = [];
  for (let n = 0; n < nodes; n++) {
    const nodeName = `bench-node-${n}`;
    const runtime = new SimRuntime({
      clock: realClock,
      nodeName,
      podCIDR: `10.${64 + Math.floor(n / 256)}.${n % 256}.0/${perNode > 250 ? 16 : 24}`,
      preloadedImages: ['registry.k8s.io/pause:3.10', 'nginx:1.27'],
    });
    const kubelet = new Kubelet({ nodeName, hostIP: `192.168.${Math.floor(n / 250)}.${(n % 250) + 1}`, clock: realClock, runtime, statusSink, eventSink });
    await kubelet.start();
    kubelets.push(kubelet);
  }
  const start = process.hrtime.bigint();
  for (let i = 0; i < perNode; i++) {
    for (let n = 0; n < nodes; n++) kubelets[n]!.onAdd(benchPod(`bench-node-${n}`, i, options.readinessProbe === true));
  }
  await allReady;
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  global.gc?.();
  const heapBytesPerPod = Math.max(0, (process.memoryUsage().heapUsed - heapBefore) / total);
  for (const k of kubelets) k.stop();
  const result: PodSyncBenchResult = {
    pods: total,
    nodes,
    elapsedMs,
    podsPerSecond: (total / elapsedMs) * 1000,
    heapBytesPerPod,
  };
  out(
    `kubelet pod sync: ${total} pods on ${nodes} node(s) Ready in ${elapsedMs.toFixed(0)} ms ` +
      `(${result.podsPerSecond.toFixed(0)} pods/s, ~${(heapBytesPerPod / 1024).toFixed(1)} KiB heap/pod)`,
  );
  return result;
}
