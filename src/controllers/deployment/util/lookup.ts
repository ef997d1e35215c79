/**
 * Which of a Deployment's ReplicaSets is "new" (its template equals the Deployment's) and which are old
 * (deploymentutil.FindNewReplicaSet / FindOldReplicaSets), plus the revision ordering cleanup uses.
 */
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../../../api/index.js';
import { compareByCreationTimestamp, sortByCreationTimestamp, specReplicas } from '../../shared/replicasets.js';
import { revisionOf } from './annotations.js';
import { POD_TEMPLATE_HASH_LABEL, equalIgnoreHash } from './hash.js';

/** The oldest ReplicaSet whose template equals the Deployment's (ignoring the hash label), if any. */
export function findNewReplicaSet<R extends Readonly<ReplicaSet>>(d: Readonly<Deployment>, rsList: readonly R[]): R | undefined {
  return sortByCreationTimestamp(rsList).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** `old`: old ReplicaSets with replicas; `allOld`: every ReplicaSet but the new one. */
export function findOldReplicaSets<R extends Readonly<ReplicaSet>>(d: Readonly<Deployment>, rsList: readonly R[]): { old: R[]; allOld: R[] } {
  const newRS = findNewReplicaSet(d, rsList);
  const allOld = rsList.filter((rs) => !newRS || rs.metadata.uid !== newRS.metadata.uid);
  return { old: allOld.filter((rs) => specReplicas(rs) !== 0), allOld };
}

/** SetFromReplicaSetTemplate: the Deployment takes the template (without the hash label). */
export function setFromReplicaSetTemplate(d: Deployment, template: Readonly<PodTemplateSpec> | undefined): void {
  const t = structuredClone(template ?? {}) as PodTemplateSpec;
  if (t.metadata?.labels) delete t.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  d.spec = { ...d.spec!, template: t };
}

/** ReplicaSetsByRevision: ascending revision; unparseable or equal revisions by creation time. */
export function sortByRevision<R extends Readonly<ReplicaSet>>(rss: readonly R[]): R[] {
  return [...rss].sort((a, b) => {
    const ra = revisionOf(a);
    const rb = revisionOf(b);
    if (ra === undefined || rb === undefined || ra === rb) return compareByCreationTimestamp(a, b);
    return ra - rb;
  });
}
