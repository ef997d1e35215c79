/**
 * computePodActions (kubernetes pkg/kubelet/kuberuntime/kuberuntime_manager.go): compares the pod spec with the
 * runtime snapshot and decides, without side effects, what one sync must do: (re)create the sandbox, kill the whole
 * pod, which init container(s) and containers to start, which running containers to kill. Sidecars (init containers
 * with restartPolicy Always) follow the SidecarContainers rules of Kubernetes 1.29+.
 */
import type { Container, Pod } from '../../api/index.js';
import type { ProbeResult } from '../prober/types.js';
import {
  findContainerStatus,
  hashContainer,
  podSandboxChanged,
  type RuntimeContainerStatus,
  type RuntimePodStatus,
} from './runtime-status.js';

export type KillReason = 'LivenessProbe' | 'StartupProbe' | 'Unknown' | '';

export interface ContainerToKill {
  id: string;
  name: string;
  container: Container;
  /** The Killing event's message, e.g. `Container nginx failed liveness probe, will be restarted`. */
  message: string;
  reason: KillReason;
}

export interface PodActions {
  /** Stop every container and the sandbox. */
  killPod: boolean;
  createSandbox: boolean;
  /** The current sandbox (the one to kill when re-creating). */
  sandboxId?: string;
  /** The attempt number for a new sandbox. */
  attempt: number;
  /** Indexes into spec.initContainers, in start order. */
  initContainersToStart: number[];
  /** Indexes into spec.containers. */
  containersToStart: number[];
  containersToKill: ContainerToKill[];
}

/** The probe results computePodActions consults, by runtime container id. */
export interface ProbeView {
  liveness(containerId: string): ProbeResult | undefined;
  startup(containerId: string): ProbeResult | undefined;
}

export function isRestartableInit(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

/** shouldRestartOnFailure: the pod restarts failed containers (restartPolicy is not Never). */
export function shouldRestartOnFailure(pod: Pod): boolean {
  return (pod.spec?.restartPolicy ?? 'Always') !== 'Never';
}

/** ShouldContainerBeRestarted for a regular container. */
export function shouldContainerBeRestarted(container: Container, pod: Pod, rs: RuntimePodStatus): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  const cs = findContainerStatus(rs, container.name);
  if (!cs) return true;
  if (cs.state === 'CONTAINER_RUNNING') return false;
  if (cs.state === 'CONTAINER_UNKNOWN' || cs.state === 'CONTAINER_CREATED') return true;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (policy === 'Never') return false;
  if (policy === 'OnFailure' && cs.exitCode === 0) return false;
  return true;
}

function containerSucceeded(c: Container, rs: RuntimePodStatus): boolean {
  const cs = findContainerStatus(rs, c.name);
  return cs !== undefined && cs.state === 'CONTAINER_EXITED' && cs.exitCode === 0;
}

/** Whether every regular init container has succeeded (sidecars do not count). */
export function initContainersDone(pod: Pod, rs: RuntimePodStatus): boolean {
  return (pod.spec?.initContainers ?? []).every((c) => isRestartableInit(c) || containerSucceeded(c, rs));
}

function anyRegularStarted(pod: Pod, rs: RuntimePodStatus): boolean {
  return (pod.spec?.containers ?? []).some((c) => {
    const cs = findContainerStatus(rs, c.name);
    return cs !== undefined && cs.state !== 'CONTAINER_CREATED';
  });
}

/** A sidecar counts as started once running with its startup probe (if any) passed. */
function sidecarStarted(c: Container, cs: RuntimeContainerStatus, probes: ProbeView): boolean {
  if (cs.state !== 'CONTAINER_RUNNING') return false;
  return !c.startupProbe || probes.startup(cs.id) === 'success';
}

function probeKill(c: Container, cs: RuntimeContainerStatus, probes: ProbeView): ContainerToKill | undefined {
  if (probes.liveness(cs.id) === 'failure') {
    return { id: cs.id, name: c.name, container: c, message: `Container ${c.name} failed liveness probe`, reason: 'LivenessProbe' };
  }
  if (probes.startup(cs.id) === 'failure') {
    return { id: cs.id, name: c.name, container: c, message: `Container ${c.name} failed startup probe`, reason: 'StartupProbe' };
  }
  return undefined;
}

