import { describe, expect, it } from 'vitest';
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from '../../api/index.js';
import type { AuthorizationAttributes } from '../endpoints/reviews.js';
import type { UserInfo } from '../registry/context.js';
import { RbacAuthorizer } from './authorizer.js';
import { MemoryRbacSource, type RbacObjects } from './memory-source.js';
import { SubjectIndex, subjectApplies } from './subjects.js';
import type { RbacSource } from './types.js';

const G = 'rbac.authorization.k8s.io';
// newRule(verbs, apiGroups, resources, nonResourceURLs) of Kubernetes' rbac_test.go: comma-separated lists.
const newRule = (verbs: string, groups: string, resources: string, urls: string): PolicyRule => ({
  verbs: verbs.split(','),
  apiGroups: groups.split(','),
  resources: resources.split(','),
  nonResourceURLs: urls.split(','),
});
const subjects = (xs: string[]): Subject[] =>
  xs.map((s) => {
    const [kind, name] = [s.slice(0, s.indexOf(':')), s.slice(s.indexOf(':') + 1)];
    return kind === 'ServiceAccount' ? { kind, name } : { kind, name, apiGroup: G };
  });
const clusterRole = (name: string, ...rules: PolicyRule[]): ClusterRole => ({ kind: 'ClusterRole', metadata: { name }, rules });
const role = (namespace: string, name: string, ...rules: PolicyRule[]): Role => ({ kind: 'Role', metadata: { name, namespace }, rules });
let n = 0;
const crb = (roleName: string, ...subs: string[]): ClusterRoleBinding => ({
  kind: 'ClusterRoleBinding',
  metadata: { name: `crb-${++n}` },
  roleRef: { apiGroup: G, kind: 'ClusterRole', name: roleName },
  subjects: subjects(subs),
});
const rb = (namespace: string, roleName: string, kind: 'Role' | 'ClusterRole', ...subs: string[]): RoleBinding => ({
  kind: 'RoleBinding',
  metadata: { name: `rb-${++n}`, namespace },
  roleRef: { apiGroup: G, kind, name: roleName },
  subjects: subjects(subs),
});
const user = (username: string, groups = ''): UserInfo => ({ username, groups: groups ? groups.split(',') : [] });
const res = (u: UserInfo, verb: string, resource: string, namespace: string, extra: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes => ({
  user: u,
  verb,
  namespace,
  group: '',
  resource,
  subresource: '',
  name: '',
  path: '',
  isResourceRequest: true,
  ...extra,
});
const path = (u: UserInfo, verb: string, p: string): AuthorizationAttributes => ({ user: u, verb, namespace: '', group: '', resource: '', subresource: '', name: '', path: p, isResourceRequest: false });

const authorizer = (objs: RbacObjects) => new RbacAuthorizer({ source: new MemoryRbacSource(objs) });

// Ported from Kubernetes' rbac_test.go TestAuthorizer.
describe('RbacAuthorizer (Kubernetes TestAuthorizer)', () => {
  it.each<[string, RbacObjects, AuthorizationAttributes[], AuthorizationAttributes[]]>([
    [
      'a ClusterRole bound in one namespace',
      { clusterRoles: [clusterRole('admin', newRule('*', '*', '*', '*'))], roleBindings: [rb('ns1', 'admin', 'ClusterRole', 'User:admin', 'Group:admins')] },
      [
        res(user('admin'), 'get', 'Pods', 'ns1'),
        res(user('admin'), 'watch', 'Pods', 'ns1'),
        res(user('admin', 'group1'), 'watch', 'Foobar', 'ns1'),
        res(user('joe', 'admins'), 'watch', 'Foobar', 'ns1'),
        res(user('joe', 'group1,admins'), 'watch', 'Foobar', 'ns1'),
      ],
      [
        res(user('admin'), 'GET', 'Pods', 'ns2'),
        res(user('admin'), 'GET', 'Nodes', ''),
        res(user('admin', 'admins'), 'GET', 'Pods', 'ns2'),
        res(user('admin', 'admins'), 'GET', 'Nodes', ''),
      ],
    ],
    [
      'non-resource URLs',
      {
        clusterRoles: [
          clusterRole('non-resource-url-getter', newRule('get', '', '', '/apis')),
          clusterRole('non-resource-url', newRule('*', '', '', '/apis')),
          clusterRole('non-resource-url-prefix', newRule('get', '', '', '/apis/*')),
        ],
        clusterRoleBindings: [
          crb('non-resource-url-getter', 'User:foo', 'Group:bar'),
          crb('non-resource-url', 'User:admin', 'Group:admin'),
          crb('non-resource-url-prefix', 'User:prefixed', 'Group:prefixed'),
        ],
      },
      [
        path(user('foo'), 'get', '/apis'),
        path(user('', 'bar'), 'get', '/apis'),
        path(user('admin'), 'get', '/apis'),
        path(user('', 'admin'), 'get', '/apis'),
        path(user('admin'), 'watch', '/apis'),
        path(user('', 'admin'), 'watch', '/apis'),
        path(user('prefixed'), 'get', '/apis/v1'),
        path(user('', 'prefixed'), 'get', '/apis/v1'),
        path(user('prefixed'), 'get', '/apis/v1/foobar'),
      ],
      [
        path(user('foo'), 'watch', '/apis'),
        path(user('', 'bar'), 'watch', '/apis'),
        path(user('foo'), 'get', '/api/v1'),
        path(user('admin'), 'get', '/api/v1'),
        path(user('prefixed'), 'get', '/api/v1'),
        path(user('', 'prefixed'), 'get', '/api/v1'),
      ],
    ],
    [
      'a resource rule does not grant its subresources',
      { clusterRoles: [clusterRole('admin', newRule('*', '*', 'pods', '*'))], roleBindings: [rb('ns1', 'admin', 'ClusterRole', 'User:admin', 'Group:admins')] },
      [res(user('admin'), 'get', 'pods', 'ns1')],
      [res(user('admin'), 'get', 'pods', 'ns1', { subresource: 'status' })],
    ],
    [
      'a subresource rule does not grant its resource',
      { clusterRoles: [clusterRole('admin', newRule('*', '*', 'pods/status', '*'))], roleBindings: [rb('ns1', 'admin', 'ClusterRole', 'User:admin', 'Group:admins')] },
      [res(user('admin'), 'get', 'pods', 'ns1', { subresource: 'status' })],
      [res(user('admin'), 'get', 'pods', 'ns1')],
    ],
    [
      'a Role grants only in its own namespace',
      { roles: [role('ns1', 'reader', newRule('get', '', 'pods', ''))], roleBindings: [rb('ns1', 'reader', 'Role', 'User:jane'), rb('ns2', 'reader', 'Role', 'User:jane')] },
      [res(user('jane'), 'get', 'pods', 'ns1')],
      [res(user('jane'), 'get', 'pods', 'ns2'), res(user('jane'), 'get', 'pods', '')],
    ],
  ])('%s', async (_name, objs, pass, fail) => {
    const a = authorizer(objs);
    for (const attrs of pass) expect({ attrs, allowed: (await a.authorize(attrs)).allowed }).toEqual({ attrs, allowed: true });
    for (const attrs of fail) expect({ attrs, allowed: (await a.authorize(attrs)).allowed }).toEqual({ attrs, allowed: false });
  });
});

describe('RbacAuthorizer decisions', () => {
  it('names the binding that allowed a request, as Kubernetes does', async () => {
    const a = authorizer({
      clusterRoles: [clusterRole('view', newRule('get', '', 'pods', ''))],
      clusterRoleBindings: [{ ...crb('view', 'Group:readers'), metadata: { name: 'readers' } }],
      roleBindings: [{ ...rb('ns1', 'view', 'ClusterRole', 'ServiceAccount:builder'), metadata: { name: 'sa-view', namespace: 'ns1' } }],
    });
    expect(await a.authorize(res(user('joe', 'readers'), 'get', 'pods', 'x'))).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by ClusterRoleBinding "readers" of ClusterRole "view" to Group "readers"',
    });
    expect(await a.authorize(res(user('system:serviceaccount:ns1:builder'), 'get', 'pods', 'ns1'))).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "sa-view/ns1" of ClusterRole "view" to ServiceAccount "builder/ns1"',
    });
  });

  it('has no opinion, without a reason, when no rule allows', async () => {
    const a = authorizer({ clusterRoles: [clusterRole('view', newRule('get', '', 'pods', ''))], clusterRoleBindings: [crb('view', 'User:jane')] });
    expect(await a.authorize(res(user('jane'), 'delete', 'pods', 'default'))).toEqual({ allowed: false, reason: '' });
  });

  it('reports roles it could not resolve in the reason', async () => {
    const a = authorizer({
      clusterRoleBindings: [crb('missing', 'User:jane'), crb('gone', 'Group:devs')],
      roleBindings: [rb('ns1', 'nope', 'Role', 'User:jane')],
    });
    expect(await a.authorize(res(user('jane'), 'get', 'pods', 'ns1'))).toEqual({
      allowed: false,
      reason: 'RBAC: [clusterrole.rbac.authorization.k8s.io "missing" not found, role.rbac.authorization.k8s.io "nope" not found]',
    });
    expect(await a.authorize(res(user('bob', 'devs'), 'get', 'pods', ''))).toEqual({ allowed: false, reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "gone" not found' });
  });

  it('still allows through other bindings when one role is missing', async () => {
    const a = authorizer({
      clusterRoles: [clusterRole('view', newRule('get', '', 'pods', ''))],
      clusterRoleBindings: [crb('missing', 'User:jane'), crb('view', 'User:jane')],
    });
    expect((await a.authorize(res(user('jane'), 'get', 'pods', 'ns1'))).allowed).toBe(true);
  });

  it('allows system:masters everything without any binding', async () => {
    const a = authorizer({});
    expect(await a.authorize(res(user('root', 'system:masters'), 'delete', 'nodes', ''))).toEqual({ allowed: true, reason: '' });
    expect((await a.authorize(path(user('root', 'system:masters'), 'get', '/metrics'))).allowed).toBe(true);
  });

  it('reports a failing source as a resolution error, not an allow', async () => {
    const source: RbacSource = {
      getRole: () => undefined,
      getClusterRole: () => undefined,
      listClusterRoles: () => [],
      listRoleBindings: () => Promise.reject(new Error('etcd unavailable')),
      listClusterRoleBindings: () => [],
    };
    const a = new RbacAuthorizer({ source });
    expect(await a.authorize(res(user('jane'), 'get', 'pods', 'ns1'))).toEqual({ allowed: false, reason: 'RBAC: etcd unavailable' });
  });

  it('resolves aggregated ClusterRoles from their selectors', async () => {
    const agg: ClusterRole = { kind: 'ClusterRole', metadata: { name: 'monitoring' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate-to-monitoring': 'true' } }] } };
    const part: ClusterRole = { ...clusterRole('pods-reader', newRule('get,list', '', 'pods', '')), metadata: { name: 'pods-reader', labels: { 'example.com/aggregate-to-monitoring': 'true' } } };
    const a = authorizer({ clusterRoles: [agg, part], clusterRoleBindings: [crb('monitoring', 'User:mon')] });
    expect((await a.authorize(res(user('mon'), 'list', 'pods', 'x'))).allowed).toBe(true);
    const stored = new RbacAuthorizer({ source: new MemoryRbacSource({ clusterRoles: [agg, part], clusterRoleBindings: [crb('monitoring', 'User:mon')] }), aggregate: false });
    expect((await stored.authorize(res(user('mon'), 'list', 'pods', 'x'))).allowed).toBe(false);
  });

  it('sees binding changes as soon as the source revision moves', async () => {
    const source = new MemoryRbacSource({ clusterRoles: [clusterRole('view', newRule('get', '', 'pods', ''))] });
    const a = new RbacAuthorizer({ source });
    expect((await a.authorize(res(user('jane'), 'get', 'pods', 'ns1'))).allowed).toBe(false);
    source.put(rb('ns1', 'view', 'ClusterRole', 'User:jane'));
    expect((await a.authorize(res(user('jane'), 'get', 'pods', 'ns1'))).allowed).toBe(true);
    source.remove('RoleBinding', 'ns1', `rb-${n}`);
    expect((await a.authorize(res(user('jane'), 'get', 'pods', 'ns1'))).allowed).toBe(false);
  });

  it('does not cache a failed read: the next request retries it', async () => {
    let calls = 0;
    const inner = new MemoryRbacSource({ clusterRoles: [clusterRole('view', newRule('get', '', 'pods', ''))], clusterRoleBindings: [crb('view', 'User:jane')] });
    const source: RbacSource = {
      getRole: (ns, name) => inner.getRole(ns, name),
      getClusterRole: (name) => inner.getClusterRole(name),
      listClusterRoles: () => inner.listClusterRoles(),
      listRoleBindings: (ns) => inner.listRoleBindings(ns),
      listClusterRoleBindings: () => (++calls === 1 ? Promise.reject(new Error('not synced')) : inner.listClusterRoleBindings()),
      revision: () => 7,
    };
    const a = new RbacAuthorizer({ source });
    expect(await a.authorize(res(user('jane'), 'get', 'pods', 'ns1'))).toEqual({ allowed: false, reason: 'RBAC: not synced' });
    expect((await a.authorize(res(user('jane'), 'get', 'pods', 'ns1'))).allowed).toBe(true);
  });

  it('keeps its index while the revision stays the same', async () => {
    let lists = 0;
    const inner = new MemoryRbacSource({ clusterRoles: [clusterRole('view', newRule('get', '', 'pods', ''))], clusterRoleBindings: [crb('view', 'User:jane')] });
    const source: RbacSource = {
      getRole: (ns, name) => inner.getRole(ns, name),
      getClusterRole: (name) => inner.getClusterRole(name),
      listClusterRoles: () => inner.listClusterRoles(),
      listRoleBindings: (ns) => inner.listRoleBindings(ns),
      listClusterRoleBindings: () => (lists++, inner.listClusterRoleBindings()),
      revision: () => inner.revision(),
    };
    const a = new RbacAuthorizer({ source });
    for (let i = 0; i < 5; i++) await a.authorize(res(user('jane'), 'get', 'pods', 'ns1'));
    expect(lists).toBe(1);
  });
});

// Ported from Kubernetes' pkg/registry/rbac/validation/rule_test.go TestDefaultRuleResolver.
describe('resolveRules (Kubernetes TestDefaultRuleResolver)', () => {
  const readPods: PolicyRule = { verbs: ['GET', 'WATCH'], apiGroups: ['v1'], resources: ['pods'] };
  const readServices: PolicyRule = { verbs: ['GET', 'WATCH'], apiGroups: ['v1'], resources: ['services'] };
  const writeNodes: PolicyRule = { verbs: ['PUT', 'CREATE', 'UPDATE'], apiGroups: ['v1'], resources: ['nodes'] };
  const admin: PolicyRule = { verbs: ['*'], apiGroups: ['*'], resources: ['*'] };
  const objs: RbacObjects = {
    roles: [role('namespace1', 'readthings', readPods, readServices)],
    clusterRoles: [clusterRole('cluster-admin', admin), clusterRole('write-nodes', writeNodes)],
    roleBindings: [{ kind: 'RoleBinding', metadata: { name: 'b', namespace: 'namespace1' }, subjects: [{ kind: 'User', name: 'foobar' }, { kind: 'Group', name: 'group1' }], roleRef: { apiGroup: G, kind: 'Role', name: 'readthings' } }],
    clusterRoleBindings: [{ kind: 'ClusterRoleBinding', metadata: { name: 'c' }, subjects: [{ kind: 'User', name: 'admin' }, { kind: 'Group', name: 'admin' }], roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'cluster-admin' } }],
  };
  it.each<[string, UserInfo, string, PolicyRule[]]>([
    ['a user bound in namespace1', user('foobar'), 'namespace1', [readPods, readServices]],
    ['the same user elsewhere', user('foobar'), 'namespace2', []],
    ['cluster rules only without a namespace', user('foobar', 'admin'), '', [admin]],
    ['nobody', user(''), '', []],
  ])('%s', async (_name, u, ns, want) => {
    expect(await authorizer(objs).resolveRules(u, ns)).toEqual({ rules: want, errors: [] });
  });
});

// Ported from rule_test.go TestAppliesTo; the index must agree with the plain check.
describe('which subjects apply (Kubernetes TestAppliesTo)', () => {
  it.each<[string, Subject[], UserInfo, string, boolean]>([
    ['single subject that matches username', [{ kind: 'User', name: 'foobar' }], user('foobar'), '', true],
    ['multiple subjects, one that matches username', [{ kind: 'User', name: 'barfoo' }, { kind: 'User', name: 'foobar' }], user('foobar'), '', true],
    ['multiple subjects, none that match username', [{ kind: 'User', name: 'barfoo' }, { kind: 'User', name: 'foobar' }], user('zimzam'), '', false],
    ['multiple subjects, one that match group', [{ kind: 'User', name: 'barfoo' }, { kind: 'Group', name: 'foobar' }], user('zimzam', 'foobar'), '', true],
    ['a group ignores the namespace', [{ kind: 'User', name: 'barfoo' }, { kind: 'Group', name: 'foobar' }], user('zimzam', 'foobar'), 'namespace1', true],
    [
      'a service account that matches',
      [{ kind: 'User', name: 'barfoo' }, { kind: 'Group', name: 'foobar' }, { kind: 'ServiceAccount', namespace: 'kube-system', name: 'default' }],
      user('system:serviceaccount:kube-system:default'),
      'default',
      true,
    ],
    ['a service account defaults to the binding namespace', [{ kind: 'ServiceAccount', name: 'default' }], user('system:serviceaccount:ns1:default'), 'ns1', true],
    ['a namespace-less service account in a cluster binding matches nobody', [{ kind: 'ServiceAccount', name: 'default' }], user('system:serviceaccount::default'), '', false],
    ['* user subject name does not match all users', [{ kind: 'User', name: '*' }], user('foobar'), 'default', false],
    ['all authenticated and unauthenticated match an authenticated user', [{ kind: 'Group', name: 'system:authenticated' }, { kind: 'Group', name: 'system:unauthenticated' }], user('foobar', 'system:authenticated'), 'default', true],
    ['all authenticated and unauthenticated match anonymous', [{ kind: 'Group', name: 'system:authenticated' }, { kind: 'Group', name: 'system:unauthenticated' }], user('system:anonymous', 'system:unauthenticated'), 'default', true],
    ['an unknown subject kind matches nobody', [{ kind: 'Robot', name: 'foobar' }], user('foobar'), '', false],
  ])('%s', (_name, subs, u, ns, want) => {
    expect(subs.some((s) => subjectApplies(u, s, ns))).toBe(want);
    const binding = { metadata: { name: 'b', namespace: ns }, subjects: subs, roleRef: { kind: 'ClusterRole', name: 'r' } };
    expect(new SubjectIndex([binding], ns).match(u).length > 0).toBe(want);
  });

  it('reports the first applying subject of each binding, in listing order', () => {
    const b1 = { metadata: { name: 'b1' }, subjects: [{ kind: 'Group', name: 'g' }, { kind: 'User', name: 'u' }], roleRef: { kind: 'ClusterRole', name: 'r' } };
    const b2 = { metadata: { name: 'b2' }, subjects: [{ kind: 'User', name: 'u' }], roleRef: { kind: 'ClusterRole', name: 'r' } };
    const got = new SubjectIndex([b1, b2], '').match(user('u', 'g'));
    expect(got.map((m) => [m.binding.metadata.name, m.subject.kind])).toEqual([
      ['b1', 'Group'],
      ['b2', 'User'],
    ]);
  });
});
