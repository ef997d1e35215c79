/**
 * rbac.authorization.k8s.io/v1 (Role, ClusterRole, RoleBinding, ClusterRoleBinding — `kubectl create role|rolebinding|
 * clusterrole|clusterrolebinding` send protobuf) and core/v1 ResourceQuota (`kubectl create quota`).
 * Field numbers from k8s.io/api rbac/v1 and core/v1 generated.proto.
 */
import type { MessageTable } from '../schema.js';

export const rbacQuotaMessages: MessageTable = {
  Role: [
    [1, 'metadata', 'ObjectMeta'],
    [2, 'rules', 'PolicyRule[]'],
  ],
  ClusterRole: [
    [1, 'metadata', 'ObjectMeta'],
    [2, 'rules', 'PolicyRule[]'],
    [3, 'aggregationRule', 'AggregationRule', '?'],
  ],
  AggregationRule: [[1, 'clusterRoleSelectors', 'LabelSelector[]']],
  PolicyRule: [
    [1, 'verbs', 'string[]'],
    [2, 'apiGroups', 'string[]'],
    [3, 'resources', 'string[]'],
    [4, 'resourceNames', 'string[]'],
    [5, 'nonResourceURLs', 'string[]'],
  ],
  RoleBinding: [
    [1, 'metadata', 'ObjectMeta'],
    [2, 'subjects', 'Subject[]'],
    [3, 'roleRef', 'RoleRef'],
  ],
  ClusterRoleBinding: [
    [1, 'metadata', 'ObjectMeta'],
    [2, 'subjects', 'Subject[]'],
    [3, 'roleRef', 'RoleRef'],
  ],
  Subject: [
    [1, 'kind', 'string'],
    [2, 'apiGroup', 'string'],
    [3, 'name', 'string'],
    [4, 'namespace', 'string'],
  ],
  RoleRef: [
    [1, 'apiGroup', 'string'],
    [2, 'kind', 'string'],
    [3, 'name', 'string'],
  ],
  ResourceQuota: [
    [1, 'metadata', 'ObjectMeta'],
    [2, 'spec', 'ResourceQuotaSpec'],
    [3, 'status', 'ResourceQuotaStatus'],
  ],
  ResourceQuotaSpec: [
    [1, 'hard', 'map<Quantity>'],
    [2, 'scopes', 'string[]'],
    [3, 'scopeSelector', 'ScopeSelector', '?'],
  ],
  ScopeSelector: [[1, 'matchExpressions', 'ScopedResourceSelectorRequirement[]']],
  ScopedResourceSelectorRequirement: [
    [1, 'scopeName', 'string'],
    [2, 'operator', 'string'],
    [3, 'values', 'string[]'],
  ],
  ResourceQuotaStatus: [
    [1, 'hard', 'map<Quantity>'],
    [2, 'used', 'map<Quantity>'],
  ],
};
