/**
 * The Node object a kubelet registers and the status it keeps reporting (kubernetes pkg/kubelet/nodestatus/setters.go,
 * kubelet_node_status.go). Pure: the caller passes the time, the status the API server holds (the setters run on top of
 * it) and the runtime's images.
 */
import { createHash } from 'node:crypto';
import { Quantity } from '../../machinery/index.js';
import type { Node, NodeStatus, ResourceList, Taint } from '../../api/index.js';
import type { Image } from '../runtime/types.js';
import { rfc3339 } from '../time.js';
import { setNodeConditions } from './conditions.js';

export const KUBELET_VERSION = 'v1.32.0-skiff';
export const KUBELET_PORT = 10250;
/** nodeStatusMaxImages. */
export const MAX_NODE_IMAGES = 50;

export interface NodeConfig {
  nodeName: string;
  internalIP: string;
  podCIDR?: string;
  /** Default: cpu 4, memory 8Gi, pods 110, ephemeral-storage 100Gi. */
  capacity?: ResourceList;
  /** Role labels, e.g. `['control-plane']` → `node-role.kubernetes.io/control-plane: ""`. */
  roles?: string[];
  labels?: Record<string, string>;
  taints?: Taint[];
  architecture?: string;
  osImage?: string;
  kernelVersion?: string;
  /** `sim://0.1.0` for SimRuntime (runtime name and version). */
  containerRuntimeVersion?: string;
  /** The port of the kubelet's API (logs, exec), advertised in status.daemonEndpoints. Default 10250. */
  kubeletPort?: number;
}

export interface NodeHealth {
  ready: boolean;
  /** Why the node is not ready (Ready=False message). */
  notReadyMessage?: string;
  memoryPressure?: boolean;
  diskPressure?: boolean;
  pidPressure?: boolean;
}

const DEFAULT_CAPACITY: ResourceList = { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' };

function stableId(kind: string, name: string): string {
  return createHash('sha256').update(`${kind}:${name}`).digest('hex').slice(0, 32);
}

function uuidOf(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Labels of a registering node (kubelet_node_status.go initialNode). */
export function nodeLabels(cfg: NodeConfig): Record<string, string> {
  const arch = cfg.architecture ?? 'amd64';
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': arch,
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': arch,
    'kubernetes.io/hostname': cfg.nodeName,
    'kubernetes.io/os': 'linux',
  };
  for (const role of cfg.roles ?? []) labels[`node-role.kubernetes.io/${role}`] = '';
  return { ...labels, ...(cfg.labels ?? {}) };
}

/** Allocatable = capacity minus the default hard eviction thresholds (memory 100Mi, ephemeral storage 10%). */
export function allocatableOf(capacity: ResourceList): ResourceList {
  const out: ResourceList = { ...capacity };
  if (capacity.memory !== undefined) {
    const m = Quantity.parse(capacity.memory).sub(Quantity.parse('100Mi'));
    out.memory = `${Math.max(0, Math.floor(m.value() / 1024))}Ki`;
  }
  if (capacity['ephemeral-storage'] !== undefined) {
    const e = Quantity.parse(capacity['ephemeral-storage']).value();
    out['ephemeral-storage'] = String(Math.floor(e * 0.9));
  }
  return out;
}

/** The node's images, largest first, at most MAX_NODE_IMAGES (names: repo digests, then repo tags). */
export function nodeImages(images: readonly Image[]): NonNullable<NodeStatus['images']> {
  return [...images]
    .sort((a, b) => b.size - a.size)
    .slice(0, MAX_NODE_IMAGES)
    .map((i) => ({ names: [...i.repoDigests, ...i.repoTags], sizeBytes: i.size }));
}

/** A resource name outside the kubernetes.io domain, such as `example.com/dongle` (v1helper.IsExtendedResourceName). */
function isExtendedResourceName(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');
}

/** What one run of the status setters produced. */
export interface NodeStatusUpdate {
  status: NodeStatus;
  /** Node event reasons the condition transitions record (`Node <name> status is now: <reason>`), in order. */
  events: string[];
}

/**
 * The kubelet's status setters (setNodeStatus over defaultNodeStatusFuncs) applied to `current`, the status the API
 * server holds (undefined for a node being registered). The fields the kubelet owns are set: capacity (keys it does
 * not report, such as extended resources advertised by others, are kept), allocatable (derived from the merged
 * capacity; extended resources no longer in capacity are dropped), addresses, daemon endpoints, node info, images and
 * the four conditions (see conditions.ts). Every other field of `current` is kept. `current` is not modified.
 */
export function setNodeStatus(
  cfg: NodeConfig,
  current: Readonly<NodeStatus> | undefined,
  options: { now: number; images: readonly Image[]; health?: NodeHealth },
): NodeStatusUpdate {
  const capacity: ResourceList = { ...(current?.capacity ?? {}), ...DEFAULT_CAPACITY, ...(cfg.capacity ?? {}) };
  const keptAllocatable = Object.entries(current?.allocatable ?? {}).filter(([k]) => k in capacity || !isExtendedResourceName(k));
  const machineID = stableId('machine', cfg.nodeName);
  const { conditions, events } = setNodeConditions(current?.conditions, { health: options.health ?? { ready: true }, now: rfc3339(options.now) });
  const status: NodeStatus = {
    ...(current ?? {}),
    capacity,
    allocatable: { ...Object.fromEntries(keptAllocatable), ...allocatableOf(capacity) },
    conditions,
    addresses: [
      { type: 'InternalIP', address: cfg.internalIP },
      { type: 'Hostname', address: cfg.nodeName },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: cfg.kubeletPort ?? KUBELET_PORT } },
    nodeInfo: {
      machineID,
      systemUUID: uuidOf(stableId('system', cfg.nodeName)),
      bootID: uuidOf(stableId('boot', cfg.nodeName)),
      kernelVersion: cfg.kernelVersion ?? '6.1.0-skiff-sim',
      osImage: cfg.osImage ?? 'Skiff simulated Linux',
      containerRuntimeVersion: cfg.containerRuntimeVersion ?? 'sim://0.1.0',
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: '',
      operatingSystem: 'linux',
      architecture: cfg.architecture ?? 'amd64',
    },
    images: nodeImages(options.images),
  };
  return { status, events };
}

/** The status setters' result on top of `previous` (default: a node being registered), without the events. */
export function buildNodeStatus(
  cfg: NodeConfig,
  options: { now: number; images: readonly Image[]; health?: NodeHealth; previous?: Readonly<NodeStatus> },
): NodeStatus {
  return setNodeStatus(cfg, options.previous, options).status;
}

/** The Node a kubelet registers (POST /api/v1/nodes). */
export function buildNode(cfg: NodeConfig, options: { now: number; images: readonly Image[]; health?: NodeHealth }): Node {
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: cfg.nodeName,
      labels: nodeLabels(cfg),
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {},
    status: buildNodeStatus(cfg, options),
  };
  if (cfg.podCIDR) node.spec = { podCIDR: cfg.podCIDR, podCIDRs: [cfg.podCIDR] };
  if (cfg.taints?.length) node.spec = { ...node.spec, taints: cfg.taints };
  return node;
}
