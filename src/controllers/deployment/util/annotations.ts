/**
 * The annotations through which a Deployment and its ReplicaSets record rollout history and sizing
 * (kubernetes pkg/controller/deployment/util/deployment_util.go). Functions that take a mutable object change it in
 * place and report whether they changed anything; functions that take Readonly objects never mutate.
 */
import type { Deployment, ReplicaSet } from '../../../api/index.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
export const LAST_APPLIED_CONFIG_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
/** apps.DeprecatedRollbackTo: the revision an extensions/v1beta1 rollback asked for. */
export const DEPRECATED_ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';
/** Kubernetes' maxRevHistoryLengthInChars. */
export const MAX_REVISION_HISTORY_CHARS = 2000;

const SKIPPED = new Set([
  LAST_APPLIED_CONFIG_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  DEPRECATED_ROLLBACK_TO_ANNOTATION,
]);

/** Annotations never copied between a Deployment and its ReplicaSets. */
export function skipCopyAnnotation(key: string): boolean {
  return SKIPPED.has(key);
}

/** Parses a decimal int64-ish string as Go's strconv.ParseInt would accept it; undefined when it would fail. */
function parseIntStrict(v: string): number | undefined {
  return /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
}

/** deploymentutil.Revision: the revision annotation (0 when absent); undefined when it is not an integer. */
export function revisionOf(obj: { metadata: { annotations?: Record<string, string> } }): number | undefined {
  const v = obj.metadata.annotations?.[REVISION_ANNOTATION];
  return v === undefined ? 0 : parseIntStrict(v);
}

/** MaxRevision: the highest parseable revision (0 for none). */
export function maxRevision(rss: readonly Readonly<ReplicaSet>[]): number {
  let max = 0;
  for (const rs of rss) {
    const v = revisionOf(rs);
    if (v !== undefined && v > max) max = v;
  }
  return max;
}

/** LastRevision: the second-highest revision (the one before the current). */
export function lastRevision(rss: readonly Readonly<ReplicaSet>[]): number {
  let max = 0;
  let second = 0;
  for (const rs of rss) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (v >= max) {
      second = max;
      max = v;
    } else if (v > second) second = v;
  }
  return second;
}

/** SetDeploymentRevision. */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  d.metadata.annotations ??= {};
  if (d.metadata.annotations[REVISION_ANNOTATION] === revision) return false;
  d.metadata.annotations[REVISION_ANNOTATION] = revision;
  return true;
}

/** copyDeploymentAnnotationsToReplicaSet: every annotation but the skipped ones. */
export function copyDeploymentAnnotationsToReplicaSet(d: Readonly<Deployment>, rs: ReplicaSet): boolean {
  let changed = false;
  rs.metadata.annotations ??= {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (skipCopyAnnotation(k) || rs.metadata.annotations[k] === v) continue;
    rs.metadata.annotations[k] = v;
    changed = true;
  }
  return changed;
}

/** SetDeploymentAnnotationsTo: the deployment keeps its skipped annotations and takes every other one from `rs`. */
export function setDeploymentAnnotationsTo(d: Deployment, rs: Readonly<ReplicaSet>): void {
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (skipCopyAnnotation(k)) kept[k] = v;
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!skipCopyAnnotation(k)) kept[k] = v;
  d.metadata.annotations = kept;
}

/** SetReplicasAnnotations: desired-replicas and max-replicas. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  rs.metadata.annotations ??= {};
  let changed = false;
  if (rs.metadata.annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    rs.metadata.annotations[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (rs.metadata.annotations[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    rs.metadata.annotations[MAX_REPLICAS_ANNOTATION] = String(max);
    changed = true;
  }
  return changed;
}

/** ReplicasAnnotationsNeedUpdate. */
export function replicasAnnotationsNeedUpdate(rs: Readonly<ReplicaSet>, desired: number, max: number): boolean {
  const a = rs.metadata.annotations;
  return !a || a[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a[MAX_REPLICAS_ANNOTATION] !== String(max);
}

function intAnnotation(rs: Readonly<ReplicaSet>, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  return v === undefined ? undefined : parseIntStrict(v);
}

/** GetDesiredReplicasAnnotation. */
export function desiredReplicasAnnotation(rs: Readonly<ReplicaSet>): number | undefined {
  return intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
}

/** getMaxReplicasAnnotation. */
export function maxReplicasAnnotation(rs: Readonly<ReplicaSet>): number | undefined {
  return intAnnotation(rs, MAX_REPLICAS_ANNOTATION);
}

/**
 * SetNewReplicaSetAnnotations: copies the deployment's annotations, raises the revision to `newRevision` when it is
 * higher (moving the old revision into revision-history, trimmed to `historyLimitChars`), and for a ReplicaSet about
 * to be created (`exists` false) sets the replicas annotations. Returns whether `rs` changed.
 */
export function setNewReplicaSetAnnotations(
  d: Readonly<Deployment>,
  rs: ReplicaSet,
  options: { newRevision: string; exists: boolean; maxSurge: number; historyLimitChars?: number },
): boolean {
  let changed = copyDeploymentAnnotationsToReplicaSet(d, rs);
  const ann = (rs.metadata.annotations ??= {});
  const had = Object.hasOwn(ann, REVISION_ANNOTATION);
  const oldRevision = ann[REVISION_ANNOTATION] ?? '';
  let oldInt = parseIntStrict(oldRevision);
  if (oldInt === undefined) {
    if (oldRevision !== '') return false;
    oldInt = 0;
  }
  const newInt = parseIntStrict(options.newRevision);
  if (newInt === undefined) return false;
  if (oldInt < newInt) {
    ann[REVISION_ANNOTATION] = options.newRevision;
    changed = true;
    if (had) {
      const limit = options.historyLimitChars ?? MAX_REVISION_HISTORY_CHARS;
      const history = ann[REVISION_HISTORY_ANNOTATION] ?? '';
      const old = history.split(',');
      if (old[0] === '') ann[REVISION_HISTORY_ANNOTATION] = oldRevision;
      else {
        let total = history.length + oldRevision.length + 1;
        let start = 0;
        while (total > limit && start < old.length) total -= old[start++]!.length + 1;
        if (total <= limit) ann[REVISION_HISTORY_ANNOTATION] = [...old.slice(start), oldRevision].join(',');
      }
    }
  }
  const replicas = d.spec?.replicas ?? 1;
  if (!options.exists && setReplicasAnnotations(rs, replicas, replicas + options.maxSurge)) changed = true;
  return changed;
}
