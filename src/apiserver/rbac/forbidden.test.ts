import { describe, expect, it } from 'vitest';
import type { AuthorizationAttributes } from '../endpoints/reviews.js';
import { forbiddenError, forbiddenMessage } from './forbidden.js';

const base: AuthorizationAttributes = {
  user: { username: 'jane', groups: ['system:authenticated'] },
  verb: 'list',
  namespace: 'default',
  group: '',
  resource: 'pods',
  subresource: '',
  name: '',
  path: '/api/v1/namespaces/default/pods',
  isResourceRequest: true,
};

describe('forbidden messages', () => {
  it('words namespaced, cluster-scoped and non-resource denials as Kubernetes does', () => {
    expect(forbiddenMessage(base)).toBe('User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
    expect(forbiddenMessage({ ...base, namespace: '', resource: 'nodes' })).toBe('User "jane" cannot list resource "nodes" in API group "" at the cluster scope');
    expect(forbiddenMessage({ ...base, verb: 'get', name: 'p1', subresource: 'log' })).toBe('User "jane" cannot get resource "pods/log" in API group "" in the namespace "default"');
    expect(forbiddenMessage({ ...base, isResourceRequest: false, verb: 'get', path: '/foo' })).toBe('User "jane" cannot get path "/foo"');
  });

  it('builds the Status of a denied list', () => {
    const s = forbiddenError(base, '').toStatus();
    expect(s).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"',
      reason: 'Forbidden',
      details: { kind: 'pods' },
      code: 403,
    });
  });

  it('names the object and the group, and appends the authorizer reason', () => {
    const err = forbiddenError({ ...base, verb: 'get', group: 'apps', resource: 'deployments', name: 'web' }, 'RBAC: clusterrole.rbac.authorization.k8s.io "x" not found');
    expect(err.code).toBe(403);
    expect(err.message).toBe(
      'deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "default": RBAC: clusterrole.rbac.authorization.k8s.io "x" not found',
    );
    expect(err.details).toEqual({ name: 'web', group: 'apps', kind: 'deployments' });
  });

  it('words a non-resource denial without a resource', () => {
    const err = forbiddenError({ ...base, isResourceRequest: false, verb: 'get', path: '/metrics', resource: '', namespace: '' }, '');
    expect(err.message).toBe('forbidden: User "jane" cannot get path "/metrics"');
    expect(err.details).toEqual({});
  });

  it('escapes HTML in what the user sent but not in the reason', () => {
    const err = forbiddenError({ ...base, isResourceRequest: false, verb: 'get', path: '/<script>&' }, 'a<b');
    expect(err.message).toBe('forbidden: User "jane" cannot get path "/&lt;script&gt;&amp;": a<b');
  });
});
