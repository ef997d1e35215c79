/**
 * Storage keys, laid out as kube-apiserver lays them out in etcd: `/registry/<resource>/<namespace>/<name>` for
 * namespaced resources and `/registry/<resource>/<name>` for cluster-scoped ones. Resources of non-core groups that
 * share a plural with another group are prefixed with the group (`/registry/events.k8s.io/...` is not needed: both
 * event APIs share one storage, as in Kubernetes).
 */

export interface KeySpace {
  /** Storage segment for the resource, e.g. `pods`, `deployments`. */
  readonly storageResource: string;
  readonly namespaced: boolean;
}

const ROOT = '/registry/';

export function resourcePrefix(ks: KeySpace): string {
  return `${ROOT}${ks.storageResource}/`;
}

/** Prefix under which one namespace's objects live (all namespaces when `namespace` is empty). */
export function listPrefix(ks: KeySpace, namespace: string): string {
  if (!ks.namespaced || !namespace) return resourcePrefix(ks);
  return `${ROOT}${ks.storageResource}/${namespace}/`;
}

export function objectStorageKey(ks: KeySpace, namespace: string, name: string): string {
  return ks.namespaced ? `${ROOT}${ks.storageResource}/${namespace}/${name}` : `${ROOT}${ks.storageResource}/${name}`;
}

/** Inverse of objectStorageKey for keys under the resource prefix. */
export function parseStorageKey(ks: KeySpace, key: string): { namespace: string; name: string } {
  const rest = key.slice(resourcePrefix(ks).length);
  if (!ks.namespaced) return { namespace: '', name: rest };
  const slash = rest.indexOf('/');
  return { namespace: rest.slice(0, slash), name: rest.slice(slash + 1) };
}
