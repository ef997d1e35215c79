/**
 * Rule builders and shared verb sets for the bootstrap policy (Kubernetes' rbacv1helpers.NewRule and the verb lists of
 * bootstrappolicy/policy.go). Every call returns fresh arrays.
 */
import type { PolicyRule } from '../../../api/index.js';

export const READ = ['get', 'list', 'watch'] as const;
export const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'] as const;
export const READ_WRITE = [...READ, ...WRITE] as const;
export const READ_UPDATE = ['get', 'list', 'watch', 'update', 'patch'] as const;

export const LEGACY = '';
export const APPS = 'apps';
export const AUTHENTICATION = 'authentication.k8s.io';
export const AUTHORIZATION = 'authorization.k8s.io';
export const AUTOSCALING = 'autoscaling';
export const BATCH = 'batch';
export const CERTIFICATES = 'certificates.k8s.io';
export const COORDINATION = 'coordination.k8s.io';
export const DISCOVERY = 'discovery.k8s.io';
export const EXTENSIONS = 'extensions';
export const POLICY = 'policy';
export const RBAC = 'rbac.authorization.k8s.io';
export const STORAGE = 'storage.k8s.io';
export const NETWORKING = 'networking.k8s.io';
export const EVENTS = 'events.k8s.io';
export const NODE = 'node.k8s.io';

/** A resource rule: `rule(['get'], [''], ['pods'])`, optionally limited to resource names. */
export function rule(verbs: readonly string[], groups: readonly string[], resources: readonly string[], names?: readonly string[]): PolicyRule {
  const r: PolicyRule = { verbs: [...verbs], apiGroups: [...groups], resources: [...resources] };
  if (names && names.length) r.resourceNames = [...names];
  return r;
}

/** A non-resource rule: `urlRule(['get'], ['/healthz'])`. */
export function urlRule(verbs: readonly string[], urls: readonly string[]): PolicyRule {
  return { verbs: [...verbs], nonResourceURLs: [...urls] };
}

/** eventsRule(): what every component needs to record events, in both event APIs. */
export function eventsRule(): PolicyRule {
  return rule(['create', 'update', 'patch'], [LEGACY, EVENTS], ['events']);
}

/**
 * NodeRules(): the system:node ClusterRole, and the static rules the node authorizer applies to resources it does not
 * subdivide by relationship.
 */
export function nodeRules(): PolicyRule[] {
  return [
    rule(['create'], [AUTHENTICATION], ['tokenreviews']),
    rule(['create'], [AUTHORIZATION], ['subjectaccessreviews', 'localsubjectaccessreviews']),
    rule(READ, [LEGACY], ['services']),
    rule(['create', 'get', 'list', 'watch'], [LEGACY], ['nodes']),
    rule(['update', 'patch'], [LEGACY], ['nodes/status']),
    rule(['update', 'patch'], [LEGACY], ['nodes']),
    rule(['create', 'update', 'patch'], [LEGACY], ['events']),
    rule(READ, [LEGACY], ['pods']),
    rule(['create', 'delete'], [LEGACY], ['pods']),
    rule(['update', 'patch'], [LEGACY], ['pods/status']),
    rule(['create'], [LEGACY], ['pods/eviction']),
    rule(READ, [LEGACY], ['secrets', 'configmaps']),
    rule(['get'], [LEGACY], ['persistentvolumeclaims', 'persistentvolumes']),
    rule(['get'], [LEGACY], ['endpoints']),
    rule(['create', 'get', 'list', 'watch'], [CERTIFICATES], ['certificatesigningrequests']),
    rule(['get', 'create', 'update', 'patch', 'delete'], [COORDINATION], ['leases']),
    rule(['get'], [STORAGE], ['volumeattachments']),
    rule(['create'], [LEGACY], ['serviceaccounts/token']),
    rule(['get', 'update', 'patch'], [LEGACY], ['persistentvolumeclaims/status']),
    rule(['get', 'watch', 'list'], [STORAGE], ['csidrivers']),
    rule(['get', 'create', 'update', 'patch', 'delete'], [STORAGE], ['csinodes']),
    rule(READ, [NODE], ['runtimeclasses']),
  ];
}
