/**
 * The default ClusterRoles, from Kubernetes' bootstrappolicy/policy.go (1.32): the user-facing roles (cluster-admin,
 * admin/edit/view with their aggregation labels and aggregationRules), discovery and health endpoints, and the roles of
 * the components skiff runs (scheduler, controller manager, kubelet, kube-proxy). Rules are returned without the
 * default labels; policy.ts adds them.
 */
import type { ClusterRole, PolicyRule } from '../../../api/index.js';
import {
  APPS,
  AUTHENTICATION,
  AUTHORIZATION,
  AUTOSCALING,
  BATCH,
  COORDINATION,
  DISCOVERY,
  EXTENSIONS,
  LEGACY,
  NETWORKING,
  POLICY,
  RBAC,
  READ,
  READ_WRITE,
  STORAGE,
  WRITE,
  eventsRule,
  nodeRules,
  rule,
  urlRule,
} from './rules.js';

export const AGGREGATE_TO_ADMIN = 'rbac.authorization.k8s.io/aggregate-to-admin';
export const AGGREGATE_TO_EDIT = 'rbac.authorization.k8s.io/aggregate-to-edit';
export const AGGREGATE_TO_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view';

function role(name: string, rules: PolicyRule[], labels?: Record<string, string>): ClusterRole {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, ...(labels ? { labels } : {}) }, rules };
}

function aggregate(name: string, selectorLabel: string, labels?: Record<string, string>): ClusterRole {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, ...(labels ? { labels } : {}) },
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [selectorLabel]: 'true' } }] },
  };
}

