/**
 * Rollout arithmetic (kubernetes pkg/controller/deployment/util/deployment_util.go): maxSurge / maxUnavailable
 * resolution, how far the new ReplicaSet may grow, and proportional shares during a scaling event. Pure functions.
 *
 * Rounding follows Kubernetes: a percentage maxSurge rounds up, a percentage maxUnavailable rounds down, and when
 * both resolve to 0 maxUnavailable becomes 1 (so a rollout can always make progress).
 */
import type { Deployment, ReplicaSet } from '../../../api/index.js';
import type { IntOrString } from '../../../api/index.js';
import { ControllerError } from '../../shared/errors.js';
import { compareByCreationTimestamp, filterActiveReplicaSets, specReplicas } from '../../shared/replicasets.js';
import { desiredReplicasAnnotation, maxReplicasAnnotation } from './annotations.js';

/** spec.replicas with the API default (1). */
export function deploymentReplicas(d: Readonly<Deployment>): number {
  return d.spec?.replicas ?? 1;
}

/** spec.strategy.type with the API default (RollingUpdate). */
export function strategyType(d: Readonly<Deployment>): string {
  return d.spec?.strategy?.type ?? 'RollingUpdate';
}

export function isRollingUpdate(d: Readonly<Deployment>): boolean {
  return strategyType(d) === 'RollingUpdate';
}

/** intstr.GetScaledValueFromIntOrPercent. Throws ControllerError('InvalidValue') for a string that is not `N%`. */
export function scaledValueFromIntOrPercent(v: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) throw new ControllerError('InvalidValue', 'nil value for IntOrString');
  if (typeof v === 'number') return Math.trunc(v);
  if (!v.endsWith('%')) throw new ControllerError('InvalidValue', 'invalid value for IntOrString: invalid type: string is not a percentage');
  const digits = v.slice(0, -1);
  if (!/^[+-]?\d+$/.test(digits)) throw new ControllerError('InvalidValue', `invalid value for IntOrString: invalid value ${JSON.stringify(v)}`);
  const scaled = (Number(digits) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** ResolveFenceposts: [surge, unavailable] for `desired` replicas (absent values count as 0). */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): [number, number] {
  const surge = scaledValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  let unavailable = scaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

function rollingParams(d: Readonly<Deployment>) {
  const ru = d.spec?.strategy?.rollingUpdate;
  return { maxSurge: ru?.maxSurge ?? '25%', maxUnavailable: ru?.maxUnavailable ?? '25%' };
}

/** MaxSurge: 0 unless RollingUpdate. */
export function maxSurge(d: Readonly<Deployment>): number {
  if (!isRollingUpdate(d)) return 0;
  const p = rollingParams(d);
  return resolveFenceposts(p.maxSurge, p.maxUnavailable, deploymentReplicas(d))[0];
}

/** MaxUnavailable: 0 unless RollingUpdate with replicas > 0; never more than spec.replicas. */
export function maxUnavailable(d: Readonly<Deployment>): number {
  const replicas = deploymentReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const p = rollingParams(d);
  return Math.min(resolveFenceposts(p.maxSurge, p.maxUnavailable, replicas)[1], replicas);
}

/** MinAvailable. */
export function minAvailable(d: Readonly<Deployment>): number {
  return isRollingUpdate(d) ? deploymentReplicas(d) - maxUnavailable(d) : 0;
}

const sum = (rss: ReadonlyArray<Readonly<ReplicaSet> | undefined>, f: (rs: Readonly<ReplicaSet>) => number) =>
  rss.reduce((n, rs) => n + (rs ? f(rs) : 0), 0);

/** GetReplicaCountForReplicaSets: Σ spec.replicas. */
export const replicaCount = (rss: ReadonlyArray<Readonly<ReplicaSet> | undefined>) => sum(rss, specReplicas);
/** GetActualReplicaCountForReplicaSets: Σ status.replicas. */
export const actualReplicaCount = (rss: ReadonlyArray<Readonly<ReplicaSet> | undefined>) => sum(rss, (rs) => rs.status?.replicas ?? 0);
/** GetReadyReplicaCountForReplicaSets. */
export const readyReplicaCount = (rss: ReadonlyArray<Readonly<ReplicaSet> | undefined>) => sum(rss, (rs) => rs.status?.readyReplicas ?? 0);
/** GetAvailableReplicaCountForReplicaSets. */
export const availableReplicaCount = (rss: ReadonlyArray<Readonly<ReplicaSet> | undefined>) => sum(rss, (rs) => rs.status?.availableReplicas ?? 0);

/**
 * NewRSNewReplicas: the size the new ReplicaSet should have now. RollingUpdate: grow toward spec.replicas without the
 * total exceeding spec.replicas + maxSurge. Recreate: spec.replicas.
 */
export function newRSNewReplicas(d: Readonly<Deployment>, allRSs: ReadonlyArray<Readonly<ReplicaSet> | undefined>, newRS: Readonly<ReplicaSet>): number {
  const replicas = deploymentReplicas(d);
  switch (strategyType(d)) {
    case 'RollingUpdate': {
      const surge = scaledValueFromIntOrPercent(rollingParams(d).maxSurge, replicas, true);
      const current = replicaCount(allRSs);
      const maxTotal = replicas + surge;
      if (current >= maxTotal) return specReplicas(newRS);
      const up = Math.min(maxTotal - current, replicas - specReplicas(newRS));
      return specReplicas(newRS) + up;
    }
    case 'Recreate':
      return replicas;
    default:
      throw new ControllerError('UnsupportedStrategy', `deployment type ${strategyType(d)} isn't supported`);
  }
}

/** IsSaturated: the ReplicaSet is sized, annotated and available at exactly spec.replicas. */
export function isSaturated(d: Readonly<Deployment>, rs: Readonly<ReplicaSet> | undefined): boolean {
  if (!rs) return false;
  const desired = desiredReplicasAnnotation(rs);
  if (desired === undefined) return false;
  const replicas = deploymentReplicas(d);
  return specReplicas(rs) === replicas && desired === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}

/** FindActiveOrLatest: the only active ReplicaSet, the newest one when none is active, undefined when several are. */
export function findActiveOrLatest(newRS: Readonly<ReplicaSet> | undefined, oldRSs: readonly Readonly<ReplicaSet>[]): Readonly<ReplicaSet> | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => compareByCreationTimestamp(b, a));
  const active = filterActiveReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** Go's math.Round: half away from zero. */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** getReplicaSetFraction: how many replicas `rs` gains (or loses) in a scaling event. */
export function replicaSetFraction(rs: Readonly<ReplicaSet>, d: Readonly<Deployment>): number {
  const replicas = deploymentReplicas(d);
  if (replicas === 0) return -specReplicas(rs);
  const dReplicas = replicas + maxSurge(d);
  const annotated = maxReplicasAnnotation(rs) ?? d.status?.replicas ?? 0;
  // Kubernetes never proportionally scales from zero; guard the division all the same.
  if (!(annotated > 0)) return 0;
  return goRound((specReplicas(rs) * dReplicas) / annotated) - specReplicas(rs);
}

/** GetProportion: `rs`'s share of `toAdd`, bounded so |added| never exceeds |toAdd|. */
export function getProportion(rs: Readonly<ReplicaSet> | undefined, d: Readonly<Deployment>, toAdd: number, added: number): number {
  if (!rs || specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}