/** computeInitContainerActions: fills the init part of `actions`; returns whether initialization is complete. */
function computeInitActions(pod: Pod, rs: RuntimePodStatus, actions: PodActions, probes: ProbeView): boolean {
  const inits = pod.spec?.initContainers ?? [];
  const initializedBefore = anyRegularStarted(pod, rs);
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i]!;
    const sidecar = isRestartableInit(c);
    const cs = findContainerStatus(rs, c.name);
    if (!cs) {
      if (initializedBefore && !sidecar) continue;
      actions.initContainersToStart.push(i);
      if (sidecar && initializedBefore) continue;
      return false;
    }
    switch (cs.state) {
      case 'CONTAINER_CREATED':
        return false;
      case 'CONTAINER_RUNNING': {
        if (!sidecar) return false;
        const kill = probeKill(c, cs, probes);
        if (kill) {
          actions.containersToKill.push({ ...kill, message: `${kill.message}, will be restarted` });
          actions.initContainersToStart.push(i);
          if (!initializedBefore) return false;
          continue;
        }
        if (!initializedBefore && !sidecarStarted(c, cs, probes)) return false;
        continue;
      }
      case 'CONTAINER_EXITED':
        if (sidecar) {
          if (!pod.metadata.deletionTimestamp) actions.initContainersToStart.push(i);
          if (!initializedBefore) return false;
          continue;
        }
        if (cs.exitCode === 0) continue;
        if (initializedBefore) continue;
        if (!shouldRestartOnFailure(pod)) {
          actions.killPod = true;
          return false;
        }
        actions.initContainersToStart.push(i);
        return false;
      default:
        actions.containersToKill.push({
          id: cs.id,
          name: c.name,
          container: c,
          message: `Init container is in "${cs.state}" state, try killing it before restart`,
          reason: 'Unknown',
        });
        actions.initContainersToStart.push(i);
        return false;
    }
  }
  return true;
}

export function computePodActions(pod: Pod, rs: RuntimePodStatus, probes: ProbeView): PodActions {
  const sb = podSandboxChanged(pod, rs);
  const actions: PodActions = {
    killPod: sb.create,
    createSandbox: sb.create,
    attempt: sb.attempt,
    initContainersToStart: [],
    containersToStart: [],
    containersToKill: [],
  };
  if (sb.sandboxId !== undefined) actions.sandboxId = sb.sandboxId;
  const containers = pod.spec?.containers ?? [];
  const inits = pod.spec?.initContainers ?? [];

  if (sb.create) {
    // A pod that must not restart and already ran: do not bring it back, just make sure it is stopped.
    if (!shouldRestartOnFailure(pod) && sb.attempt !== 0 && rs.containers.length !== 0) {
      actions.createSandbox = false;
      return actions;
    }
    const toStart: number[] = [];
    containers.forEach((c, i) => {
      if (pod.spec?.restartPolicy === 'OnFailure' && containerSucceeded(c, rs)) return;
      toStart.push(i);
    });
    if (toStart.length === 0 && initContainersDone(pod, rs)) {
      actions.createSandbox = false;
      return actions;
    }
    if (inits.length > 0) {
      actions.initContainersToStart = [0];
      return actions;
    }
    actions.containersToStart = toStart;
    return actions;
  }

  const initialized = computeInitActions(pod, rs, actions, probes);
  if (actions.killPod || !initialized) return actions;

  let keep = 0;
  containers.forEach((c, i) => {
    const cs = findContainerStatus(rs, c.name);
    if (!cs || cs.state !== 'CONTAINER_RUNNING') {
      if (shouldContainerBeRestarted(c, pod, rs)) {
        actions.containersToStart.push(i);
        if (cs && cs.state === 'CONTAINER_UNKNOWN') {
          actions.containersToKill.push({
            id: cs.id,
            name: c.name,
            container: c,
            message: `Container is in "${cs.state}" state, try killing it before restart`,
            reason: 'Unknown',
          });
        }
      }
      return;
    }
    let restart = shouldRestartOnFailure(pod);
    let kill: ContainerToKill | undefined;
    if (cs.hash !== '' && cs.hash !== hashContainer(c)) {
      kill = { id: cs.id, name: c.name, container: c, message: `Container ${c.name} definition changed`, reason: '' };
      restart = true;
    } else {
      kill = probeKill(c, cs, probes);
    }
    if (!kill) {
      keep++;
      return;
    }
    if (restart) {
      kill.message = `${kill.message}, will be restarted`;
      actions.containersToStart.push(i);
    }
    actions.containersToKill.push(kill);
  });

  if (keep === 0 && actions.containersToStart.length === 0) {
    actions.killPod = true;
    // Sidecars must not keep a finished pod alive.
    actions.initContainersToStart = [];
  }
  return actions;
}
