import { describe, expect, it } from 'vitest';
import { authorizerAttributes } from './authorizer-attributes.js';
import { parseRequestInfo } from './request-info.js';

const user = { username: 'u', groups: ['system:authenticated'] };
const attrs = (method: string, url: string) => {
  const u = new URL(url, 'http://x');
  return authorizerAttributes(user, parseRequestInfo(method, u.pathname, u.searchParams));
};

describe('authorizerAttributes', () => {
  it('takes verb, namespace, resource, subresource and name from a resource request', () => {
    expect(attrs('PATCH', '/api/v1/namespaces/a/pods/p/status')).toMatchObject({
      verb: 'patch', namespace: 'a', group: '', resource: 'pods', subresource: 'status', name: 'p', isResourceRequest: true,
    });
  });

  it('authorizes pods/log as get and other connects (exec, attach) as create', () => {
    expect(attrs('GET', '/api/v1/namespaces/a/pods/p/log').verb).toBe('get');
    expect(attrs('POST', '/api/v1/namespaces/a/pods/p/exec?command=ls').verb).toBe('create');
  });

  it('keeps only verb and path for non-resource requests', () => {
    expect(attrs('GET', '/healthz')).toEqual({ user, verb: 'get', namespace: '', group: '', resource: '', subresource: '', name: '', path: '/healthz', isResourceRequest: false });
  });
});
