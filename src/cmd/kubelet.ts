/**
 * `skiff kubelet`: simulated kubelets as clients of the API server — one node (`--node-name`) or a fleet
 * (`--sim-nodes N`, named `<prefix>-0 … <prefix>-(N-1)`) in one process, sharing one pods watch and one nodes watch.
 */
import { RestClient, SharedInformerFactory, type Transport } from '../client/index.js';
import { SimFleet, createKubeletServer, type NodeStatusSettings, type SimLatencies } from '../kubelet/index.js';
import { type Clock, realClock } from '../machinery/index.js';

export type { NodeStatusSettings } from '../kubelet/index.js';

export interface RunningKubelets {
  fleet: SimFleet;
  synced(): boolean;
  stop(): Promise<void>;
}

export async function startSimKubelets(o: {
  /** The fleet's shared client (its pods and nodes watches); nodes write through it too unless `nodeClient` is given. */
  client: RestClient;
  /** Each simulated kubelet's own client (own rate limits, as separate kubelets have); see `perNodeClients`. */
  nodeClient?: (nodeName: string) => RestClient;
  nodeNames: string[];
  clock?: Clock;
  latencies?: SimLatencies;
  kubeletPort?: number;
  /** nodeLeaseDurationSeconds and the node status frequencies of every simulated kubelet. */
  nodeStatus?: NodeStatusSettings;
  onError?: (err: unknown, where: string) => void;
}): Promise<RunningKubelets> {
  const clock = o.clock ?? realClock;
  const informers = new SharedInformerFactory({ client: o.client, clock });
  // The kubelets' API (kubectl logs) listens first, so the nodes can advertise its port.
  const ref: { fleet?: SimFleet } = {};
  const server = createKubeletServer({ find: (ns, name) => ref.fleet?.findPod(ns, name), ...(o.onError ? { onError: (e) => o.onError!(e, 'kubelet server') } : {}) });
  await new Promise<void>((resolve) => server.listen(o.kubeletPort ?? 0, '127.0.0.1', () => resolve()));
  const kubeletPort = (server.address() as { port: number }).port;
  const fleet = new SimFleet({
    client: o.client,
    informers,
    clock,
    nodeNames: o.nodeNames,
    ...(o.nodeClient ? { nodeClient: o.nodeClient } : {}),
    ...(o.latencies ? { latencies: o.latencies } : {}),
    kubeletPort,
    ...(o.nodeStatus ? { nodeStatus: o.nodeStatus } : {}),
    ...(o.onError ? { onError: o.onError } : {}),
  });
  ref.fleet = fleet;
  informers.start();
  let synced = false;
  const ready = informers.waitForCacheSync().then(async (ok) => {
    await fleet.start();
    synced = ok;
  });
  await ready;
  return {
    fleet,
    synced: () => synced,
    async stop() {
      await fleet.stop();
      await informers.stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Per-node clients over one transport, each with its own client-side rate limit (a kubelet's kubeAPIQPS/Burst). */
export function perNodeClients(transport: Transport, limit: { qps: number; burst: number; clock?: Clock }): (nodeName: string) => RestClient {
  return () => new RestClient({ transport, qps: limit.qps, burst: limit.burst, ...(limit.clock ? { clock: limit.clock } : {}) });
}

/** Node names for a fleet: `prefix-0`, `prefix-1`, … */
export function fleetNodeNames(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
}
