/**
 * Rollback through the deprecated `deprecated.deployment.rollback.to` annotation (kubernetes rollback.go; what an
 * extensions/v1beta1 `spec.rollbackTo` becomes). Revision 0 means the previous revision. The Deployment takes the
 * template (hash label removed) and annotations of the ReplicaSet with that revision, the annotation is cleared, and
 * the next sync rolls out as for any template change — reusing that ReplicaSet, which then takes the next revision.
 * `kubectl rollout undo` does not use this: it patches spec.template itself, which the ordinary rollout handles.
 */
import type { Deployment, ReplicaSet } from '../../api/index.js';
import { recordEvent, type DeploymentDeps } from './deps.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replicaset.js';
import { DEPRECATED_ROLLBACK_TO_ANNOTATION, lastRevision, revisionOf, setDeploymentAnnotationsTo } from './util/annotations.js';
import { REASON } from './util/conditions.js';
import { equalIgnoreHash } from './util/hash.js';
import { setFromReplicaSetTemplate } from './util/lookup.js';

/** getRollbackTo: the requested revision, or undefined when no (valid) rollback is pending. */
export function getRollbackTo(d: Readonly<Deployment>): number | undefined {
  const v = d.metadata.annotations?.[DEPRECATED_ROLLBACK_TO_ANNOTATION];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

async function updateDeploymentAndClearRollbackTo(deps: DeploymentDeps, d: Deployment): Promise<void> {
  if (d.metadata.annotations) delete d.metadata.annotations[DEPRECATED_ROLLBACK_TO_ANNOTATION];
  const stored = await deps.dClient.update(d);
  d.metadata.resourceVersion = stored.metadata.resourceVersion;
}

/** rollback: see the module comment. */
export async function rollback(deps: DeploymentDeps, d: Deployment, rsList: Readonly<ReplicaSet>[]): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(deps, d, rsList, true);
  const allRSs = newRS ? [...oldRSs, newRS] : oldRSs;
  let target = getRollbackTo(d) ?? 0;
  if (target === 0) {
    target = lastRevision(allRSs);
    if (target === 0) {
      recordEvent(deps, d, 'Warning', REASON.RollbackRevisionNotFound, 'Unable to find last revision.');
      return updateDeploymentAndClearRollbackTo(deps, d);
    }
  }
  const rs = allRSs.find((r) => revisionOf(r) === target);
  if (!rs) {
    recordEvent(deps, d, 'Warning', REASON.RollbackRevisionNotFound, 'Unable to find the revision to rollback to.');
    return updateDeploymentAndClearRollbackTo(deps, d);
  }
  if (equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
    recordEvent(deps, d, 'Warning', REASON.RollbackTemplateUnchanged, `The rollback revision contains the same template as current deployment "${d.metadata.name ?? ''}"`);
    return updateDeploymentAndClearRollbackTo(deps, d);
  }
  setFromReplicaSetTemplate(d, rs.spec?.template);
  setDeploymentAnnotationsTo(d, rs);
  await updateDeploymentAndClearRollbackTo(deps, d);
  recordEvent(deps, d, 'Normal', REASON.RollbackDone, `Rolled back deployment "${d.metadata.name ?? ''}" to revision ${target}`);
}
