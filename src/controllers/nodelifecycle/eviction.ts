/**
 * Taint-based eviction decisions (pkg/controller/tainteviction processPodOnNode, as a pure function): when must a
 * pod on a node with NoExecute taints be deleted?
 *
 * Every NoExecute taint must be tolerated, or the pod goes at once. Each taint's matching toleration gives it
 * `tolerationSeconds` from the taint's timeAdded (or from when the controller first saw the taint); a toleration
 * without tolerationSeconds tolerates forever. The pod goes at the earliest of these deadlines.
 *
 * Default tolerations: Kubernetes' DefaultTolerationSeconds admission gives every pod that does not already tolerate
 * them `node.kubernetes.io/not-ready:NoExecute` and `node.kubernetes.io/unreachable:NoExecute` for 300 s. skiff's API
 * server does not add them (yet), so a pod that does not tolerate those taints is treated as if it had them.
 */
import type { Pod, Taint, Toleration } from '../../api/index.js';
import { TAINT_NOT_READY, TAINT_UNREACHABLE, toleratesTaint } from './taints.js';

export const DEFAULT_TOLERATION_SECONDS = 300;

export type EvictionDecision =
  /** No NoExecute taint, or all tolerated forever. */
  | { action: 'none' }
  /** Delete now (`at` ≤ now) or at `at` (ms). */
  | { action: 'evict'; at: number };

/** The pod's tolerations plus the DefaultTolerationSeconds ones it would have been given. */
export function effectiveTolerations(pod: Readonly<Pod>): Toleration[] {
  const tolerations = [...(pod.spec?.tolerations ?? [])];
  for (const key of [TAINT_NOT_READY, TAINT_UNREACHABLE]) {
    const taint: Taint = { key, effect: 'NoExecute' };
    if (!tolerations.some((t) => toleratesTaint(t, taint))) {
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
    }
  }
  return tolerations;
}

/**
 * tolerationDeadline: `taintSince(taint)` says since when the taint has been there (ms) — its timeAdded, or the
 * first observation.
 */
export function tolerationDeadline(pod: Readonly<Pod>, taints: readonly Readonly<Taint>[], options: { now: number; taintSince: (t: Readonly<Taint>) => number }): EvictionDecision {
  const noExecute = taints.filter((t) => t.effect === 'NoExecute');
  if (!noExecute.length) return { action: 'none' };
  const tolerations = effectiveTolerations(pod);
  let at = Infinity;
  for (const taint of noExecute) {
    const used = tolerations.find((t) => toleratesTaint(t, taint));
    if (!used) return { action: 'evict', at: options.now };
    if (used.tolerationSeconds === undefined || used.tolerationSeconds === null) continue;
    const seconds = Math.max(0, used.tolerationSeconds);
    at = Math.min(at, options.taintSince(taint) + seconds * 1000);
  }
  return at === Infinity ? { action: 'none' } : { action: 'evict', at };
}