function aggregateToEdit(): PolicyRule[] {
  return [
    rule(READ, [LEGACY], ['pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward', 'secrets', 'services/proxy']),
    rule(['impersonate'], [LEGACY], ['serviceaccounts']),
    rule(WRITE, [LEGACY], ['pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward']),
    rule(['create'], [LEGACY], ['pods/eviction']),
    rule(WRITE, [LEGACY], ['replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/proxy', 'persistentvolumeclaims', 'configmaps', 'secrets', 'events']),
    rule(['create'], [LEGACY], ['serviceaccounts/token']),
    rule(WRITE, [APPS], ['statefulsets', 'statefulsets/scale', 'daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'replicasets', 'replicasets/scale']),
    rule(WRITE, [AUTOSCALING], ['horizontalpodautoscalers']),
    rule(WRITE, [BATCH], ['jobs', 'cronjobs']),
    rule(WRITE, [EXTENSIONS], ['daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'ingresses', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale', 'networkpolicies']),
    rule(WRITE, [POLICY], ['poddisruptionbudgets']),
    rule(WRITE, [NETWORKING], ['networkpolicies', 'ingresses']),
  ];
}

function aggregateToView(): PolicyRule[] {
  return [
    rule(READ, [LEGACY], ['pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'configmaps']),
    rule(READ, [LEGACY], ['limitranges', 'resourcequotas', 'bindings', 'events', 'pods/status', 'resourcequotas/status', 'namespaces/status', 'replicationcontrollers/status', 'pods/log']),
    rule(READ, [LEGACY], ['namespaces']),
    rule(READ, [DISCOVERY], ['endpointslices']),
    rule(READ, [APPS], ['controllerrevisions', 'statefulsets', 'statefulsets/status', 'statefulsets/scale', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/status', 'deployments/scale', 'replicasets', 'replicasets/status', 'replicasets/scale']),
    rule(READ, [AUTOSCALING], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
    rule(READ, [BATCH], ['jobs', 'cronjobs', 'cronjobs/status', 'jobs/status']),
    rule(READ, [EXTENSIONS], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale', 'networkpolicies']),
    rule(READ, [POLICY], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
    rule(READ, [NETWORKING], ['networkpolicies', 'ingresses', 'ingresses/status']),
  ];
}

function kubeSchedulerRules(): PolicyRule[] {
  return [
    eventsRule(),
    rule(['create'], [COORDINATION], ['leases']),
    rule(['get', 'update'], [COORDINATION], ['leases'], ['kube-scheduler']),
    rule(['create'], [LEGACY], ['endpoints']),
    rule(['get', 'update'], [LEGACY], ['endpoints'], ['kube-scheduler']),
    rule(READ, [LEGACY], ['nodes']),
    rule(['get', 'list', 'watch', 'delete'], [LEGACY], ['pods']),
    rule(['create'], [LEGACY], ['pods/binding', 'bindings']),
    rule(['patch', 'update'], [LEGACY], ['pods/status']),
    rule(READ, [LEGACY], ['services', 'replicationcontrollers']),
    rule(READ, [APPS, EXTENSIONS], ['replicasets']),
    rule(READ, [APPS], ['statefulsets']),
    rule(READ, [POLICY], ['poddisruptionbudgets']),
    rule(READ, [LEGACY], ['persistentvolumeclaims', 'persistentvolumes']),
    rule(['create'], [AUTHENTICATION], ['tokenreviews']),
    rule(['create'], [AUTHORIZATION], ['subjectaccessreviews']),
    rule(READ, [STORAGE], ['csinodes']),
    rule(READ, [LEGACY], ['namespaces']),
    rule(READ, [STORAGE], ['csidrivers']),
    rule(READ, [STORAGE], ['csistoragecapacities']),
  ];
}

function kubeControllerManagerRules(): PolicyRule[] {
  return [
    eventsRule(),
    rule(['create'], [COORDINATION], ['leases']),
    rule(['get', 'update'], [COORDINATION], ['leases'], ['kube-controller-manager']),
    rule(['create'], [LEGACY], ['endpoints']),
    rule(['get', 'update'], [LEGACY], ['endpoints'], ['kube-controller-manager']),
    rule(['create'], [LEGACY], ['secrets', 'serviceaccounts']),
    rule(['delete'], [LEGACY], ['secrets']),
    rule(['get'], [LEGACY], ['namespaces', 'secrets', 'serviceaccounts', 'configmaps']),
    rule(['update'], [LEGACY], ['secrets', 'serviceaccounts']),
    rule(['create'], [AUTHENTICATION], ['tokenreviews']),
    rule(['create'], [AUTHORIZATION], ['subjectaccessreviews']),
    rule(['list', 'watch'], ['*'], ['*']),
    rule(['create'], [LEGACY], ['serviceaccounts/token']),
  ];
}

/** The default ClusterRoles other than the per-controller ones (controller-roles.ts). */
export function defaultClusterRoles(): ClusterRole[] {
  return [
    role('cluster-admin', [rule(['*'], ['*'], ['*']), urlRule(['*'], ['*'])]),
    role('system:discovery', [urlRule(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/', '/openapi', '/openapi/*', '/api', '/api/*', '/apis', '/apis/*'])]),
    role('system:monitoring', [urlRule(['get'], ['/metrics', '/metrics/slis', '/livez', '/readyz', '/healthz', '/livez/*', '/readyz/*', '/healthz/*'])]),
    role('system:basic-user', [rule(['create'], [AUTHORIZATION], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']), rule(['create'], [AUTHENTICATION], ['selfsubjectreviews'])]),
    role('system:public-info-viewer', [urlRule(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/'])]),
    aggregate('admin', AGGREGATE_TO_ADMIN),
    aggregate('edit', AGGREGATE_TO_EDIT, { [AGGREGATE_TO_ADMIN]: 'true' }),
    aggregate('view', AGGREGATE_TO_VIEW, { [AGGREGATE_TO_EDIT]: 'true' }),
    role('system:aggregate-to-admin', [rule(['create'], [AUTHORIZATION], ['localsubjectaccessreviews']), rule(READ_WRITE, [RBAC], ['roles', 'rolebindings'])], { [AGGREGATE_TO_ADMIN]: 'true' }),
    role('system:aggregate-to-edit', aggregateToEdit(), { [AGGREGATE_TO_EDIT]: 'true' }),
    role('system:aggregate-to-view', aggregateToView(), { [AGGREGATE_TO_VIEW]: 'true' }),
    role('system:node', nodeRules()),
    role('system:node-proxier', [rule(['list', 'watch'], [LEGACY], ['services', 'endpoints']), rule(READ, [LEGACY], ['nodes']), eventsRule(), rule(['list', 'watch'], [DISCOVERY], ['endpointslices'])]),
    role('system:auth-delegator', [rule(['create'], [AUTHENTICATION], ['tokenreviews']), rule(['create'], [AUTHORIZATION], ['subjectaccessreviews'])]),
    role('system:kube-scheduler', kubeSchedulerRules()),
    role('system:kube-controller-manager', kubeControllerManagerRules()),
  ];
}
