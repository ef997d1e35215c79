import { describe, expect, it } from 'vitest';
import type { ClusterRole, PolicyRule, Role, RoleBinding } from '../../api/index.js';
import { ApiError } from '../../machinery/index.js';
import type { UserInfo } from '../registry/context.js';
import { RbacAuthorizer } from './authorizer.js';
import { bootstrapPolicy } from './bootstrap/policy.js';
import { checkBindingEscalation, checkRoleEscalation, isOnlyMutatingGCFields } from './escalation.js';
import { MemoryRbacSource } from './memory-source.js';

const G = 'rbac.authorization.k8s.io';
const alice: UserInfo = { username: 'alice', groups: ['system:authenticated'] };

function setup() {
  const source = new MemoryRbacSource(bootstrapPolicy());
  // alice administers namespace "a".
  source.put({ kind: 'RoleBinding', metadata: { name: 'alice-admin', namespace: 'a' }, roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'admin' }, subjects: [{ kind: 'User', apiGroup: G, name: 'alice' }] });
  const rbac = new RbacAuthorizer({ source });
  return { source, deps: { authorizer: rbac, rules: rbac } };
}

const binding = (namespace: string, roleName: string, kind: 'Role' | 'ClusterRole' = 'ClusterRole'): RoleBinding => ({
  kind: 'RoleBinding',
  metadata: { name: 'b', namespace },
  roleRef: { apiGroup: G, kind, name: roleName },
  subjects: [{ kind: 'User', apiGroup: G, name: 'bob' }],
});
const role = (namespace: string, rules: PolicyRule[]): Role => ({ kind: 'Role', metadata: { name: 'r', namespace }, rules });

async function rejection(p: Promise<void>): Promise<ApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

describe('checkBindingEscalation', () => {
  it('stops a namespace admin from binding cluster-admin', async () => {
    const { deps } = setup();
    const err = await rejection(checkBindingEscalation(alice, { kind: 'RoleBinding', object: binding('a', 'cluster-admin'), namespace: 'a' }, deps));
    expect(err.code).toBe(403);
    expect(err.reason).toBe('Forbidden');
    expect(err.message).toBe(
      'rolebindings.rbac.authorization.k8s.io "b" is forbidden: user "alice" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:["*"], Resources:["*"], Verbs:["*"]}\n{NonResourceURLs:["*"], Verbs:["*"]}',
    );
    expect(err.details).toMatchObject({ name: 'b', group: G, kind: 'rolebindings' });
  });

  it('lets a namespace admin grant roles they hold, in their namespace only', async () => {
    const { deps } = setup();
    await checkBindingEscalation(alice, { kind: 'RoleBinding', object: binding('a', 'edit'), namespace: 'a' }, deps);
    await checkBindingEscalation(alice, { kind: 'RoleBinding', object: binding('a', 'view'), namespace: 'a' }, deps);
    const err = await rejection(checkBindingEscalation(alice, { kind: 'RoleBinding', object: binding('b', 'view'), namespace: 'b' }, deps));
    expect(err.message).toContain('{APIGroups:[""], Resources:["pods"], Verbs:["get" "list" "watch"]}');
  });

  it('allows binding a role the user may `bind`, without holding it', async () => {
    const { source, deps } = setup();
    source.put({ kind: 'ClusterRole', metadata: { name: 'binder' }, rules: [{ verbs: ['bind'], apiGroups: [G], resources: ['clusterroles'], resourceNames: ['cluster-admin'] }] });
    source.put({ kind: 'RoleBinding', metadata: { name: 'alice-binder', namespace: 'a' }, roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'binder' }, subjects: [{ kind: 'User', apiGroup: G, name: 'alice' }] });
    await checkBindingEscalation(alice, { kind: 'RoleBinding', object: binding('a', 'cluster-admin'), namespace: 'a' }, deps);
    await expect(checkBindingEscalation(alice, { kind: 'ClusterRoleBinding', object: { ...binding('', 'cluster-admin'), kind: 'ClusterRoleBinding' }, namespace: '' }, deps)).rejects.toThrow(
      'clusterrolebindings.rbac.authorization.k8s.io "b" is forbidden',
    );
  });

  it('lets system:masters and internal writes through, and finalizer-only updates', async () => {
    const { deps } = setup();
    const root: UserInfo = { username: 'root', groups: ['system:masters'] };
    await checkBindingEscalation(root, { kind: 'RoleBinding', object: binding('a', 'cluster-admin'), namespace: 'a' }, deps);
    await checkBindingEscalation(undefined, { kind: 'RoleBinding', object: binding('a', 'cluster-admin'), namespace: 'a' }, deps);
    const old = binding('z', 'cluster-admin');
    const next = { ...old, metadata: { ...old.metadata, finalizers: ['example.com/hold'], resourceVersion: '9' } };
    await checkBindingEscalation(alice, { kind: 'RoleBinding', object: next, oldObject: old, namespace: 'z' }, deps);
    const changed = { ...next, subjects: [{ kind: 'User', apiGroup: G, name: 'mallory' }] };
    await expect(checkBindingEscalation(alice, { kind: 'RoleBinding', object: changed, oldObject: old, namespace: 'z' }, deps)).rejects.toThrow('is forbidden');
  });

  it('answers 404 for a binding to a role that does not exist', async () => {
    const { deps } = setup();
    const err = await rejection(checkBindingEscalation(alice, { kind: 'RoleBinding', object: binding('a', 'ghost', 'Role'), namespace: 'a' }, deps));
    expect([err.code, err.message]).toEqual([404, 'role.rbac.authorization.k8s.io "ghost" not found']);
  });
});

