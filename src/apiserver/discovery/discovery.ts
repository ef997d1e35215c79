/**
 * API discovery, both forms kubectl uses: aggregated discovery (apidiscovery.k8s.io v2 and v2beta1, one document for
 * all groups, answered with the exact Content-Type kubectl checks) and legacy discovery (APIVersions, APIGroupList,
 * APIGroup, APIResourceList).
 */
import type { ResourceInfo, ResourceRegistry } from '../../api/index.js';

export const AGGREGATED_CT = (v: 'v2' | 'v2beta1') => `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`;

function aggregatedResource(r: ResourceInfo) {
  return {
    resource: r.resource,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: [...r.verbs],
    ...(r.shortNames.length ? { shortNames: [...r.shortNames] } : {}),
    ...(r.categories.length ? { categories: [...r.categories] } : {}),
    ...(r.subresources.length
      ? {
          subresources: r.subresources.map((s) => ({
            subresource: s.name,
            responseKind: { group: s.kind.group, version: s.kind.version, kind: s.kind.kind },
            verbs: [...s.verbs],
          })),
        }
      : {}),
  };
}

/** The aggregated document for the legacy group (`/api`) or for all named groups (`/apis`). */
export function aggregatedDiscovery(reg: ResourceRegistry, legacy: boolean, version: 'v2' | 'v2beta1') {
  const groups = reg.groups().filter((g) => (g.name === '') === legacy);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map((g) => ({
      metadata: { ...(g.name ? { name: g.name } : {}), creationTimestamp: null },
      versions: g.versions.map((v) => ({
        version: v,
        resources: reg.resourcesIn(g.name, v).map(aggregatedResource),
        freshness: 'Current',
      })),
    })),
  };
}

export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(g: { name: string; versions: readonly string[]; preferredVersion: string }) {
  return {
    name: g.name,
    versions: g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${g.name}/${g.preferredVersion}`, version: g.preferredVersion },
  };
}

export function apiGroupList(reg: ResourceRegistry) {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: reg.groups().filter((g) => g.name !== '').map(apiGroup) };
}

export function apiGroupDoc(reg: ResourceRegistry, name: string) {
  const g = reg.group(name);
  return g && g.name ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g) } : undefined;
}

export function apiResourceList(reg: ResourceRegistry, group: string, version: string) {
  const rs = reg.resourcesIn(group, version);
  if (!rs.length) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const r of rs) {
    resources.push({
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: [...r.verbs],
      ...(r.shortNames.length ? { shortNames: [...r.shortNames] } : {}),
      ...(r.categories.length ? { categories: [...r.categories] } : {}),
    });
    for (const s of r.subresources) {
      resources.push({
        name: `${r.resource}/${s.name}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(s.kind.group !== r.group || s.kind.version !== r.version ? { group: s.kind.group, version: s.kind.version } : {}),
        kind: s.kind.kind,
        verbs: [...s.verbs],
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}
