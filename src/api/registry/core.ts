/** core/v1 (the legacy group, served under /api/v1): the resources skiff serves, as Kubernetes 1.32 advertises them. */
import { CREATE_ONLY, VERBS_NO_DELETECOLLECTION, defineResource, statusOf, type ResourceInfo } from './types.js';

const gv = { group: '', version: 'v1' };
const v1 = (kind: string) => ({ group: '', version: 'v1', kind });

export function coreV1Resources(): ResourceInfo[] {
  return [
    defineResource(gv, { kind: 'ConfigMap', resource: 'configmaps', namespaced: true, shortNames: ['cm'] }),
    defineResource(gv, { kind: 'Endpoints', resource: 'endpoints', namespaced: true, shortNames: ['ep'], singular: 'endpoints' }),
    defineResource(gv, { kind: 'Event', resource: 'events', namespaced: true, shortNames: ['ev'] }),
    defineResource(gv, { kind: 'LimitRange', resource: 'limitranges', namespaced: true, shortNames: ['limits'] }),
    defineResource(gv, {
      kind: 'Namespace',
      resource: 'namespaces',
      namespaced: false,
      shortNames: ['ns'],
      verbs: VERBS_NO_DELETECOLLECTION,
      subresources: [statusOf(v1('Namespace')), { name: 'finalize', kind: v1('Namespace'), verbs: ['update'] }],
    }),
    defineResource(gv, {
      kind: 'Node',
      resource: 'nodes',
      namespaced: false,
      shortNames: ['no'],
      subresources: [statusOf(v1('Node'))],
    }),
    defineResource(gv, {
      kind: 'Pod',
      resource: 'pods',
      namespaced: true,
      shortNames: ['po'],
      categories: ['all'],
      subresources: [
        { name: 'binding', kind: v1('Binding'), verbs: CREATE_ONLY },
        { name: 'eviction', kind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: CREATE_ONLY },
        { name: 'exec', kind: v1('PodExecOptions'), verbs: ['create', 'get'] },
        { name: 'log', kind: v1('Pod'), verbs: ['get'] },
        { name: 'portforward', kind: v1('PodPortForwardOptions'), verbs: ['create', 'get'] },
        statusOf(v1('Pod')),
      ],
    }),
    defineResource(gv, {
      kind: 'ResourceQuota',
      resource: 'resourcequotas',
      namespaced: true,
      shortNames: ['quota'],
      subresources: [statusOf(v1('ResourceQuota'))],
    }),
    defineResource(gv, { kind: 'Secret', resource: 'secrets', namespaced: true }),
    defineResource(gv, {
      kind: 'ServiceAccount',
      resource: 'serviceaccounts',
      namespaced: true,
      shortNames: ['sa'],
      subresources: [
        { name: 'token', kind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }, verbs: CREATE_ONLY },
      ],
    }),
    defineResource(gv, {
      kind: 'Service',
      resource: 'services',
      namespaced: true,
      shortNames: ['svc'],
      categories: ['all'],
      subresources: [statusOf(v1('Service'))],
    }),
  ];
}
