/**
 * The Node object a kubelet registers and the status it keeps reporting (kubernetes pkg/kubelet/nodestatus/setters.go,
 * kubelet_node_status.go). Pure: the caller passes the time, the previous status (for transition times) and the
 * runtime's images.
 */
import { createHash } from 'node:crypto';
import { Quantity } from '../../machinery/index.js';
import type { Node, NodeCondition, NodeStatus, ResourceList, Taint } from '../../api/index.js';
import type { Image } from '../runtime/types.js';
import { rfc3339 } from '../time.js';

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

function condition(
  type: string,
  ok: boolean,
  texts: { trueReason: string; trueMsg: string; falseReason: string; falseMsg: string },
  now: string,
  previous: NodeCondition | undefined,
): NodeCondition {
  const status = ok ? 'True' : 'False';
  return {
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: previous && previous.status === status && previous.lastTransitionTime ? previous.lastTransitionTime : now,
    reason: ok ? texts.trueReason : texts.falseReason,
    message: ok ? texts.trueMsg : texts.falseMsg,
  };
}

/** The conditions MemoryPressure, DiskPressure, PIDPressure and Ready, in the kubelet's order. */
export function nodeConditions(health: NodeHealth, now: number, previous?: NodeStatus): NodeCondition[] {
  const t = rfc3339(now);
  const prev = (type: string) => previous?.conditions?.find((c) => c.type === type);
  return [
    condition('MemoryPressure', health.memoryPressure === true, {
      trueReason: 'KubeletHasInsufficientMemory',
      trueMsg: 'kubelet has insufficient memory available',
      falseReason: 'KubeletHasSufficientMemory',
      falseMsg: 'kubelet has sufficient memory available',
    }, t, prev('MemoryPressure')),
    condition('DiskPressure', health.diskPressure === true, {
      trueReason: 'KubeletHasDiskPressure',
      trueMsg: 'kubelet has disk pressure',
      falseReason: 'KubeletHasNoDiskPressure',
      falseMsg: 'kubelet has no disk pressure',
    }, t, prev('DiskPressure')),
    condition('PIDPressure', health.pidPressure === true, {
      trueReason: 'KubeletHasInsufficientPID',
      trueMsg: 'kubelet has insufficient PID available',
      falseReason: 'KubeletHasSufficientPID',
      falseMsg: 'kubelet has sufficient PID available',
    }, t, prev('PIDPressure')),
    condition('Ready', health.ready, {
      trueReason: 'KubeletReady',
      trueMsg: 'kubelet is posting ready status',
      falseReason: 'KubeletNotReady',
      falseMsg: health.notReadyMessage ?? 'container runtime is down',
    }, t, prev('Ready')),
  ];
}

/** The node's images, largest first, at most MAX_NODE_IMAGES (names: repo digests, then repo tags). */
export function nodeImages(images: readonly Image[]): NonNullable<NodeStatus['images']> {
  return [...images]
    .sort((a, b) => b.size - a.size)
    .slice(0, MAX_NODE_IMAGES)
    .map((i) => ({ names: [...i.repoDigests, ...i.repoTags], sizeBytes: i.size }));
}

export function buildNodeStatus(
  cfg: NodeConfig,
  options: { now: number; images: readonly Image[]; health?: NodeHealth; previous?: NodeStatus },
): NodeStatus {
  const capacity = { ...DEFAULT_CAPACITY, ...(cfg.capacity ?? {}) };
  const machineID = stableId('machine', cfg.nodeName);
  return {
    capacity,
    allocatable: allocatableOf(capacity),
    conditions: nodeConditions(options.health ?? { ready: true }, options.now, options.previous),
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
