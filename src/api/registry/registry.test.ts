import { describe, expect, it } from 'vitest';
import { builtinRegistry } from './builtin.js';
import { RegistryError, ResourceRegistry } from './registry.js';
import { defineResource } from './types.js';

const reg = builtinRegistry();

describe('builtinRegistry', () => {
  it.each([
    // name, group, version, kind, namespaced, shortNames, categories
    ['pods', '', 'v1', 'Pod', true, ['po'], ['all']],
    ['services', '', 'v1', 'Service', true, ['svc'], ['all']],
    ['namespaces', '', 'v1', 'Namespace', false, ['ns'], []],
    ['nodes', '', 'v1', 'Node', false, ['no'], []],
    ['endpoints', '', 'v1', 'Endpoints', true, ['ep'], []],
    ['events', '', 'v1', 'Event', true, ['ev'], []],
    ['configmaps', '', 'v1', 'ConfigMap', true, ['cm'], []],
    ['secrets', '', 'v1', 'Secret', true, [], []],
    ['serviceaccounts', '', 'v1', 'ServiceAccount', true, ['sa'], []],
    ['limitranges', '', 'v1', 'LimitRange', true, ['limits'], []],
    ['resourcequotas', '', 'v1', 'ResourceQuota', true, ['quota'], []],
    ['deployments', 'apps', 'v1', 'Deployment', true, ['deploy'], ['all']],
    ['replicasets', 'apps', 'v1', 'ReplicaSet', true, ['rs'], ['all']],
    ['statefulsets', 'apps', 'v1', 'StatefulSet', true, ['sts'], ['all']],
    ['daemonsets', 'apps', 'v1', 'DaemonSet', true, ['ds'], ['all']],
    ['endpointslices', 'discovery.k8s.io', 'v1', 'EndpointSlice', true, [], []],
    ['leases', 'coordination.k8s.io', 'v1', 'Lease', true, [], []],
    ['events', 'events.k8s.io', 'v1', 'Event', true, ['ev'], []],
    ['roles', 'rbac.authorization.k8s.io', 'v1', 'Role', true, [], []],
    ['clusterroles', 'rbac.authorization.k8s.io', 'v1', 'ClusterRole', false, [], []],
    ['rolebindings', 'rbac.authorization.k8s.io', 'v1', 'RoleBinding', true, [], []],
    ['clusterrolebindings', 'rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', false, [], []],
    ['selfsubjectaccessreviews', 'authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', false, [], []],
    ['subjectaccessreviews', 'authorization.k8s.io', 'v1', 'SubjectAccessReview', false, [], []],
    ['selfsubjectrulesreviews', 'authorization.k8s.io', 'v1', 'SelfSubjectRulesReview', false, [], []],
    ['mutatingwebhookconfigurations', 'admissionregistration.k8s.io', 'v1', 'MutatingWebhookConfiguration', false, [], ['api-extensions']],
    ['validatingwebhookconfigurations', 'admissionregistration.k8s.io', 'v1', 'ValidatingWebhookConfiguration', false, [], ['api-extensions']],
  ])('registers %s in %s/%s as Kubernetes does', (res, group, version, kind, namespaced, shortNames, categories) => {
    const r = reg.byGVR({ group, version, resource: res });
    expect(r).toBeDefined();
    expect(r).toMatchObject({ kind, namespaced, shortNames, categories, listKind: `${kind}List` });
    expect(reg.byGVK({ group, version, kind })).toBe(r);
  });

  it.each([
    ['pods', ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']],
    ['namespaces', ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']],
    ['selfsubjectaccessreviews', ['create']],
  ])('lists the discovery verbs of %s', (name, verbs) => {
    expect(reg.resolve(name)?.verbs).toEqual(verbs);
  });

  it.each([
    ['pods', 'binding', ['create'], 'Binding'],
    ['pods', 'eviction', ['create'], 'Eviction'],
    ['pods', 'exec', ['create', 'get'], 'PodExecOptions'],
    ['pods', 'log', ['get'], 'Pod'],
    ['pods', 'status', ['get', 'patch', 'update'], 'Pod'],
    ['services', 'status', ['get', 'patch', 'update'], 'Service'],
    ['deployments', 'scale', ['get', 'patch', 'update'], 'Scale'],
    ['serviceaccounts', 'token', ['create'], 'TokenRequest'],
  ])('describes %s/%s', (name, sub, verbs, kind) => {
    const r = reg.resolve(name)!;
    const s = reg.subresource({ group: r.group, version: r.version, resource: r.resource }, sub);
    expect(s?.verbs).toEqual(verbs);
    expect(s?.kind.kind).toBe(kind);
  });

  it('gives workloads a scale subresource with replica and selector paths, except DaemonSet', () => {
    for (const name of ['deployments', 'replicasets', 'statefulsets']) {
      expect(reg.resolve(name)?.subresources.find((s) => s.name === 'scale')?.scale).toEqual({
        specReplicasPath: '.spec.replicas',
        statusReplicasPath: '.status.replicas',
        labelSelectorPath: '.spec.selector',
      });
    }
    expect(reg.resolve('daemonsets')?.subresources.map((s) => s.name)).toEqual(['status']);
  });

  it.each([
    ['po', 'pods', ''],
    ['POD', 'pods', ''],
    ['deploy', 'deployments', 'apps'],
    ['deployment', 'deployments', 'apps'],
    ['deployments.apps', 'deployments', 'apps'],
    ['deploy.v1.apps', 'deployments', 'apps'],
    ['ev', 'events', ''],
    ['events.events.k8s.io', 'events', 'events.k8s.io'],
    ['endpoints', 'endpoints', ''],
  ])('resolves %s to %s in group %j', (name, res, group) => {
    expect(reg.resolve(name)).toMatchObject({ resource: res, group });
  });

  it('finds both Event resources for "events", core first', () => {
    expect(reg.find('events').map((r) => r.group)).toEqual(['', 'events.k8s.io']);
  });

  it('returns nothing for unknown names', () => {
    expect(reg.resolve('widgets')).toBeUndefined();
    expect(reg.byGVR({ group: 'apps', version: 'v2', resource: 'deployments' })).toBeUndefined();
  });

  it('lists the `all` category as kubectl get all uses it', () => {
    expect(reg.inCategory('all').map((r) => r.resource)).toEqual([
      'pods',
      'services',
      'daemonsets',
      'deployments',
      'replicasets',
      'statefulsets',
    ]);
  });

  it('lists groups in priority order with preferred versions', () => {
    expect(reg.groups().map((g) => g.name)).toEqual([
      '',
      'apps',
      'events.k8s.io',
      'authorization.k8s.io',
      'rbac.authorization.k8s.io',
      'admissionregistration.k8s.io',
      'coordination.k8s.io',
      'discovery.k8s.io',
    ]);
    expect(reg.group('apps')).toEqual({ name: 'apps', versions: ['v1'], preferredVersion: 'v1' });
    expect(reg.resourcesIn('apps', 'v1').map((r) => r.resource)).toEqual(['daemonsets', 'deployments', 'replicasets', 'statefulsets']);
  });

  it('builds a new registry on every call (no shared global)', () => {
    expect(builtinRegistry()).not.toBe(reg);
  });
});

describe('ResourceRegistry', () => {
  const gv1 = { group: 'example.com', version: 'v1' };
  const gv2 = { group: 'example.com', version: 'v2' };
  const w1 = defineResource(gv1, { kind: 'Widget', resource: 'widgets', namespaced: true });
  const w2 = defineResource(gv2, { kind: 'Widget', resource: 'widgets', namespaced: true });

  it('rejects a resource registered twice', () => {
    expect(() => new ResourceRegistry([w1, w1])).toThrow(RegistryError);
  });

  it('rejects a kind registered twice under two resources', () => {
    const other = defineResource(gv1, { kind: 'Widget', resource: 'gadgets', namespaced: true });
    expect(() => new ResourceRegistry([w1, other])).toThrow(/kind example.com\/v1\/Widget registered twice/);
  });

  it('prefers the first version unless told otherwise, and lists the preferred one first', () => {
    expect(new ResourceRegistry([w1, w2]).group('example.com')).toEqual({ name: 'example.com', versions: ['v1', 'v2'], preferredVersion: 'v1' });
    const r = new ResourceRegistry([w1, w2], { preferredVersions: { 'example.com': 'v2' } });
    expect(r.group('example.com')).toEqual({ name: 'example.com', versions: ['v2', 'v1'], preferredVersion: 'v2' });
    expect(r.resolve('widgets')?.version).toBe('v2');
    expect(r.byGroupKind('example.com', 'Widget')?.version).toBe('v2');
  });

  it('rejects a preferred version that is not served', () => {
    expect(() => new ResourceRegistry([w1], { preferredVersions: { 'example.com': 'v9' } })).toThrow(RegistryError);
  });
});
