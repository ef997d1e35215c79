/**
 * The taints the node lifecycle controller keeps on a node (doNoScheduleTaintingPass and processTaintBaseEviction),
 * and toleration matching (k8s.io/api core/v1 ToleratesTaint). Pure functions.
 */
import type { Node, Taint, TaintEffect, Toleration } from '../../api/index.js';
import { readyCondition, rfc3339 } from './health.js';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';

/** Condition type → status → NoSchedule taint key (nodeConditionToTaintKeyStatusMap). */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: TAINT_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_PID_PRESSURE },
};

const MANAGED_NO_SCHEDULE = new Set([...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)), TAINT_UNSCHEDULABLE]);
const MANAGED_NO_EXECUTE = new Set([TAINT_NOT_READY, TAINT_UNREACHABLE]);

const isManaged = (t: Taint) => (t.effect === 'NoSchedule' && MANAGED_NO_SCHEDULE.has(t.key)) || (t.effect === 'NoExecute' && MANAGED_NO_EXECUTE.has(t.key));

/** The controller-managed taints the node's conditions call for, as (key, effect) pairs. */
export function wantedTaints(node: Readonly<Node>): Array<{ key: string; effect: TaintEffect }> {
  const out: Array<{ key: string; effect: TaintEffect }> = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) out.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) out.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
  const ready = readyCondition(node);
  if (ready?.status === 'False') out.push({ key: TAINT_NOT_READY, effect: 'NoExecute' });
  if (ready?.status === 'Unknown') out.push({ key: TAINT_UNREACHABLE, effect: 'NoExecute' });
  return out;
}

/**
 * desiredNodeTaints: the node's taints with the managed ones brought in line with its conditions — taints nobody
 * manages here are kept as they are, a managed taint that stays keeps its timeAdded, a new one gets timeAdded = now.
 * Returns undefined when nothing changes.
 */
export function desiredNodeTaints(node: Readonly<Node>, now: number): Taint[] | undefined {
  const current = node.spec?.taints ?? [];
  const wanted = wantedTaints(node);
  const same = (a: { key: string; effect: string }, b: { key: string; effect: string }) => a.key === b.key && a.effect === b.effect;
  const kept = current.filter((t) => !isManaged(t) || wanted.some((w) => same(w, t)));
  const added: Taint[] = wanted.filter((w) => !current.some((t) => same(w, t))).map((w) => ({ key: w.key, effect: w.effect, timeAdded: rfc3339(now) }));
  if (kept.length === current.length && added.length === 0) return undefined;
  return [...kept, ...added];
}

/** ToleratesTaint: effect and key match when set; Exists ignores the value, Equal ('' too) compares it. */
export function toleratesTaint(t: Readonly<Toleration>, taint: Readonly<Taint>): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator ?? 'Equal';
  if (op === 'Exists') return true;
  if (op === 'Equal') return (t.value ?? '') === (taint.value ?? '');
  return false;
}
