/** Toleration matching (core/v1 toleration.go, v1helper.FindMatchingUntoleratedTaint). */
import type { Taint, Toleration } from '../../../api/index.js';

/** Toleration.ToleratesTaint: effect and key must match when set; `Exists` ignores the value, `Equal`/'' compares it. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  if (!tolerations) return false;
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** The first taint passing `filter` that no toleration tolerates. */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[],
  opts: { tolerations: readonly Toleration[] | undefined; filter: (t: Taint) => boolean },
): Taint | undefined {
  for (const taint of taints) {
    if (!opts.filter(taint)) continue;
    if (!tolerationsTolerateTaint(opts.tolerations, taint)) return taint;
  }
  return undefined;
}

/** DoNotScheduleTaintsFilterFunc: NoSchedule and NoExecute taints. */
export function doNotScheduleTaint(t: Taint): boolean {
  return t.effect === 'NoSchedule' || t.effect === 'NoExecute';
}
