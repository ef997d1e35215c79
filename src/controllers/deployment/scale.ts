/**
 * Resizing ReplicaSets (kubernetes sync.go scale / scaleReplicaSet / scaleReplicaSetAndRecordEvent).
 *
 * `scale` handles scaling events (spec.replicas changed) and paused deployments: the single active ReplicaSet takes
 * the whole size; a saturated new ReplicaSet makes every old one go to 0; otherwise, for RollingUpdate, the
 * difference between spec.replicas + maxSurge and the current total is spread over the active ReplicaSets in
 * proportion to their size (larger first; newer first when adding, older first when removing), leftovers going to the
 * largest. Every size change is an UPDATE of the ReplicaSet that also refreshes its desired-/max-replicas
 * annotations, and is recorded as ScalingReplicaSet "Scaled <up|down> replica set <name> from <old> to <new>".
 */
import type { Deployment, ReplicaSet } from '../../api/index.js';
import { filterActiveReplicaSets, sortBySizeNewer, sortBySizeOlder, specReplicas } from '../shared/replicasets.js';
import { recordEvent, type DeploymentDeps } from './deps.js';
import { replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './util/annotations.js';
import { deploymentReplicas, findActiveOrLatest, getProportion, isRollingUpdate, isSaturated, maxSurge, replicaCount } from './util/replicas.js';

export type ScalingOperation = 'up' | 'down' | '';

/** The write behind every size change; an interface so the arithmetic can be tested without a server. */
export interface ReplicaSetScaler {
  /** Sets `rs` to `newScale` (and syncs its replicas annotations); `scaled` is true when the size changed. */
  scaleReplicaSet(rs: Readonly<ReplicaSet>, newScale: number, d: Readonly<Deployment>, op: ScalingOperation): Promise<{ scaled: boolean; rs: Readonly<ReplicaSet> }>;
}

/** The scaler that writes through the API and records ScalingReplicaSet events. */
export function apiScaler(deps: DeploymentDeps): ReplicaSetScaler {
  return {
    async scaleReplicaSet(rs, newScale, d, op) {
      const replicas = deploymentReplicas(d);
      const max = replicas + maxSurge(d);
      const oldScale = specReplicas(rs);
      const sizeNeedsUpdate = oldScale !== newScale;
      if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, replicas, max)) return { scaled: false, rs };
      const copy = structuredClone(rs) as ReplicaSet;
      copy.spec = { ...copy.spec!, replicas: newScale };
      setReplicasAnnotations(copy, replicas, max);
      const updated = await deps.rsClient.update(copy);
      if (sizeNeedsUpdate) {
        recordEvent(deps, d, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${updated.metadata.name ?? ''} from ${oldScale} to ${newScale}`);
      }
      return { scaled: sizeNeedsUpdate, rs: updated };
    },
  };
}

/** scaleReplicaSetAndRecordEvent: no-op when the size is already right. */
export async function scaleReplicaSetAndRecordEvent(
  scaler: ReplicaSetScaler,
  rs: Readonly<ReplicaSet>,
  newScale: number,
  d: Readonly<Deployment>,
): Promise<{ scaled: boolean; rs: Readonly<ReplicaSet> }> {
  const cur = specReplicas(rs);
  if (cur === newScale) return { scaled: false, rs };
  return scaler.scaleReplicaSet(rs, newScale, d, cur < newScale ? 'up' : 'down');
}

/** The proportional sizes of a scaling event (the heart of `scale`), by ReplicaSet name. Pure. */
export function proportionalSizes(d: Readonly<Deployment>, active: readonly Readonly<ReplicaSet>[]): { order: Readonly<ReplicaSet>[]; sizes: Map<string, number>; op: ScalingOperation } {
  const total = replicaCount(active);
  const replicas = deploymentReplicas(d);
  const allowed = replicas > 0 ? replicas + maxSurge(d) : 0;
  const toAdd = allowed - total;
  let order: Readonly<ReplicaSet>[] = [...active];
  let op: ScalingOperation = '';
  if (toAdd > 0) {
    order = sortBySizeNewer(active);
    op = 'up';
  } else if (toAdd < 0) {
    order = sortBySizeOlder(active);
    op = 'down';
  }
  const sizes = new Map<string, number>();
  let added = 0;
  for (const rs of order) {
    if (toAdd !== 0) {
      const p = getProportion(rs, d, toAdd, added);
      sizes.set(rs.metadata.name ?? '', specReplicas(rs) + p);
      added += p;
    } else sizes.set(rs.metadata.name ?? '', specReplicas(rs));
  }
  const first = order[0];
  if (first && toAdd !== 0) {
    const name = first.metadata.name ?? '';
    sizes.set(name, Math.max(0, sizes.get(name)! + toAdd - added));
  }
  return { order, sizes, op };
}

/** scale: see the module comment. Stops at the first failed write (the sync is retried). */
export async function scale(scaler: ReplicaSetScaler, d: Readonly<Deployment>, newRS: Readonly<ReplicaSet> | undefined, oldRSs: readonly Readonly<ReplicaSet>[]): Promise<void> {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (specReplicas(activeOrLatest) === deploymentReplicas(d)) return;
    await scaleReplicaSetAndRecordEvent(scaler, activeOrLatest, deploymentReplicas(d), d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of filterActiveReplicaSets(oldRSs)) await scaleReplicaSetAndRecordEvent(scaler, old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const { order, sizes, op } = proportionalSizes(d, filterActiveReplicaSets([...oldRSs, newRS]));
  for (const rs of order) await scaler.scaleReplicaSet(rs, sizes.get(rs.metadata.name ?? '')!, d, op);
}