describe('checkRoleEscalation', () => {
  it('refuses a Role granting more than its author holds, naming only what is missing', async () => {
    const { deps } = setup();
    const viewer: UserInfo = { username: 'vic', groups: ['system:authenticated', 'viewers'] };
    // vic holds nothing in "a" beyond what system:authenticated grants everyone.
    const err = await rejection(
      checkRoleEscalation(viewer, { kind: 'Role', object: role('a', [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }]), namespace: 'a' }, deps),
    );
    expect(err.message).toBe(
      'roles.rbac.authorization.k8s.io "r" is forbidden: user "vic" (groups=["system:authenticated" "viewers"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}',
    );
  });

  it('accepts a Role within what its author holds', async () => {
    const { deps } = setup();
    await checkRoleEscalation(alice, { kind: 'Role', object: role('a', [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }]), namespace: 'a' }, deps);
    await expect(
      checkRoleEscalation(alice, { kind: 'Role', object: role('a', [{ verbs: ['get'], apiGroups: [''], resources: ['nodes'] }]), namespace: 'a' }, deps),
    ).rejects.toThrow('{APIGroups:[""], Resources:["nodes"], Verbs:["get"]}');
  });

  it('lets a user with `escalate` on roles write any Role', async () => {
    const { source, deps } = setup();
    source.put({ kind: 'Role', metadata: { name: 'escalator', namespace: 'a' }, rules: [{ verbs: ['escalate'], apiGroups: [G], resources: ['roles'] }] });
    source.put({ kind: 'RoleBinding', metadata: { name: 'alice-escalator', namespace: 'a' }, roleRef: { apiGroup: G, kind: 'Role', name: 'escalator' }, subjects: [{ kind: 'User', apiGroup: G, name: 'alice' }] });
    await checkRoleEscalation(alice, { kind: 'Role', object: role('a', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]), namespace: 'a' }, deps);
  });

  it('requires full authority to set an aggregationRule', async () => {
    const { source, deps } = setup();
    source.put({ kind: 'ClusterRole', metadata: { name: 'role-writer' }, rules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }] });
    source.put({ kind: 'ClusterRoleBinding', metadata: { name: 'alice-writer' }, roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'role-writer' }, subjects: [{ kind: 'User', apiGroup: G, name: 'alice' }] });
    const agg: ClusterRole = { kind: 'ClusterRole', metadata: { name: 'agg' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] } };
    await expect(checkRoleEscalation(alice, { kind: 'ClusterRole', object: agg, namespace: '' }, deps)).rejects.toThrow(
      'clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule',
    );
    const plain: ClusterRole = { kind: 'ClusterRole', metadata: { name: 'plain' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }] };
    await checkRoleEscalation(alice, { kind: 'ClusterRole', object: plain, namespace: '' }, deps);
    await checkRoleEscalation({ username: 'root', groups: ['system:masters'] }, { kind: 'ClusterRole', object: agg, namespace: '' }, deps);
  });
});

describe('isOnlyMutatingGCFields', () => {
  it('ignores finalizers, ownerReferences and bookkeeping, nothing else', () => {
    const old = role('a', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]);
    expect(isOnlyMutatingGCFields({ ...old, metadata: { ...old.metadata, ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'u' }] } }, old)).toBe(true);
    expect(isOnlyMutatingGCFields({ ...old, metadata: { ...old.metadata, labels: { a: 'b' } } }, old)).toBe(false);
    expect(isOnlyMutatingGCFields({ ...old, rules: [] }, old)).toBe(false);
  });
});
