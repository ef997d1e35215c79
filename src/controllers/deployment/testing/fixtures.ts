/**
 * Fixtures for deployment tests, shaped like kubernetes' deployment test helpers: `newDeployment(name, replicas,
 * {maxSurge, maxUnavailable, ...})` (RollingUpdate, maxSurge/maxUnavailable 0 unless given, like Kubernetes'
 * newDeployment) and `rs(name, replicas, {createdAt, available, ...})`.
 */
import type { Deployment, IntOrString, ReplicaSet } from '../../../api/index.js';
import { setReplicasAnnotations } from '../util/annotations.js';

export const T_NEW = Date.UTC(2016, 4, 20, 2);
export const T_OLD = Date.UTC(2016, 4, 20, 1);
export const T_OLDER = Date.UTC(2016, 4, 20, 0);

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function newDeployment(
  name: string,
  replicas: number,
  o: { maxSurge?: IntOrString; maxUnavailable?: IntOrString; strategy?: 'RollingUpdate' | 'Recreate'; revisionHistoryLimit?: number; generation?: number } = {},
): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, generation: o.generation ?? 1, annotations: {} },
    spec: {
      replicas,
      selector: { matchLabels: { foo: 'bar' } },
      template: { metadata: { labels: { foo: 'bar' } }, spec: { containers: [{ name: 'c', image: 'img' }] } },
      strategy:
        o.strategy === 'Recreate'
          ? { type: 'Recreate' }
          : { type: 'RollingUpdate', rollingUpdate: { maxSurge: o.maxSurge ?? 0, maxUnavailable: o.maxUnavailable ?? 0 } },
      ...(o.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: o.revisionHistoryLimit } : {}),
    },
  };
}

export function rs(name: string, replicas: number, o: { createdAt?: number; available?: number; statusReplicas?: number; revision?: number; uid?: string } = {}): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      uid: o.uid ?? `uid-${name}`,
      creationTimestamp: iso(o.createdAt ?? T_NEW),
      annotations: o.revision !== undefined ? { 'deployment.kubernetes.io/revision': String(o.revision) } : {},
    },
    spec: { replicas, selector: { matchLabels: { foo: 'bar' } }, template: { metadata: { labels: { foo: 'bar' } } } },
    status: { replicas: o.statusReplicas ?? replicas, availableReplicas: o.available ?? 0 },
  };
}

/** Annotates `r` as sized by a deployment of `desired` replicas and `surge` surge (SetReplicasAnnotations). */
export function sizedFor(r: ReplicaSet, desired: number, surge = 0): ReplicaSet {
  setReplicasAnnotations(r, desired, desired + surge);
  return r;
}
