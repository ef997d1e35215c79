import { describe, expect, it } from 'vitest';
import type { AuthorizationAttributes } from '../../endpoints/reviews.js';
import type { UserInfo } from '../../registry/context.js';
import { RbacAuthorizer } from '../authorizer.js';
import { MemoryRbacSource } from '../memory-source.js';
import { rbacValidators } from '../validation.js';
import { bootstrapPolicy } from './policy.js';

const G = 'rbac.authorization.k8s.io';
const jane: UserInfo = { username: 'jane', groups: ['system:authenticated'] };

function withPolicy(extra: (src: MemoryRbacSource) => void = () => {}) {
  const source = new MemoryRbacSource(bootstrapPolicy());
  extra(source);
  const a = new RbacAuthorizer({ source, aggregate: false });
  const can = async (user: UserInfo, verb: string, resource: string, opts: Partial<AuthorizationAttributes> = {}) =>
    (await a.authorize({ user, verb, resource, namespace: '', group: '', subresource: '', name: '', path: '', isResourceRequest: true, ...opts })).allowed;
  const canPath = async (user: UserInfo, path: string, verb = 'get') =>
    (await a.authorize({ user, verb, path, namespace: '', group: '', resource: '', subresource: '', name: '', isResourceRequest: false })).allowed;
  return { a, can, canPath };
}

