/**
 * Finding or creating the Deployment's new ReplicaSet and keeping revisions in order
 * (kubernetes sync.go getAllReplicaSetsAndSyncRevision / getNewReplicaSet).
 *
 * - The new ReplicaSet is the oldest one whose template equals the Deployment's (hash label ignored). When it exists
 *   its annotations are synced (the Deployment's annotations, revision = max(old revisions) + 1 if higher — so a
 *   ReplicaSet brought back by `rollout undo` takes the next revision and keeps the old one in revision-history) and
 *   its minReadySeconds follows the Deployment; the Deployment's revision annotation follows the ReplicaSet's.
 * - Otherwise (when asked to) it is created as `<deployment>-<pod-template-hash>` with the hash label on its selector,
 *   labels and template, a controller reference to the Deployment, and the size NewRSNewReplicas allows. A name taken
 *   by a ReplicaSet that is not ours with our template is a hash collision: status.collisionCount is bumped (changing
 *   the hash) and the sync fails so it is retried.
 */
import type { Deployment, LabelSelector, ReplicaSet } from '../../api/index.js';
import { isAlreadyExists } from '../../machinery/index.js';
import { getControllerOf, newControllerRef } from '../shared/controller-ref.js';
import { errorMessage } from '../shared/errors.js';
import { NAMESPACE_TERMINATING_CAUSE, hasStatusCause } from '../shared/replicasets.js';
import { DEPLOYMENT_KIND, recordEvent, replaceByUid, type DeploymentDeps } from './deps.js';
import { writeDeploymentStatus } from './status.js';
import { REVISION_ANNOTATION, maxRevision, setDeploymentRevision, setNewReplicaSetAnnotations } from './util/annotations.js';
import { DEPLOYMENT_PROGRESSING, REASON, getDeploymentCondition, hasProgressDeadline, newDeploymentCondition, setDeploymentCondition } from './util/conditions.js';
import { POD_TEMPLATE_HASH_LABEL, computeHash, equalIgnoreHash } from './util/hash.js';
import { findNewReplicaSet, findOldReplicaSets } from './util/lookup.js';
import { maxSurge, newRSNewReplicas } from './util/replicas.js';

