/**
 * Per-controller ClusterRoles (`system:controller:<name>`, Kubernetes' bootstrappolicy/controller_policy.go) for the
 * controllers skiff runs, and their bindings. Kubernetes binds each role to the controller's own service account in
 * kube-system; skiff runs every controller under the controller manager's identity, so each binding also names the
 * user `system:kube-controller-manager`.
 */
import type { ClusterRole, ClusterRoleBinding, PolicyRule } from '../../../api/index.js';
import { APPS, DISCOVERY, EXTENSIONS, LEGACY, RBAC, eventsRule, rule } from './rules.js';

export const CONTROLLER_ROLE_PREFIX = 'system:controller:';
export const KUBE_CONTROLLER_MANAGER = 'system:kube-controller-manager';

function controllerRoles(): [string, PolicyRule[]][] {
  return [
    ['clusterrole-aggregation-controller', [rule(['escalate', 'get', 'list', 'watch', 'update', 'patch'], [RBAC], ['clusterroles'])]],
    [
      'deployment-controller',
      [
        rule(['get', 'list', 'watch', 'update'], [EXTENSIONS, APPS], ['deployments']),
        rule(['update'], [EXTENSIONS, APPS], ['deployments/status']),
        rule(['update'], [EXTENSIONS, APPS], ['deployments/finalizers']),
        rule(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], [APPS, EXTENSIONS], ['replicasets']),
        rule(['get', 'list', 'watch', 'update'], [LEGACY], ['pods']),
        eventsRule(),
      ],
    ],
    [
      'replicaset-controller',
      [
        rule(['get', 'list', 'watch', 'update'], [APPS, EXTENSIONS], ['replicasets']),
        rule(['update'], [APPS, EXTENSIONS], ['replicasets/status']),
        rule(['update'], [APPS, EXTENSIONS], ['replicasets/finalizers']),
        rule(['list', 'watch', 'patch', 'create', 'delete'], [LEGACY], ['pods']),
        eventsRule(),
      ],
    ],
    ['generic-garbage-collector', [rule(['get', 'list', 'watch', 'patch', 'update', 'delete'], ['*'], ['*']), eventsRule()]],
    [
      'namespace-controller',
      [
        rule(['get', 'list', 'watch', 'delete'], [LEGACY], ['namespaces']),
        rule(['update'], [LEGACY], ['namespaces/finalize', 'namespaces/status']),
        rule(['get', 'list', 'delete', 'deletecollection'], ['*'], ['*']),
      ],
    ],
    [
      'endpoint-controller',
      [
        rule(['get', 'list', 'watch'], [LEGACY], ['services', 'pods']),
        rule(['get', 'list', 'create', 'update', 'delete'], [LEGACY], ['endpoints']),
        rule(['create'], [LEGACY], ['endpoints/restricted']),
        eventsRule(),
      ],
    ],
    [
      'endpointslice-controller',
      [
        rule(['get', 'list', 'watch'], [LEGACY], ['services', 'pods', 'nodes']),
        rule(['update'], [LEGACY], ['services/finalizers']),
        rule(['get', 'list', 'create', 'update', 'delete'], [DISCOVERY], ['endpointslices']),
        eventsRule(),
      ],
    ],
    [
      // node lifecycle and node IPAM: both run as the node-controller in Kubernetes.
      'node-controller',
      [
        rule(['get', 'list', 'update', 'delete', 'patch'], [LEGACY], ['nodes']),
        rule(['patch', 'update'], [LEGACY], ['nodes/status']),
        rule(['update'], [LEGACY], ['pods/status']),
        rule(['list', 'delete'], [LEGACY], ['pods']),
        eventsRule(),
        rule(['get'], [LEGACY], ['pods']),
        rule(['patch'], [LEGACY], ['pods/status']),
      ],
    ],
    ['pod-garbage-collector', [rule(['list', 'watch', 'delete'], [LEGACY], ['pods']), rule(['get', 'list'], [LEGACY], ['nodes']), rule(['patch'], [LEGACY], ['pods/status'])]],
    ['service-account-controller', [rule(['create'], [LEGACY], ['serviceaccounts']), eventsRule()]],
    ['root-ca-cert-publisher', [rule(['create', 'update'], [LEGACY], ['configmaps']), eventsRule()]],
  ];
}

/** The controller ClusterRoles and one ClusterRoleBinding per role, unlabelled (policy.ts labels them). */
export function controllerPolicy(): { clusterRoles: ClusterRole[]; clusterRoleBindings: ClusterRoleBinding[] } {
  const clusterRoles: ClusterRole[] = [];
  const clusterRoleBindings: ClusterRoleBinding[] = [];
  for (const [short, rules] of controllerRoles()) {
    const name = `${CONTROLLER_ROLE_PREFIX}${short}`;
    clusterRoles.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules });
    clusterRoleBindings.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name },
      subjects: [
        { kind: 'ServiceAccount', name: short, namespace: 'kube-system' },
        { kind: 'User', apiGroup: RBAC, name: KUBE_CONTROLLER_MANAGER },
      ],
    });
  }
  return { clusterRoles, clusterRoleBindings };
}
