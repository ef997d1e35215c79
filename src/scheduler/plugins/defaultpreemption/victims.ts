/**
 * Victim selection and candidate choice for DefaultPreemption (defaultpreemption/default_preemption.go,
 * preemption/preemption.go). PodDisruptionBudgets are not modelled: every victim counts as non-violating.
 */
import type { Pod } from '../../../api/index.js';
import type { CycleState, Handle } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status, isSuccess } from '../../framework/status.js';

export const ErrNoVictims = 'No preemption victims found for incoming pod';

/** A node where preempting `victims` (most important first) lets the pod fit. */
export interface Candidate {
  readonly nodeName: string;
  readonly victims: readonly PodInfo[];
  readonly numPDBViolations: number;
}

/** GetPodStartTime: status.startTime, or `now` for a pod not started yet. */
export function podStartTime(pod: Pod, now: number): number {
  const t = pod.status?.startTime;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? now : ms;
}

/** MoreImportantPod: higher priority first, then the one that started earlier. */
export function moreImportantPod(a: PodInfo, b: PodInfo, opts: { now: number }): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return podStartTime(a.pod, opts.now) < podStartTime(b.pod, opts.now);
}

/**
 * SelectVictimsOnNode: removes every lower-priority pod from (a copy of) the node; if the pod then fits, adds them
 * back most important first, keeping each one that still lets the pod fit. The rest are the victims, most important
 * first. `node` and `state` are mutated: pass copies.
 */
export function selectVictimsOnNode(
  handle: Handle,
  target: { state: CycleState; node: NodeInfo },
): { victims: PodInfo[]; numPDBViolations: number; status: Status | null } {
  const { state, node } = target;
  const preemptor = state.pod;
  const potential = node.pods.filter((p) => p.priority < preemptor.priority);
  for (const p of potential) {
    node.removePod(p.key);
    const s = handle.runPreFilterExtensionRemovePod(state, { pod: p, node });
    if (!isSuccess(s)) return { victims: [], numPDBViolations: 0, status: s };
  }
  if (potential.length === 0) return { victims: [], numPDBViolations: 0, status: Status.unresolvable(ErrNoVictims) };
  const fits = handle.runFilterPluginsWithNominatedPods(state, node);
  if (!isSuccess(fits)) return { victims: [], numPDBViolations: 0, status: fits };
  const now = handle.clock.now();
  potential.sort((a, b) => (moreImportantPod(a, b, { now }) ? -1 : moreImportantPod(b, a, { now }) ? 1 : 0));
  const victims: PodInfo[] = [];
  for (const p of potential) {
    node.addPod(p);
    const added = handle.runPreFilterExtensionAddPod(state, { pod: p, node });
    if (!isSuccess(added)) return { victims: [], numPDBViolations: 0, status: added };
    if (isSuccess(handle.runFilterPluginsWithNominatedPods(state, node))) continue;
    node.removePod(p.key);
    const removed = handle.runPreFilterExtensionRemovePod(state, { pod: p, node });
    if (!isSuccess(removed)) return { victims: [], numPDBViolations: 0, status: removed };
    victims.push(p);
  }
  return { victims, numPDBViolations: 0, status: null };
}

/**
 * pickOneNodeForPreemption: fewest PDB violations, then the lowest highest-priority victim, then the smallest sum of
 * priorities, then the fewest victims, then the latest start time among the highest-priority victims; ties keep the
 * first candidate.
 */
export function pickOneNodeForPreemption(candidates: readonly Candidate[], now: number): Candidate | undefined {
  if (candidates.length === 0) return undefined;
  const earliestStartOfTopPriority = (c: Candidate) => {
    const top = c.victims[0]!.priority;
    let earliest = Number.POSITIVE_INFINITY;
    for (const v of c.victims) if (v.priority === top) earliest = Math.min(earliest, podStartTime(v.pod, now));
    return earliest;
  };
  const scoreFuncs: ((c: Candidate) => number)[] = [
    (c) => -c.numPDBViolations,
    (c) => -c.victims[0]!.priority,
    (c) => -c.victims.reduce((sum, v) => sum + v.priority + 2 ** 31, 0),
    (c) => -c.victims.length,
    earliestStartOfTopPriority,
  ];
  let pool = candidates.slice();
  for (const f of scoreFuncs) {
    let best = Number.NEGATIVE_INFINITY;
    let selected: Candidate[] = [];
    for (const c of pool) {
      const s = f(c);
      if (s > best) {
        best = s;
        selected = [c];
      } else if (s === best) {
        selected.push(c);
      }
    }
    if (selected.length === 1) return selected[0];
    pool = selected;
  }
  return pool[0];
}