describe('bootstrapPolicy', () => {
  it('labels and annotates every object as Kubernetes bootstrap policy', () => {
    const p = bootstrapPolicy();
    const all = [...p.clusterRoles, ...p.clusterRoleBindings, ...p.roles, ...p.roleBindings];
    expect(all.length).toBeGreaterThan(20);
    for (const o of all) {
      expect(o.metadata.labels?.['kubernetes.io/bootstrapping'], o.metadata.name).toBe('rbac-defaults');
      expect(o.metadata.annotations?.['rbac.authorization.kubernetes.io/autoupdate'], o.metadata.name).toBe('true');
      expect(o.apiVersion).toBe('rbac.authorization.k8s.io/v1');
    }
    expect(p.roles.every((r) => r.metadata.namespace === 'kube-system')).toBe(true);
  });

  it('passes RBAC validation', () => {
    const p = bootstrapPolicy();
    for (const r of p.clusterRoles) rbacValidators.ClusterRole.validateCreate(r);
    for (const b of p.clusterRoleBindings) rbacValidators.ClusterRoleBinding.validateCreate(b);
    for (const r of p.roles) rbacValidators.Role.validateCreate(r);
    for (const b of p.roleBindings) rbacValidators.RoleBinding.validateCreate(b);
  });

  it('keeps admin, edit and view aggregated, with their aggregation labels', () => {
    const roles = new Map(bootstrapPolicy().clusterRoles.map((r) => [r.metadata.name!, r]));
    expect(roles.get('admin')!.aggregationRule).toEqual({ clusterRoleSelectors: [{ matchLabels: { [`${G}/aggregate-to-admin`]: 'true' } }] });
    expect(roles.get('edit')!.metadata.labels).toMatchObject({ [`${G}/aggregate-to-admin`]: 'true' });
    expect(roles.get('view')!.metadata.labels).toMatchObject({ [`${G}/aggregate-to-edit`]: 'true' });
    expect(roles.get('system:aggregate-to-view')!.metadata.labels).toMatchObject({ [`${G}/aggregate-to-view`]: 'true' });
    // view's rules are in edit's and admin's, edit's in admin's.
    const has = (name: string, resource: string, verb: string) => roles.get(name)!.rules!.some((r) => r.resources?.includes(resource) && r.verbs.includes(verb));
    expect([has('view', 'pods', 'get'), has('edit', 'pods', 'get'), has('admin', 'pods', 'get')]).toEqual([true, true, true]);
    expect([has('view', 'pods', 'create'), has('edit', 'pods', 'create'), has('admin', 'pods', 'create')]).toEqual([false, true, true]);
    expect([has('edit', 'rolebindings', 'create'), has('admin', 'rolebindings', 'create')]).toEqual([false, true]);
  });

  it('lets a user bound to view in namespace a read pods there, and nothing more', async () => {
    const { a, can } = withPolicy((s) =>
      s.put({ kind: 'RoleBinding', metadata: { name: 'jane-view', namespace: 'a' }, roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', apiGroup: G, name: 'jane' }] }),
    );
    for (const verb of ['get', 'list', 'watch']) expect(await can(jane, verb, 'pods', { namespace: 'a' }), verb).toBe(true);
    expect(await can(jane, 'create', 'pods', { namespace: 'a' })).toBe(false);
    expect(await can(jane, 'get', 'secrets', { namespace: 'a' })).toBe(false);
    expect(await can(jane, 'list', 'pods', { namespace: 'b' })).toBe(false);
    expect(await can(jane, 'list', 'pods')).toBe(false);
    const inB = await a.rulesFor(jane, 'b');
    expect(inB.resourceRules.some((r) => r.resources?.includes('pods'))).toBe(false);
    const inA = await a.rulesFor(jane, 'a');
    expect(inA.resourceRules).toContainEqual({ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: expect.arrayContaining(['pods']) });
    expect(inA.incomplete).toBe(false);
  });

  it('lets the scheduler bind pods but not touch deployments', async () => {
    const { can } = withPolicy();
    const scheduler: UserInfo = { username: 'system:kube-scheduler', groups: ['system:authenticated'] };
    expect(await can(scheduler, 'create', 'pods', { namespace: 'default', subresource: 'binding', name: 'p' })).toBe(true);
    expect(await can(scheduler, 'create', 'bindings', { namespace: 'default' })).toBe(true);
    expect(await can(scheduler, 'watch', 'nodes')).toBe(true);
    expect(await can(scheduler, 'update', 'leases', { namespace: 'kube-system', group: 'coordination.k8s.io', name: 'kube-scheduler' })).toBe(true);
    expect(await can(scheduler, 'update', 'leases', { namespace: 'kube-system', group: 'coordination.k8s.io', name: 'kube-controller-manager' })).toBe(false);
    expect(await can(scheduler, 'create', 'deployments', { namespace: 'default', group: 'apps' })).toBe(false);
    expect(await can(scheduler, 'get', 'deployments', { namespace: 'default', group: 'apps' })).toBe(false);
  });

  it('gives the controller manager what its controllers write', async () => {
    const { can } = withPolicy();
    const kcm: UserInfo = { username: 'system:kube-controller-manager', groups: ['system:authenticated'] };
    const checks: [string, string, Partial<AuthorizationAttributes>][] = [
      ['watch', 'replicasets', { group: 'apps' }],
      ['create', 'replicasets', { group: 'apps', namespace: 'default' }],
      ['update', 'deployments', { group: 'apps', namespace: 'default', subresource: 'status' }],
      ['create', 'pods', { namespace: 'default' }],
      ['patch', 'pods', { namespace: 'default' }],
      ['delete', 'configmaps', { namespace: 'default' }],
      ['deletecollection', 'configmaps', { namespace: 'doomed' }],
      ['update', 'namespaces', { name: 'doomed', subresource: 'finalize' }],
      ['update', 'endpoints', { namespace: 'default', name: 'web' }],
      ['create', 'endpointslices', { group: 'discovery.k8s.io', namespace: 'default' }],
      ['patch', 'nodes', { name: 'n1', subresource: 'status' }],
      ['update', 'clusterroles', { group: G, name: 'admin' }],
      ['escalate', 'clusterroles', { group: G, name: 'admin' }],
      ['update', 'leases', { group: 'coordination.k8s.io', namespace: 'kube-system', name: 'kube-controller-manager' }],
      ['create', 'events', { group: 'events.k8s.io', namespace: 'default' }],
    ];
    for (const [verb, resource, opts] of checks) expect(await can(kcm, verb, resource, opts), `${verb} ${resource}`).toBe(true);
    expect(await can(kcm, 'create', 'secrets', { namespace: 'default' })).toBe(true);
    expect(await can(kcm, 'create', 'clusterrolebindings', { group: G })).toBe(false);
  });

  it('serves health and version to everyone, discovery to authenticated users, everything to system:masters', async () => {
    const { can, canPath } = withPolicy();
    const anonymous: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };
    for (const p of ['/healthz', '/livez', '/readyz', '/version']) expect(await canPath(anonymous, p), p).toBe(true);
    expect(await canPath(anonymous, '/apis')).toBe(false);
    expect(await canPath(anonymous, '/metrics')).toBe(false);
    expect(await canPath(jane, '/apis/apps/v1')).toBe(true);
    expect(await canPath(jane, '/openapi/v3')).toBe(true);
    expect(await can(jane, 'create', 'selfsubjectaccessreviews', { group: 'authorization.k8s.io' })).toBe(true);
    expect(await can(jane, 'create', 'selfsubjectrulesreviews', { group: 'authorization.k8s.io' })).toBe(true);
    expect(await canPath({ username: 'prom', groups: ['system:monitoring'] }, '/metrics')).toBe(true);
    const admin: UserInfo = { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };
    expect(await can(admin, 'delete', 'nodes', { name: 'n1' })).toBe(true);
  });

  it('lets kube-proxy watch services and endpoint slices', async () => {
    const { can } = withPolicy();
    const proxy: UserInfo = { username: 'system:kube-proxy', groups: ['system:authenticated'] };
    expect(await can(proxy, 'watch', 'endpointslices', { group: 'discovery.k8s.io' })).toBe(true);
    expect(await can(proxy, 'list', 'services')).toBe(true);
    expect(await can(proxy, 'update', 'services', { namespace: 'default' })).toBe(false);
  });

  it('grants kubelets nothing through RBAC: the node authorizer speaks for them', async () => {
    const { can } = withPolicy();
    const kubelet: UserInfo = { username: 'system:node:n1', groups: ['system:nodes', 'system:authenticated'] };
    expect(await can(kubelet, 'get', 'pods', { namespace: 'default', name: 'p' })).toBe(false);
  });
});
