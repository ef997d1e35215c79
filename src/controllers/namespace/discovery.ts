/**
 * Discovery of the namespaced resources the API server serves, in their group's preferred version (client-go's
 * ServerPreferredNamespacedResources), read from the legacy discovery documents `/api/v1`, `/apis` and
 * `/apis/{group}/{version}`.
 *
 * Guarantees: a group whose document cannot be read does not hide the others — its failure is reported in
 * `failures` (Kubernetes' ErrGroupDiscoveryFailed) alongside every resource that was discovered. Subresources
 * (`pods/status`) are left out.
 */
import type { RestClient, ResourceRef } from '../../client/index.js';

export interface DiscoveredResource {
  ref: ResourceRef;
  verbs: ReadonlySet<string>;
}

export interface DiscoveryResult {
  resources: DiscoveredResource[];
  /** groupVersion → what went wrong reading its document. */
  failures: Map<string, string>;
}

interface ApiResourceList {
  groupVersion?: string;
  resources?: Array<{ name: string; namespaced?: boolean; kind?: string; verbs?: string[] }>;
}

interface ApiGroupList {
  groups?: Array<{ name: string; preferredVersion?: { groupVersion?: string; version?: string }; versions?: Array<{ version?: string }> }>;
}

/** The error message of a partial discovery, worded as client-go's ErrGroupDiscoveryFailed. */
export function discoveryFailureMessage(failures: ReadonlyMap<string, string>): string {
  const parts = [...failures.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([gv, e]) => `${gv}: ${e}`);
  return `unable to retrieve the complete list of server APIs: ${parts.join(', ')}`;
}

function namespacedOf(group: string, version: string, list: ApiResourceList): DiscoveredResource[] {
  const out: DiscoveredResource[] = [];
  for (const r of list.resources ?? []) {
    if (!r.namespaced || r.name.includes('/')) continue;
    out.push({ ref: { group, version, resource: r.name, namespaced: true, ...(r.kind ? { kind: r.kind } : {}) }, verbs: new Set(r.verbs ?? []) });
  }
  return out;
}

export async function discoverNamespacedResources(client: RestClient, signal?: AbortSignal): Promise<DiscoveryResult> {
  const failures = new Map<string, string>();
  const resources: DiscoveredResource[] = [];
  const get = <T>(path: string) => client.requestJson<T>({ method: 'GET', path, ...(signal ? { signal } : {}) });
  const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
  try {
    resources.push(...namespacedOf('', 'v1', await get<ApiResourceList>('/api/v1')));
  } catch (err) {
    failures.set('v1', message(err));
  }
  let groups: ApiGroupList = {};
  try {
    groups = await get<ApiGroupList>('/apis');
  } catch (err) {
    failures.set('apis', message(err));
  }
  const lists = await Promise.all(
    (groups.groups ?? []).map(async (g) => {
      const version = g.preferredVersion?.version ?? g.versions?.[0]?.version;
      if (!version) return [];
      try {
        return namespacedOf(g.name, version, await get<ApiResourceList>(`/apis/${encodeURIComponent(g.name)}/${encodeURIComponent(version)}`));
      } catch (err) {
        failures.set(`${g.name}/${version}`, message(err));
        return [];
      }
    }),
  );
  for (const l of lists) resources.push(...l);
  return { resources, failures };
}
