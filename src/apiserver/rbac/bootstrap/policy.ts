/**
 * bootstrapPolicy(): the RBAC objects a fresh cluster starts with (Kubernetes' bootstrappolicy: policy.go,
 * controller_policy.go, namespace_policy.go), for the API server to create when missing.
 *
 * Guarantees:
 * - Every object carries the label `kubernetes.io/bootstrapping: rbac-defaults` and the annotation
 *   `rbac.authorization.kubernetes.io/autoupdate: "true"`, and has apiVersion/kind set.
 * - Aggregated ClusterRoles (admin, edit, view) come with their rules already aggregated from the returned roles, so
 *   they work before any aggregation controller runs.
 * - Each call returns fresh objects; callers may modify them.
 */
import type { ClusterRole, ClusterRoleBinding, KubeObject, Role, RoleBinding, Subject } from '../../../api/index.js';
import { aggregatedRules } from '../aggregation.js';
import { ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, SYSTEM_MASTERS } from '../types.js';
import { defaultClusterRoles } from './cluster-roles.js';
import { KUBE_CONTROLLER_MANAGER, controllerPolicy } from './controller-roles.js';
import { LEGACY, RBAC, rule } from './rules.js';

export const BOOTSTRAP_LABEL = { 'kubernetes.io/bootstrapping': 'rbac-defaults' } as const;
export const AUTOUPDATE_ANNOTATION = 'rbac.authorization.kubernetes.io/autoupdate';
export const KUBE_SCHEDULER = 'system:kube-scheduler';
export const KUBE_PROXY = 'system:kube-proxy';
export const MONITORING_GROUP = 'system:monitoring';
const KUBE_SYSTEM = 'kube-system';

export interface BootstrapPolicy {
  clusterRoles: ClusterRole[];
  clusterRoleBindings: ClusterRoleBinding[];
  roles: Role[];
  roleBindings: RoleBinding[];
}

const users = (...names: string[]): Subject[] => names.map((name) => ({ kind: 'User', apiGroup: RBAC, name }));
const groups = (...names: string[]): Subject[] => names.map((name) => ({ kind: 'Group', apiGroup: RBAC, name }));
const serviceAccounts = (namespace: string, ...names: string[]): Subject[] => names.map((name) => ({ kind: 'ServiceAccount', namespace, name }));

function clusterBinding(role: string, subjects: Subject[]): ClusterRoleBinding {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: role },
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role },
    subjects,
  };
}

function namespaceRoles(): { roles: Role[]; roleBindings: RoleBinding[] } {
  const mk = (name: string, rules: Role['rules']): Role => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace: KUBE_SYSTEM }, rules });
  const bind = (name: string, role: string, subjects: Subject[]): RoleBinding => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name, namespace: KUBE_SYSTEM },
    roleRef: { apiGroup: RBAC, kind: 'Role', name: role },
    subjects,
  });
  return {
    roles: [
      mk('extension-apiserver-authentication-reader', [rule(['get', 'list', 'watch'], [LEGACY], ['configmaps'], ['extension-apiserver-authentication'])]),
      mk('system::leader-locking-kube-controller-manager', [
        rule(['watch'], [LEGACY], ['configmaps']),
        rule(['get', 'update'], [LEGACY], ['configmaps'], ['kube-controller-manager']),
        rule(['get', 'watch', 'list', 'create', 'update'], ['coordination.k8s.io'], ['leases']),
      ]),
      mk('system::leader-locking-kube-scheduler', [rule(['watch'], [LEGACY], ['configmaps']), rule(['get', 'update'], [LEGACY], ['configmaps'], ['kube-scheduler'])]),
    ],
    roleBindings: [
      bind('system::extension-apiserver-authentication-reader', 'extension-apiserver-authentication-reader', users(KUBE_CONTROLLER_MANAGER, KUBE_SCHEDULER)),
      bind('system::leader-locking-kube-controller-manager', 'system::leader-locking-kube-controller-manager', [
        ...users(KUBE_CONTROLLER_MANAGER),
        ...serviceAccounts(KUBE_SYSTEM, 'kube-controller-manager', 'leader-election-controller'),
      ]),
      bind('system::leader-locking-kube-scheduler', 'system::leader-locking-kube-scheduler', [...users(KUBE_SCHEDULER), ...serviceAccounts(KUBE_SYSTEM, 'kube-scheduler')]),
    ],
  };
}

function label<T extends KubeObject>(obj: T): T {
  obj.metadata.labels = { ...(obj.metadata.labels ?? {}), ...BOOTSTRAP_LABEL };
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [AUTOUPDATE_ANNOTATION]: 'true' };
  return obj;
}

export function bootstrapPolicy(): BootstrapPolicy {
  const controllers = controllerPolicy();
  const clusterRoles = [...defaultClusterRoles(), ...controllers.clusterRoles].map(label);
  const aggregated = aggregatedRules(clusterRoles);
  for (const r of clusterRoles) {
    const rules = aggregated.get(r.metadata.name!);
    if (rules) r.rules = structuredClone(rules);
  }
  const clusterRoleBindings = [
    clusterBinding('cluster-admin', groups(SYSTEM_MASTERS)),
    clusterBinding('system:monitoring', groups(MONITORING_GROUP)),
    clusterBinding('system:discovery', groups(ALL_AUTHENTICATED)),
    clusterBinding('system:basic-user', groups(ALL_AUTHENTICATED)),
    clusterBinding('system:public-info-viewer', groups(ALL_AUTHENTICATED, ALL_UNAUTHENTICATED)),
    clusterBinding('system:node-proxier', users(KUBE_PROXY)),
    clusterBinding('system:kube-controller-manager', users(KUBE_CONTROLLER_MANAGER)),
    clusterBinding('system:kube-scheduler', users(KUBE_SCHEDULER)),
    // Kept without subjects, as Kubernetes does since 1.8: kubelets are authorized by the node authorizer.
    clusterBinding('system:node', []),
    ...controllers.clusterRoleBindings,
  ].map(label);
  const ns = namespaceRoles();
  return { clusterRoles, clusterRoleBindings, roles: ns.roles.map(label), roleBindings: ns.roleBindings.map(label) };
}
