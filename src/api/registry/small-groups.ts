/**
 * The small groups: events.k8s.io, authorization.k8s.io, rbac.authorization.k8s.io, admissionregistration.k8s.io,
 * coordination.k8s.io and discovery.k8s.io (v1 each), as Kubernetes 1.32 advertises them.
 */
import { CREATE_ONLY, defineResource, type ResourceInfo } from './types.js';

export function eventsV1Resources(): ResourceInfo[] {
  return [defineResource({ group: 'events.k8s.io', version: 'v1' }, { kind: 'Event', resource: 'events', namespaced: true, shortNames: ['ev'] })];
}

/** Reviews are create-only and never stored. */
export function authorizationV1Resources(): ResourceInfo[] {
  const gv = { group: 'authorization.k8s.io', version: 'v1' };
  return [
    defineResource(gv, { kind: 'SelfSubjectAccessReview', resource: 'selfsubjectaccessreviews', namespaced: false, verbs: CREATE_ONLY }),
    defineResource(gv, { kind: 'SelfSubjectRulesReview', resource: 'selfsubjectrulesreviews', namespaced: false, verbs: CREATE_ONLY }),
    defineResource(gv, { kind: 'SubjectAccessReview', resource: 'subjectaccessreviews', namespaced: false, verbs: CREATE_ONLY }),
  ];
}

export function rbacV1Resources(): ResourceInfo[] {
  const gv = { group: 'rbac.authorization.k8s.io', version: 'v1' };
  return [
    defineResource(gv, { kind: 'ClusterRoleBinding', resource: 'clusterrolebindings', namespaced: false }),
    defineResource(gv, { kind: 'ClusterRole', resource: 'clusterroles', namespaced: false }),
    defineResource(gv, { kind: 'RoleBinding', resource: 'rolebindings', namespaced: true }),
    defineResource(gv, { kind: 'Role', resource: 'roles', namespaced: true }),
  ];
}

/** Webhook configurations are in the `api-extensions` category (`kubectl get api-extensions`, since 1.29). */
export function admissionregistrationV1Resources(): ResourceInfo[] {
  const gv = { group: 'admissionregistration.k8s.io', version: 'v1' };
  return [
    defineResource(gv, {
      kind: 'MutatingWebhookConfiguration',
      resource: 'mutatingwebhookconfigurations',
      namespaced: false,
      categories: ['api-extensions'],
    }),
    defineResource(gv, {
      kind: 'ValidatingWebhookConfiguration',
      resource: 'validatingwebhookconfigurations',
      namespaced: false,
      categories: ['api-extensions'],
    }),
  ];
}

export function coordinationV1Resources(): ResourceInfo[] {
  return [defineResource({ group: 'coordination.k8s.io', version: 'v1' }, { kind: 'Lease', resource: 'leases', namespaced: true })];
}

export function discoveryV1Resources(): ResourceInfo[] {
  return [
    defineResource({ group: 'discovery.k8s.io', version: 'v1' }, { kind: 'EndpointSlice', resource: 'endpointslices', namespaced: true }),
  ];
}
