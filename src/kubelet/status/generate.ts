/**
 * generateAPIPodStatus (kubernetes pkg/kubelet/kubelet_pods.go): the PodStatus the kubelet reports, from the pod spec,
 * the runtime snapshot, the previous status, the reason cache and the probe state. Pure: no I/O, no clock (transition
 * times and startTime are the status manager's job).
 */
import { Quantity } from '../../machinery/index.js';
import type { Container, ContainerStatus, Pod, PodCondition, PodStatus, ResourceList } from '../../api/index.js';
import { podSandboxChanged, type RuntimePodStatus } from '../pod/runtime-status.js';
import {
  containersReadyCondition,
  initializedCondition,
  KUBELET_CONDITION_TYPES,
  podReadyCondition,
  readyToStartContainersCondition,
} from './conditions.js';
import { convertContainerStatuses } from './container-statuses.js';
import { getPhase } from './phase.js';
import type { ReasonCache } from './reason-cache.js';

/** What the prober knows: whether a running container counts as started and as ready. */
export interface ProbeState {
  started(podUid: string, container: Container, containerId: string): boolean;
  ready(podUid: string, container: Container, containerId: string): boolean;
}

export interface GenerateOptions {
  runtimeName: string;
  hostIP: string;
  /** The status last generated for this pod (falls back to pod.status). */
  oldStatus?: PodStatus;
  reasons: ReasonCache;
  probes: ProbeState;
  /** No container of the pod will run again (it was killed for deletion, or finished). */
  podIsTerminal: boolean;
}

function isTerminalPhase(phase: string | undefined): boolean {
  return phase === 'Succeeded' || phase === 'Failed';
}

function runtimeId(s: ContainerStatus): string | undefined {
  const cid = s.containerID;
  return cid ? cid.slice(cid.indexOf('://') + 3) : undefined;
}

/** UpdatePodStatus of the prober manager: fills in `started` and `ready`. */
function applyProbeState(pod: Pod, statuses: ContainerStatus[], containers: readonly Container[], probes: ProbeState, init: boolean): void {
  const uid = pod.metadata.uid ?? '';
  for (const s of statuses) {
    const c = containers.find((x) => x.name === s.name);
    const id = runtimeId(s);
    const running = s.state?.running !== undefined;
    if (init && c?.restartPolicy !== 'Always') {
      s.started = running;
      s.ready = s.state?.terminated?.exitCode === 0;
      continue;
    }
    const started = running && c !== undefined && id !== undefined && probes.started(uid, c, id);
    s.started = started;
    s.ready = started && c !== undefined && id !== undefined && probes.ready(uid, c, id);
  }
}

const QOS_RESOURCES = ['cpu', 'memory'] as const;

/** GetPodQOS: Guaranteed, Burstable or BestEffort from the containers' cpu and memory requests and limits. */
export function podQOSClass(pod: Pod): NonNullable<PodStatus['qosClass']> {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const add = (into: Map<string, Quantity>, list: ResourceList | undefined) => {
    for (const r of QOS_RESOURCES) {
      const v = list?.[r];
      if (v === undefined) continue;
      const q = Quantity.parse(v);
      if (q.isZero()) continue;
      const prev = into.get(r);
      into.set(r, prev ? prev.add(q) : q);
    }
  };
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    add(requests, c.resources?.requests);
    add(limits, c.resources?.limits);
    const l = c.resources?.limits ?? {};
    if (!QOS_RESOURCES.every((r) => l[r] !== undefined && !Quantity.parse(l[r]).isZero())) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [r, q] of requests) if (!limits.get(r)?.equals(q)) guaranteed = false;
  }
  return guaranteed && limits.size === QOS_RESOURCES.length ? 'Guaranteed' : 'Burstable';
}

export function generatePodStatus(pod: Pod, rs: RuntimePodStatus, options: GenerateOptions): PodStatus {
  const spec = pod.spec;
  const old = options.oldStatus ?? pod.status ?? {};
  const inits = spec?.initContainers ?? [];
  const containers = spec?.containers ?? [];
  const hasInit = inits.length > 0;
  const common = { runtimeName: options.runtimeName, hasInitContainers: hasInit, reasons: options.reasons };

  const containerStatuses = convertContainerStatuses(pod, rs, old.containerStatuses, containers, { ...common, isInit: false });
  const initStatuses = convertContainerStatuses(pod, rs, old.initContainerStatuses, inits, { ...common, isInit: true });
  applyProbeState(pod, containerStatuses, containers, options.probes, false);
  applyProbeState(pod, initStatuses, inits, options.probes, true);
  const all = [...containerStatuses, ...initStatuses];

  let phase = getPhase(pod, all, options.podIsTerminal);
  if (!isTerminalPhase(phase)) {
    if (isTerminalPhase(old.phase)) phase = old.phase!;
    else if (isTerminalPhase(pod.status?.phase)) phase = pod.status!.phase!;
  }
  if (isTerminalPhase(pod.status?.phase) && phase !== pod.status?.phase) phase = pod.status!.phase!;

  const status: PodStatus = { phase };
  if (phase === old.phase) {
    const reason = old.reason || pod.status?.reason;
    const message = old.message || pod.status?.message;
    if (reason) status.reason = reason;
    if (message) status.message = message;
  }

  const conditions: PodCondition[] = (pod.status?.conditions ?? []).filter((c) => !KUBELET_CONDITION_TYPES.has(c.type));
  const sandboxReady = !podSandboxChanged(pod, rs).create;
  conditions.push(readyToStartContainersCondition(sandboxReady));
  conditions.push(initializedCondition(pod, all, phase));
  conditions.push(podReadyCondition(pod, conditions, all, phase));
  conditions.push(containersReadyCondition(pod, all, phase));
  conditions.push({ type: 'PodScheduled', status: 'True' });
  status.conditions = conditions;

  status.hostIP = options.hostIP;
  status.hostIPs = [{ ip: options.hostIP }];
  const podIPs = spec?.hostNetwork ? [options.hostIP] : rs.ips;
  if (podIPs.length > 0) {
    status.podIP = podIPs[0]!;
    status.podIPs = podIPs.map((ip) => ({ ip }));
  } else if (old.podIP) {
    // Once assigned, the pod keeps reporting its IP (also after its sandbox was stopped on termination).
    status.podIP = old.podIP;
    if (old.podIPs) status.podIPs = old.podIPs;
  }
  if (hasInit) status.initContainerStatuses = initStatuses;
  status.containerStatuses = containerStatuses;
  status.qosClass = old.qosClass ?? podQOSClass(pod);
  return status;
}
