/**
 * The pod conditions the kubelet owns (kubernetes pkg/kubelet/status/generate.go): PodReadyToStartContainers,
 * Initialized, Ready, ContainersReady and PodScheduled. Transition times are filled in by the status manager.
 */
import type { ContainerStatus, Pod, PodCondition, PodPhase } from '../../api/index.js';

export const KUBELET_CONDITION_TYPES: ReadonlySet<string> = new Set([
  'PodScheduled',
  'Ready',
  'Initialized',
  'ContainersReady',
  'PodReadyToStartContainers',
]);

/** fmt's %s of a []string: `[a b]`. */
function goList(names: readonly string[]): string {
  return `[${names.join(' ')}]`;
}

function find(statuses: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  return statuses.find((s) => s.name === name);
}

function terminalCondition(type: string, phase: PodPhase): PodCondition {
  return { type, status: 'False', reason: phase === 'Failed' ? 'PodFailed' : 'PodCompleted' };
}

/** GenerateContainersReadyCondition. `statuses` holds init and regular container statuses. */
export function containersReadyCondition(pod: Pod, statuses: readonly ContainerStatus[], phase: PodPhase): PodCondition {
  const unknown: string[] = [];
  const unready: string[] = [];
  const check = (name: string) => {
    const s = find(statuses, name);
    if (!s) unknown.push(name);
    else if (!s.ready) unready.push(name);
  };
  for (const c of pod.spec?.initContainers ?? []) if (c.restartPolicy === 'Always') check(c.name);
  for (const c of pod.spec?.containers ?? []) check(c.name);
  if ((phase === 'Succeeded' && unknown.length === 0) || phase === 'Failed') {
    return terminalCondition('ContainersReady', phase);
  }
  const msgs: string[] = [];
  if (unknown.length > 0) msgs.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length > 0) msgs.push(`containers with unready status: ${goList(unready)}`);
  if (msgs.length > 0) return { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: msgs.join(', ') };
  return { type: 'ContainersReady', status: 'True' };
}

/** GeneratePodReadyCondition: ContainersReady plus the pod's readiness gates. */
export function podReadyCondition(
  pod: Pod,
  conditions: readonly PodCondition[],
  statuses: readonly ContainerStatus[],
  phase: PodPhase,
): PodCondition {
  const cr = containersReadyCondition(pod, statuses, phase);
  if (cr.status !== 'True') {
    const c: PodCondition = { type: 'Ready', status: cr.status };
    if (cr.reason !== undefined) c.reason = cr.reason;
    if (cr.message !== undefined) c.message = cr.message;
    return c;
  }
  const msgs: string[] = [];
  for (const gate of pod.spec?.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === gate.conditionType);
    if (!c) msgs.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') {
      msgs.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
    }
  }
  if (msgs.length > 0) return { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: msgs.join(', ') };
  return { type: 'Ready', status: 'True' };
}

/** GeneratePodInitializedCondition. */
export function initializedCondition(pod: Pod, statuses: readonly ContainerStatus[], phase: PodPhase): PodCondition {
  const inits = pod.spec?.initContainers ?? [];
  if (inits.length === 0) return { type: 'Initialized', status: 'True' };
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of inits) {
    const s = find(statuses, c.name);
    if (!s) {
      unknown.push(c.name);
      continue;
    }
    const done = c.restartPolicy === 'Always' ? s.started === true : s.ready;
    if (!done) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  const regularStarted = (pod.spec?.containers ?? []).some((c) => {
    const s = find(statuses, c.name);
    return s !== undefined && (s.state?.running !== undefined || s.state?.terminated !== undefined);
  });
  if (regularStarted) return { type: 'Initialized', status: 'True' };
  const msgs: string[] = [];
  if (unknown.length > 0) msgs.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length > 0) msgs.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (msgs.length > 0) {
    return { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: msgs.join(', ') };
  }
  return { type: 'Initialized', status: 'True' };
}

/** GeneratePodReadyToStartContainersCondition: True once a sandbox with its network exists. */
export function readyToStartContainersCondition(sandboxReady: boolean): PodCondition {
  return { type: 'PodReadyToStartContainers', status: sandboxReady ? 'True' : 'False' };
}