/** CloneSelectorAndAddLabel. */
function selectorWithHash(selector: Readonly<LabelSelector> | undefined, hash: string): LabelSelector {
  const s = structuredClone(selector ?? {}) as LabelSelector;
  s.matchLabels = { ...s.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
  return s;
}

async function syncExistingNewRS(deps: DeploymentDeps, d: Deployment, existing: Readonly<ReplicaSet>, newRevision: string): Promise<Readonly<ReplicaSet>> {
  const rs = structuredClone(existing) as ReplicaSet;
  const annotationsUpdated = setNewReplicaSetAnnotations(d, rs, { newRevision, exists: true, maxSurge: maxSurge(d) });
  const minReady = d.spec?.minReadySeconds ?? 0;
  if (annotationsUpdated || (rs.spec?.minReadySeconds ?? 0) !== minReady) {
    rs.spec = { ...rs.spec!, minReadySeconds: minReady };
    return deps.rsClient.update(rs);
  }
  let needsUpdate = setDeploymentRevision(d, rs.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
  if (hasProgressDeadline(d) && !getDeploymentCondition(d.status, DEPLOYMENT_PROGRESSING)) {
    d.status ??= {};
    const msg = `Found new replica set "${rs.metadata.name ?? ''}"`;
    setDeploymentCondition(d.status, newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'True', REASON.FoundNewRS, msg, deps.clock.now()));
    needsUpdate = true;
  }
  if (needsUpdate) await writeDeploymentStatus(deps, d);
  return existing;
}

/** The new ReplicaSet (created when `create` and it does not exist), or undefined. */
export async function getNewReplicaSet(
  deps: DeploymentDeps,
  d: Deployment,
  rsList: readonly Readonly<ReplicaSet>[],
  oldRSs: readonly Readonly<ReplicaSet>[],
  create: boolean,
): Promise<Readonly<ReplicaSet> | undefined> {
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = String(maxRevision(oldRSs) + 1);
  if (existing) return syncExistingNewRS(deps, d, existing, newRevision);
  if (!create) return undefined;

  const ns = d.metadata.namespace ?? '';
  const template = structuredClone(d.spec?.template ?? {});
  const hash = computeHash(template, d.status?.collisionCount);
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash } };
  const minReady = d.spec?.minReadySeconds ?? 0;
  const newRS: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name ?? ''}-${hash}`,
      namespace: ns,
      ownerReferences: [newControllerRef(d, DEPLOYMENT_KIND)],
      labels: { ...template.metadata.labels },
    },
    spec: { replicas: 0, ...(minReady ? { minReadySeconds: minReady } : {}), selector: selectorWithHash(d.spec?.selector, hash), template },
  };
  const replicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec!.replicas = replicas;
  setNewReplicaSetAnnotations(d, newRS, { newRevision, exists: false, maxSurge: maxSurge(d) });

  let created: Readonly<ReplicaSet>;
  let alreadyExists = false;
  try {
    created = await deps.rsClient.create(newRS);
  } catch (err) {
    if (isAlreadyExists(err)) {
      alreadyExists = true;
      const key = { namespace: ns, name: newRS.metadata.name! };
      const found = deps.rsLister.get(key) ?? (await deps.rsClient.get(key));
      const ref = getControllerOf(found);
      if (ref && ref.uid === d.metadata.uid && equalIgnoreHash(d.spec?.template, found.spec?.template)) {
        created = found;
      } else {
        // A hash collision: bump collisionCount (a new hash next time) and fail this sync so it is retried.
        d.status = { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 };
        await writeDeploymentStatus(deps, d);
        throw err;
      }
    } else if (hasStatusCause(err, NAMESPACE_TERMINATING_CAUSE)) {
      throw err;
    } else {
      const msg = `Failed to create new replica set "${newRS.metadata.name}": ${errorMessage(err)}`;
      if (hasProgressDeadline(d)) {
        d.status ??= {};
        setDeploymentCondition(d.status, newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'False', REASON.FailedRSCreate, msg, deps.clock.now()));
        // As in Kubernetes, the create error is what the caller sees (and retries); a status write that fails here
        // is redone by the retried sync, so its error is deliberately not reported.
        await writeDeploymentStatus(deps, d).catch(() => undefined);
      }
      recordEvent(deps, d, 'Warning', REASON.FailedRSCreate, msg);
      throw err;
    }
  }
  if (!alreadyExists && replicas > 0) {
    recordEvent(deps, d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name ?? ''} from 0 to ${replicas}`);
  }
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExists && hasProgressDeadline(d)) {
    d.status ??= {};
    const msg = `Created new replica set "${created.metadata.name ?? ''}"`;
    setDeploymentCondition(d.status, newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'True', REASON.NewReplicaSet, msg, deps.clock.now()));
    needsUpdate = true;
  }
  if (needsUpdate) await writeDeploymentStatus(deps, d);
  return created;
}

/**
 * getAllReplicaSetsAndSyncRevision: the new ReplicaSet (see getNewReplicaSet) and every old one. `rsList` is the
 * claimed list of this sync; a ReplicaSet rewritten here replaces its stale copy in it.
 */
export async function getAllReplicaSetsAndSyncRevision(
  deps: DeploymentDeps,
  d: Deployment,
  rsList: Readonly<ReplicaSet>[],
  create: boolean,
): Promise<{ newRS: Readonly<ReplicaSet> | undefined; oldRSs: Readonly<ReplicaSet>[] }> {
  const { allOld } = findOldReplicaSets(d, rsList);
  const newRS = await getNewReplicaSet(deps, d, rsList, allOld, create);
  if (newRS) {
    if (rsList.some((rs) => rs.metadata.uid === newRS.metadata.uid)) replaceByUid(rsList, newRS);
    else rsList.push(newRS);
  }
  return { newRS, oldRSs: allOld };
}
