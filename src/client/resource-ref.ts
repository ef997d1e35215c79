/**
 * ResourceRef addresses one REST resource, and `resourcePath` is the only place in the client that builds URL paths:
 *   core group:   /api/v1[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]
 *   named groups: /apis/{group}/{version}[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]
 * A namespaced resource addressed without a namespace means "across all namespaces" (list/watch only).
 */
import type { ResourceInfo } from '../api/index.js';
import { ClientError } from './errors.js';

export interface ResourceRef {
  /** '' for the legacy core group. */
  readonly group: string;
  readonly version: string;
  /** Plural, lower case: `pods`, `deployments`. */
  readonly resource: string;
  readonly namespaced: boolean;
  /** The object kind, when known; used to fill in `kind` on writes that leave it out. */
  readonly kind?: string;
}

export interface PathParts {
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** The ResourceRef of a registry entry. */
export function refFromInfo(info: Pick<ResourceInfo, 'group' | 'version' | 'resource' | 'namespaced' | 'kind'>): ResourceRef {
  return { group: info.group, version: info.version, resource: info.resource, namespaced: info.namespaced, kind: info.kind };
}

/** `apps/v1` or `v1`. */
export function apiVersionOfRef(ref: Pick<ResourceRef, 'group' | 'version'>): string {
  return ref.group ? `${ref.group}/${ref.version}` : ref.version;
}

function segment(what: string, v: string): string {
  if (v === '' || v === '.' || v === '..' || v.includes('/') || v.includes('%')) {
    throw new ClientError('InvalidArgument', `invalid ${what} ${JSON.stringify(v)} in a resource path`);
  }
  return encodeURIComponent(v);
}

/**
 * The URL path of a collection, object or subresource. Throws ClientError('InvalidArgument') for a namespace on a
 * cluster-scoped resource, a subresource without a name, or a segment that is empty or contains `/` or `%`.
 */
export function resourcePath(ref: ResourceRef, parts: PathParts = {}): string {
  let p = ref.group ? `/apis/${segment('group', ref.group)}/${segment('version', ref.version)}` : `/api/${segment('version', ref.version)}`;
  if (parts.namespace) {
    if (!ref.namespaced) throw new ClientError('InvalidArgument', `${ref.resource} is cluster-scoped; no namespace may be given`);
    p += `/namespaces/${segment('namespace', parts.namespace)}`;
  }
  p += `/${segment('resource', ref.resource)}`;
  if (parts.name !== undefined) p += `/${segment('name', parts.name)}`;
  if (parts.subresource !== undefined) {
    if (parts.name === undefined) throw new ClientError('InvalidArgument', `subresource ${parts.subresource} needs an object name`);
    p += `/${segment('subresource', parts.subresource)}`;
  }
  return p;
}

const ref = (group: string, version: string, resource: string, namespaced: boolean, kind: string): ResourceRef =>
  Object.freeze({ group, version, resource, namespaced, kind });

/** The resources skiff's own components talk to. Other resources: `refFromInfo(registry.resolve(...))`. */
export const refs = Object.freeze({
  pods: ref('', 'v1', 'pods', true, 'Pod'),
  nodes: ref('', 'v1', 'nodes', false, 'Node'),
  namespaces: ref('', 'v1', 'namespaces', false, 'Namespace'),
  services: ref('', 'v1', 'services', true, 'Service'),
  endpoints: ref('', 'v1', 'endpoints', true, 'Endpoints'),
  events: ref('', 'v1', 'events', true, 'Event'),
  configMaps: ref('', 'v1', 'configmaps', true, 'ConfigMap'),
  secrets: ref('', 'v1', 'secrets', true, 'Secret'),
  serviceAccounts: ref('', 'v1', 'serviceaccounts', true, 'ServiceAccount'),
  deployments: ref('apps', 'v1', 'deployments', true, 'Deployment'),
  replicaSets: ref('apps', 'v1', 'replicasets', true, 'ReplicaSet'),
  statefulSets: ref('apps', 'v1', 'statefulsets', true, 'StatefulSet'),
  daemonSets: ref('apps', 'v1', 'daemonsets', true, 'DaemonSet'),
  leases: ref('coordination.k8s.io', 'v1', 'leases', true, 'Lease'),
  endpointSlices: ref('discovery.k8s.io', 'v1', 'endpointslices', true, 'EndpointSlice'),
});
