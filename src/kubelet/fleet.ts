/**
 * A fleet of simulated kubelets in one process (`skiff kubelet --sim-nodes N`, and the nodes of `skiff up`): each
 * node has its own SimRuntime, Kubelet (pod workers, status manager, probes), node registration + Lease heartbeat,
 * and event recorder; they share one API client, one pods watch (NodePodRouter) and one nodes watch. The nodes
 * watch is every kubelet's node informer: status syncs read their Node from it, so in steady state a node costs its
 * Lease renewals and nothing else until its status changes (or nodeStatusReportFrequency passes). A node's pod CIDR
 * comes from node IPAM (spec.podCIDR) and is handed to its runtime as CRI's UpdateRuntimeConfig would.
 */
import type { Node, Pod } from '../api/index.js';
import { EventRecorder, refs, type RestClient, type SharedInformerFactory } from '../client/index.js';
import type { Clock } from '../machinery/index.js';
import { apiNodeStatusSink, apiPodDeleter, apiStatusSink, recorderEventSink } from './api-adapter.js';
import { Kubelet } from './kubelet.js';
import { NodeStatusReporter, type NodeStatusSettings } from './node/node-reporter.js';
import type { NodeConfig, NodeHealth } from './node/node-status.js';
import { NodePodRouter } from './node-pod-router.js';
import type { SimLatencies } from './runtime/sim/options.js';
import { SimRuntime } from './runtime/sim/sim-runtime.js';

export interface SimFleetOptions {
  client: RestClient;
  /** The factory the fleet adds its pods and nodes informers to (start it after creating the fleet). */
  informers: SharedInformerFactory;
  clock: Clock;
  nodeNames: readonly string[];
  /** Per-node config beyond the name (capacity, labels, taints). */
  nodeConfig?: (name: string, index: number) => Partial<NodeConfig>;
  latencies?: SimLatencies;
  /** The address reported as every node's InternalIP and pods' hostIP. */
  hostIP?: string;
  /** Where the kubelets' own API (logs, exec) listens, advertised in node status. */
  kubeletPort?: number;
  /** Every node's Lease duration and status frequencies (Kubernetes' defaults when absent). */
  nodeStatus?: NodeStatusSettings;
  onError?: (err: unknown, where: string) => void;
  /**
   * The client one node's kubelet writes with (status, events, deletions, node status and Lease). Default: `client`.
   * Give each node its own RestClient over a shared transport for per-kubelet rate limits, as separate kubelets have.
   */
  nodeClient?: (nodeName: string) => RestClient;
}

export interface SimNode {
  name: string;
  runtime: SimRuntime;
  kubelet: Kubelet;
  reporter: NodeStatusReporter;
  recorder: EventRecorder;
}

export class SimFleet {
  readonly nodes = new Map<string, SimNode>();
  private readonly router: NodePodRouter;
  private started = false;

  /** Throws KubeletError InvalidConfiguration for node status settings the kubelet would reject. */
  constructor(private readonly o: SimFleetOptions) {
    this.router = new NodePodRouter(o.informers);
    const nodes = o.informers.informerFor<Node>(refs.nodes);
    const nodeLister = nodes.lister();
    const hostIP = o.hostIP ?? '127.0.0.1';
    const onError = o.onError ?? ((err: unknown, where: string) => console.error(`kubelet ${where}:`, err));
    o.nodeNames.forEach((name, i) => {
      const runtime = new SimRuntime({ clock: o.clock, nodeName: name, ...(o.latencies ? { latencies: o.latencies } : {}) });
      const client = o.nodeClient?.(name) ?? o.client;
      const recorder = new EventRecorder({ client, component: 'kubelet', host: name, clock: o.clock });
      const events = recorderEventSink(recorder);
      const kubelet = new Kubelet({
        nodeName: name,
        hostIP,
        clock: o.clock,
        runtime,
        statusSink: apiStatusSink(client),
        eventSink: events,
        onTerminated: apiPodDeleter(client),
        onError: (err: unknown, pod?: Pod) => onError(err, `${name}${pod ? ` pod ${pod.metadata.namespace}/${pod.metadata.name}` : ''}`),
      });
      const reporter = new NodeStatusReporter({
        clock: o.clock,
        sink: apiNodeStatusSink(client),
        images: runtime,
        events,
        config: {
          nodeName: name,
          internalIP: hostIP,
          containerRuntimeVersion: 'sim://0.1.0',
          ...(o.kubeletPort ? { kubeletPort: o.kubeletPort } : {}),
          ...(o.nodeConfig?.(name, i) ?? {}),
        },
        ...(o.nodeStatus ?? {}),
        cachedNode: () => nodeLister.get({ namespace: '', name }),
        health: () => simNodeHealth(runtime),
        onError: (err) => onError(err, `${name} node status`),
      });
      this.nodes.set(name, { name, runtime, kubelet, reporter, recorder });
    });
    // Node IPAM writes spec.podCIDR after registration; the runtime starts handing out pod IPs from then on.
    const onNode = (n: Readonly<Node>) => {
      const sim = this.nodes.get(n.metadata.name ?? '');
      const cidr = (n.spec as { podCIDR?: string } | undefined)?.podCIDR;
      if (sim && cidr && sim.runtime.podCIDR !== cidr) {
        try {
          sim.runtime.updateRuntimeConfig({ podCIDR: cidr });
        } catch (err) {
          onError(err, `${sim.name} pod CIDR`);
          return;
        }
        // The network just became ready: report Ready now, as the kubelet's fast status updates do, not in 10 s.
        void sim.reporter.updateStatus();
      }
    };
    nodes.addEventHandler({ onAdd: onNode, onUpdate: (_o, n) => onNode(n) });
  }

  /** Registers every node and starts its kubelet. Call after the informer factory has started. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await Promise.all(
      [...this.nodes.values()].map(async (n) => {
        await n.reporter.start();
        await n.kubelet.start(this.router.forNode(n.name));
      }),
    );
  }

  /** A pod bound to one of this fleet's nodes, with the kubelet running it (for the kubelet server). */
  findPod(namespace: string, name: string): { pod: Pod; kubelet: Kubelet } | undefined {
    const pod = this.router.get(namespace, name);
    const node = (pod?.spec as { nodeName?: string } | undefined)?.nodeName;
    const kubelet = node ? this.nodes.get(node)?.kubelet : undefined;
    return pod && kubelet ? { pod: pod as Pod, kubelet } : undefined;
  }

  /** The kubelet running `pod`, if it is on one of this fleet's nodes. */
  kubeletFor(nodeName: string): Kubelet | undefined {
    return this.nodes.get(nodeName)?.kubelet;
  }

  async stop(): Promise<void> {
    for (const n of this.nodes.values()) {
      n.reporter.stop();
      n.kubelet.stop();
    }
    await Promise.all([...this.nodes.values()].map((n) => n.recorder.close()));
  }
}

/**
 * The node's health as the kubelet derives it from the runtime: like a CNI network that needs the node's podCIDR, the
 * simulated network is not ready (and the node not Ready, so nothing is scheduled onto it only to fail sandbox
 * creation) until node IPAM has assigned one. The message is Kubernetes' for a network plugin that is not ready.
 */
export function simNodeHealth(runtime: Pick<SimRuntime, 'podCIDR'>): NodeHealth {
  if (runtime.podCIDR) return { ready: true };
  return {
    ready: false,
    notReadyMessage: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: no podCIDR assigned to this node yet',
  };
}
