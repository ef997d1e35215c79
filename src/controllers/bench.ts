/**
 * benchReplicaSetCreation: how fast the ReplicaSet controller creates the pods of one large ReplicaSet (10,000
 * replicas by default) — slow-start batches of up to 500 creates per sync, expectations that wait for the informer to
 * see each batch, status writes — against AcceptingTransport (creates are accepted immediately). The controller runs
 * inside a ControllerManager exactly as `skiff controller-manager` runs it, with no client-side rate limit unless
 * `qps` is given (kube-controller-manager's is 20 QPS / 30 burst).
 *
 * Measurement only: wall time via performance.now(), no assertions.
 */
import { performance } from 'node:perf_hooks';
import type { ReplicaSet } from '../api/index.js';
import { RestClient } from '../client/index.js';
import { AcceptingTransport } from './bench-transport.js';
import { ControllerManager } from './manager/index.js';
import { ReplicaSetController } from './replicaset/index.js';

export interface ReplicaSetCreationBenchOptions {
  replicas?: number;
  workers?: number;
  burstReplicas?: number;
  /** Client-side QPS (default unlimited); burst defaults to 1.5 × qps like kube-controller-manager's 20/30. */
  qps?: number;
  burst?: number;
  /** Give up after this long (default 10 minutes). */
  timeoutMs?: number;
}

export interface ReplicaSetCreationBenchResult {
  replicas: number;
  /** Pods the transport accepted. */
  created: number;
  /** From the ReplicaSet appearing to status.replicas == replicas. */
  durationMs: number;
  podsPerSecond: number;
  /** Status writes the controller made on the way (one per sync that changed the counts). */
  statusWrites: number;
  timedOut: boolean;
}

/** Runs the benchmark once; see the module comment. */
export async function benchReplicaSetCreation(options: ReplicaSetCreationBenchOptions = {}): Promise<ReplicaSetCreationBenchResult> {
  const replicas = options.replicas ?? 10_000;
  const transport = new AcceptingTransport();
  const qps = options.qps ?? Infinity;
  const client = new RestClient({ transport, qps, burst: options.burst ?? (qps === Infinity ? 1 : Math.ceil(qps * 1.5)) });
  const controller = new ReplicaSetController({ workers: options.workers ?? 5, ...(options.burstReplicas ? { burstReplicas: options.burstReplicas } : {}), onError: () => undefined });
  const manager = new ControllerManager({ client, controllers: [controller], onError: () => undefined });
  manager.start();
  while (!manager.hasSynced()) await new Promise<void>((r) => setTimeout(r, 5));

  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'bench', namespace: 'bench', generation: 1 },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'bench' } },
      template: { metadata: { labels: { app: 'bench' } }, spec: { containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.10' }] } },
    },
  };
  const start = performance.now();
  transport.put('replicasets', rs);
  const deadline = start + (options.timeoutMs ?? 600_000);
  let timedOut = false;
  for (;;) {
    const cur = transport.get('replicasets', 'bench', 'bench') as ReplicaSet | undefined;
    if ((cur?.status?.replicas ?? 0) >= replicas) break;
    if (performance.now() > deadline) {
      timedOut = true;
      break;
    }
    await new Promise<void>((r) => setImmediate(r));
  }
  const durationMs = performance.now() - start;
  await manager.stop();
  const created = transport.created.get('pods') ?? 0;
  return { replicas, created, durationMs, podsPerSecond: created / (durationMs / 1000), statusWrites: transport.statusWrites, timedOut };
}
