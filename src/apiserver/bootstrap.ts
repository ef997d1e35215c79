/**
 * What kube-apiserver's bootstrap controllers make on start: the system namespaces (default, kube-system,
 * kube-public, kube-node-lease) and, in `default`, the `kubernetes` Service on the first ClusterIP with its
 * Endpoints/EndpointSlice pointing at this API server. Idempotent: existing objects are left as they are, except
 * the endpoints, which follow the server's current address.
 */
import type { KubeObject } from '../api/index.js';
import { isAlreadyExists } from '../machinery/index.js';
import { createObject } from './registry/create.js';
import { updateObject } from './registry/update.js';
import type { ApiServer } from './server.js';
import { bootstrapPolicy } from './rbac/index.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

async function ensure(server: ApiServer, group: string, resource: string, namespace: string, obj: KubeObject): Promise<void> {
  try {
    await createObject(server.registry(group, resource), namespace, obj, { fieldManager: 'kube-apiserver' });
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
}

/** Creates the bootstrap RBAC policy objects that do not exist yet (existing ones are left as edited). */
export async function bootstrapRbac(server: ApiServer): Promise<void> {
  const p = bootstrapPolicy();
  const g = 'rbac.authorization.k8s.io';
  const all: Array<[string, KubeObject]> = [
    ...p.clusterRoles.map((o) => ['clusterroles', o] as [string, KubeObject]),
    ...p.clusterRoleBindings.map((o) => ['clusterrolebindings', o] as [string, KubeObject]),
    ...p.roles.map((o) => ['roles', o] as [string, KubeObject]),
    ...p.roleBindings.map((o) => ['rolebindings', o] as [string, KubeObject]),
  ];
  for (const [resource, obj] of all) {
    const reg = server.registry(g, resource);
    const ns = obj.metadata.namespace ?? '';
    if (await reg.tryGet(ns, obj.metadata.name ?? '')) continue;
    await ensure(server, g, resource, ns, structuredClone(obj));
  }
}

export async function bootstrap(server: ApiServer, opts: { host: string; port: number }): Promise<void> {
  for (const name of SYSTEM_NAMESPACES) {
    await ensure(server, '', 'namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  await bootstrapRbac(server);
  const services = server.registry('', 'services');
  const existing = await services.tryGet('default', 'kubernetes');
  if (!existing) {
    await ensure(server, '', 'services', 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: {
        type: 'ClusterIP',
        clusterIP: server.serviceIPs.first(),
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: opts.port }],
        sessionAffinity: 'None',
      },
    });
  }
  const endpoints: KubeObject = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: opts.host }], ports: [{ name: 'https', port: opts.port, protocol: 'TCP' }] }],
  };
  await updateObject(server.registry('', 'endpoints'), 'default', 'kubernetes', (cur) => {
    if (!cur) return endpoints;
    return { ...cur, subsets: endpoints.subsets } as KubeObject;
  }, { fieldManager: 'kube-apiserver', internal: true });
}
