import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/index.js';
import type { AuthorizationAttributes, Authorizer } from '../endpoints/reviews.js';
import type { UserInfo } from '../registry/context.js';
import { RbacAuthorizer } from './authorizer.js';
import { bootstrapPolicy } from './bootstrap/policy.js';
import { MemoryRbacSource, memoryPodSource } from './memory-source.js';
import { NodeAuthorizer, nodeIdentity } from './node-authorizer.js';
import { unionAuthorizer } from './union.js';

const node = (name: string): UserInfo => ({ username: `system:node:${name}`, groups: ['system:nodes', 'system:authenticated'] });
const pod = (namespace: string, name: string, nodeName: string, spec: Partial<NonNullable<Pod['spec']>> = {}): Pod => ({
  kind: 'Pod',
  metadata: { namespace, name },
  spec: { nodeName, containers: [{ name: 'c', image: 'nginx' }], ...spec },
});
const pods = [
  pod('default', 'p1', 'n1', {
    serviceAccountName: 'web',
    imagePullSecrets: [{ name: 'regcred' }],
    volumes: [
      { name: 'cfg', configMap: { name: 'app-config' } },
      { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
      { name: 'proj', projected: { sources: [{ secret: { name: 'projected-secret' } }] } },
    ],
    containers: [{ name: 'c', image: 'nginx', env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'env-secret', key: 'k' } } }], envFrom: [{ configMapRef: { name: 'env-config' } }] }],
  }),
  pod('default', 'p2', 'n2', { volumes: [{ name: 's', secret: { secretName: 'n2-secret' } }] }),
  pod('other', 'p3', 'n1'),
];
const nodes = new NodeAuthorizer({ pods: memoryPodSource(pods, [{ metadata: { namespace: 'default', name: 'data' }, spec: { volumeName: 'pv-data' } }]) });
const attrs = (user: UserInfo, verb: string, resource: string, opts: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes => ({
  user,
  verb,
  resource,
  namespace: '',
  group: '',
  subresource: '',
  name: '',
  path: '',
  isResourceRequest: true,
  ...opts,
});

describe('NodeAuthorizer', () => {
  it('identifies nodes by username prefix and group', () => {
    expect(nodeIdentity(node('n1'))).toEqual({ isNode: true, nodeName: 'n1' });
    expect(nodeIdentity({ username: 'system:node:n1', groups: [] })).toEqual({ isNode: false, nodeName: '' });
    expect(nodeIdentity({ username: 'jane', groups: ['system:nodes'] })).toEqual({ isNode: false, nodeName: '' });
  });

  it('has no opinion about users that are not nodes', async () => {
    expect(await nodes.authorize(attrs({ username: 'jane', groups: [] }, 'get', 'pods', { namespace: 'default', name: 'p1' }))).toEqual({ allowed: false, reason: '' });
  });

  it('refuses a node without a name', async () => {
    expect(await nodes.authorize(attrs({ username: 'system:node:', groups: ['system:nodes'] }, 'get', 'nodes'))).toEqual({ allowed: false, reason: 'unknown node for user "system:node:"' });
  });

  it('lets a node get only the pods bound to it', async () => {
    expect((await nodes.authorize(attrs(node('n1'), 'get', 'pods', { namespace: 'default', name: 'p1' }))).allowed).toBe(true);
    expect(await nodes.authorize(attrs(node('n1'), 'get', 'pods', { namespace: 'default', name: 'p2' }))).toEqual({
      allowed: false,
      reason: "no relationship found between node 'n1' and this object",
    });
    expect((await nodes.authorize(attrs(node('n1'), 'get', 'pods', { namespace: 'default', name: 'missing' }))).allowed).toBe(false);
    expect((await nodes.authorize(attrs(node('n1'), 'list', 'pods'))).allowed).toBe(true);
    expect((await nodes.authorize(attrs(node('n1'), 'watch', 'pods'))).allowed).toBe(true);
  });

  it('lets a node write status of, delete and evict only its own pods', async () => {
    for (const verb of ['update', 'patch']) {
      expect((await nodes.authorize(attrs(node('n1'), verb, 'pods', { namespace: 'default', name: 'p1', subresource: 'status' }))).allowed).toBe(true);
      expect((await nodes.authorize(attrs(node('n1'), verb, 'pods', { namespace: 'default', name: 'p2', subresource: 'status' }))).allowed).toBe(false);
    }
    expect((await nodes.authorize(attrs(node('n1'), 'delete', 'pods', { namespace: 'default', name: 'p1' }))).allowed).toBe(true);
    expect((await nodes.authorize(attrs(node('n1'), 'delete', 'pods', { namespace: 'default', name: 'p2' }))).allowed).toBe(false);
    expect((await nodes.authorize(attrs(node('n2'), 'create', 'pods', { namespace: 'default', name: 'p2', subresource: 'eviction' }))).allowed).toBe(true);
    expect((await nodes.authorize(attrs(node('n1'), 'update', 'pods', { namespace: 'default', name: 'p1' }))).allowed).toBe(false);
    expect((await nodes.authorize(attrs(node('n1'), 'create', 'pods', { namespace: 'default' }))).allowed).toBe(true);
  });

  it('lets a node read its own Node and modify only it', async () => {
    for (const verb of ['get', 'list', 'watch', 'create']) expect((await nodes.authorize(attrs(node('n1'), verb, 'nodes'))).allowed, verb).toBe(true);
    for (const subresource of ['', 'status']) {
      expect((await nodes.authorize(attrs(node('n1'), 'patch', 'nodes', { name: 'n1', subresource }))).allowed).toBe(true);
      expect(await nodes.authorize(attrs(node('n1'), 'update', 'nodes', { name: 'n2', subresource }))).toEqual({
        allowed: false,
        reason: "node 'n1' cannot modify 'n2', only its own Node object",
      });
    }
    expect((await nodes.authorize(attrs(node('n1'), 'delete', 'nodes', { name: 'n1' }))).allowed).toBe(false);
  });

  it('lets a node read only the secrets, config maps and claims its pods use', async () => {
    const get = async (resource: string, name: string, namespace = 'default') => (await nodes.authorize(attrs(node('n1'), 'get', resource, { namespace, name }))).allowed;
    expect(await get('secrets', 'regcred')).toBe(true);
    expect(await get('secrets', 'env-secret')).toBe(true);
    expect(await get('secrets', 'projected-secret')).toBe(true);
    expect(await get('configmaps', 'app-config')).toBe(true);
    expect(await get('configmaps', 'env-config')).toBe(true);
    expect(await get('persistentvolumeclaims', 'data')).toBe(true);
    expect(await get('persistentvolumes', 'pv-data', '')).toBe(true);
    expect(await get('secrets', 'n2-secret')).toBe(false);
    expect(await get('secrets', 'regcred', 'other')).toBe(false);
    expect(await get('persistentvolumes', 'pv-other', '')).toBe(false);
    expect(await nodes.authorize(attrs(node('n1'), 'list', 'secrets', { namespace: 'default' }))).toEqual({ allowed: false, reason: 'No Object name found' });
    expect(await nodes.authorize(attrs(node('n1'), 'delete', 'secrets', { namespace: 'default', name: 'regcred' }))).toEqual({ allowed: false, reason: 'can only read resources of this type' });
    expect(await nodes.authorize(attrs(node('n1'), 'list', 'persistentvolumeclaims', { namespace: 'default' }))).toEqual({
      allowed: false,
      reason: 'can only get individual resources of this type',
    });
  });

  it('lets a node request tokens only for service accounts its pods run as', async () => {
    const token = (name: string, namespace = 'default') => nodes.authorize(attrs(node('n1'), 'create', 'serviceaccounts', { namespace, name, subresource: 'token' }));
    expect((await token('web')).allowed).toBe(true);
    expect((await token('default', 'other')).allowed).toBe(true);
    expect((await token('admin')).allowed).toBe(false);
    expect((await nodes.authorize(attrs(node('n1'), 'get', 'serviceaccounts', { namespace: 'default', name: 'web' }))).allowed).toBe(false);
  });

  it('lets a node use only its own lease in kube-node-lease', async () => {
    const lease = (verb: string, name: string, namespace = 'kube-node-lease') => nodes.authorize(attrs(node('n1'), verb, 'leases', { group: 'coordination.k8s.io', namespace, name }));
    for (const verb of ['get', 'update', 'patch']) expect((await lease(verb, 'n1')).allowed, verb).toBe(true);
    expect((await lease('create', '')).allowed).toBe(true);
    expect(await lease('update', 'n2')).toEqual({ allowed: false, reason: 'can only access node lease with the same name as the requesting node' });
    expect(await lease('get', 'n1', 'kube-system')).toEqual({ allowed: false, reason: 'can only access leases in the "kube-node-lease" system namespace' });
    expect((await lease('list', '')).allowed).toBe(false);
  });

  it('applies the static node rules to everything else, and has no opinion beyond them', async () => {
    expect((await nodes.authorize(attrs(node('n1'), 'create', 'events', { namespace: 'default' }))).allowed).toBe(true);
    expect((await nodes.authorize(attrs(node('n1'), 'watch', 'services'))).allowed).toBe(true);
    expect(await nodes.authorize(attrs(node('n1'), 'create', 'deployments', { group: 'apps', namespace: 'default' }))).toEqual({ allowed: false, reason: '' });
  });

  it('does not enumerate node rules', async () => {
    expect(await nodes.rulesFor(node('n1'))).toEqual({ resourceRules: [], nonResourceRules: [], incomplete: true, evaluationError: 'node authorizer does not support user rule resolution' });
    expect((await nodes.rulesFor({ username: 'jane', groups: [] })).incomplete).toBe(false);
  });
});

describe('unionAuthorizer', () => {
  const union = unionAuthorizer([nodes, new RbacAuthorizer({ source: new MemoryRbacSource(bootstrapPolicy()) })]);

  it('denies node n1 a pod bound to n2, with the node authorizer reason', async () => {
    expect(await union.authorize(attrs(node('n1'), 'get', 'pods', { namespace: 'default', name: 'p2' }))).toEqual({
      allowed: false,
      reason: "no relationship found between node 'n1' and this object",
    });
    expect((await union.authorize(attrs(node('n1'), 'get', 'pods', { namespace: 'default', name: 'p1' }))).allowed).toBe(true);
  });

  it('asks RBAC when the node authorizer has no opinion', async () => {
    const kubelet = node('n1');
    expect((await union.authorize({ ...attrs(kubelet, 'get', ''), isResourceRequest: false, path: '/healthz' })).allowed).toBe(true);
    const admin = attrs({ username: 'root', groups: ['system:masters'] }, 'delete', 'nodes', { name: 'n2' });
    expect((await union.authorize(admin)).allowed).toBe(true);
  });

  it('stops at an explicit deny and rethrows errors when nothing allows', async () => {
    const deny: Authorizer = { authorize: async () => ({ allowed: false, denied: true, reason: 'blocked' }) };
    const allow: Authorizer = { authorize: async () => ({ allowed: true, reason: 'ok' }) };
    const broken: Authorizer = { authorize: () => Promise.reject(new Error('webhook down')) };
    const none: Authorizer = { authorize: async () => ({ allowed: false, reason: 'not me' }) };
    const a = attrs({ username: 'x', groups: [] }, 'get', 'pods');
    expect(await unionAuthorizer([deny, allow]).authorize(a)).toEqual({ allowed: false, denied: true, reason: 'blocked' });
    expect(await unionAuthorizer([broken, allow]).authorize(a)).toEqual({ allowed: true, reason: 'ok' });
    await expect(unionAuthorizer([broken, none]).authorize(a)).rejects.toThrow('webhook down');
    expect(await unionAuthorizer([none, none]).authorize(a)).toEqual({ allowed: false, reason: 'not me\nnot me' });
  });

  it('unions the rules of its members', async () => {
    const r = await union.rulesFor(node('n1'), 'default');
    expect(r.incomplete).toBe(true);
    expect(r.evaluationError).toBe('node authorizer does not support user rule resolution');
    expect(r.nonResourceRules.some((x) => x.nonResourceURLs?.includes('/healthz'))).toBe(true);
  });
});
