import { describe, expect, it } from 'vitest';
import { parseRequestInfo } from './request-info.js';

const q = (s = '') => new URLSearchParams(s);

describe('parseRequestInfo', () => {
  it.each([
    ['GET', '/api/v1/namespaces/default/pods', '', { verb: 'list', group: '', version: 'v1', namespace: 'default', resource: 'pods', name: '' }],
    ['GET', '/api/v1/namespaces/default/pods/p1', '', { verb: 'get', namespace: 'default', resource: 'pods', name: 'p1' }],
    ['GET', '/api/v1/pods', 'watch=true', { verb: 'watch', namespace: '', resource: 'pods' }],
    ['GET', '/api/v1/watch/namespaces/default/pods', '', { verb: 'watch', namespace: 'default', resource: 'pods' }],
    ['POST', '/apis/apps/v1/namespaces/default/deployments', '', { verb: 'create', group: 'apps', resource: 'deployments' }],
    ['PATCH', '/apis/apps/v1/namespaces/default/deployments/nginx/scale', '', { verb: 'patch', name: 'nginx', subresource: 'scale' }],
    ['DELETE', '/api/v1/namespaces/default/pods', '', { verb: 'deletecollection' }],
    ['GET', '/api/v1/namespaces/kube-system', '', { verb: 'get', resource: 'namespaces', name: 'kube-system', namespace: 'kube-system' }],
    ['PUT', '/api/v1/namespaces/kube-system/finalize', '', { verb: 'update', resource: 'namespaces', name: 'kube-system', subresource: 'finalize' }],
    ['GET', '/api/v1/namespaces', '', { verb: 'list', resource: 'namespaces', namespace: '' }],
    ['GET', '/api/v1/nodes/n1/status', '', { verb: 'get', resource: 'nodes', name: 'n1', subresource: 'status' }],
    ['GET', '/api/v1/namespaces/d/pods/p/exec', 'command=ls', { verb: 'connect', subresource: 'exec' }],
    ['GET', '/api/v1/namespaces/d/pods/p/log', '', { verb: 'get', subresource: 'log' }],
  ])('%s %s?%s', (method, path, query, want) => {
    const ri = parseRequestInfo(method, path, q(query));
    expect(ri.isResourceRequest).toBe(true);
    expect(ri).toMatchObject(want);
  });

  it.each(['/version', '/healthz', '/api', '/apis', '/apis/apps', '/api/v1', '/apis/apps/v1', '/openapi/v3'])(
    '%s is a non-resource request',
    (path) => {
      expect(parseRequestInfo('GET', path, q()).isResourceRequest).toBe(false);
    },
  );
});
