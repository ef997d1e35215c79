import { describe, expect, it } from 'vitest';
import type { PolicyRule } from '../../api/index.js';
import { type RequestFacts, ruleAllows } from './rule-match.js';

// Ported from Kubernetes' plugin/pkg/auth/authorizer/rbac/rbac_test.go TestRuleMatches.
const res = (verb: string, group: string, resource: string, subresource = '', name = ''): RequestFacts => ({
  verb,
  group,
  resource,
  subresource,
  name,
  path: '',
  isResourceRequest: true,
});
const url = (verb: string, path: string): RequestFacts => ({ verb, group: '', resource: '', subresource: '', name: '', path, isResourceRequest: false });

const cases: [string, PolicyRule, [RequestFacts, boolean][]][] = [
  [
    'star verb, exact match other',
    { verbs: ['*'], apiGroups: ['group1'], resources: ['resource1'] },
    [
      [res('verb1', 'group1', 'resource1'), true],
      [res('verb1', 'group2', 'resource1'), false],
      [res('verb1', 'group1', 'resource2'), false],
      [res('verb2', 'group1', 'resource1'), true],
      [res('verb2', 'group2', 'resource2'), false],
    ],
  ],
  [
    'star group, exact match other',
    { verbs: ['verb1'], apiGroups: ['*'], resources: ['resource1'] },
    [
      [res('verb1', 'group1', 'resource1'), true],
      [res('verb1', 'group2', 'resource1'), true],
      [res('verb1', 'group1', 'resource2'), false],
      [res('verb2', 'group1', 'resource1'), false],
    ],
  ],
  [
    'star resource, exact match other',
    { verbs: ['verb1'], apiGroups: ['group1'], resources: ['*'] },
    [
      [res('verb1', 'group1', 'resource1'), true],
      [res('verb1', 'group2', 'resource1'), false],
      [res('verb1', 'group1', 'resource2'), true],
      [res('verb2', 'group1', 'resource1'), false],
    ],
  ],
  [
    'tuple expansion',
    { verbs: ['verb1', 'verb2'], apiGroups: ['group1', 'group2'], resources: ['resource1', 'resource2'] },
    [
      [res('verb1', 'group1', 'resource1'), true],
      [res('verb1', 'group2', 'resource2'), true],
      [res('verb2', 'group1', 'resource2'), true],
      [res('verb2', 'group2', 'resource1'), true],
      [res('verb3', 'group2', 'resource1'), false],
    ],
  ],
  [
    'subresource expansion',
    { verbs: ['*'], apiGroups: ['*'], resources: ['resource1/subresource1'] },
    [
      [res('verb1', 'group1', 'resource1', 'subresource1'), true],
      [res('verb1', 'group2', 'resource1', 'subresource2'), false],
      [res('verb1', 'group1', 'resource2', 'subresource1'), false],
      [res('verb1', 'group1', 'resource1'), false],
    ],
  ],
  [
    'any-resource subresource',
    { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] },
    [
      [res('get', 'apps', 'deployments', 'scale'), true],
      [res('get', 'apps', 'deployments'), false],
      [res('get', 'apps', 'deployments', 'status'), false],
      [res('get', 'apps', 'deployments', 'xscale'), false],
    ],
  ],
  [
    'star nonresource, exact match other',
    { verbs: ['verb1'], nonResourceURLs: ['*'] },
    [
      [url('verb1', '/foo'), true],
      [url('verb1', '/foo/bar/one'), true],
      [url('verb2', '/foo'), false],
    ],
  ],
  [
    'star nonresource subpath',
    { verbs: ['verb1'], nonResourceURLs: ['/foo/*'] },
    [
      [url('verb1', '/foo'), false],
      [url('verb1', '/foo/bar'), true],
      [url('verb1', '/foo/baz/one'), true],
      [url('verb1', '/notfoo'), false],
      [url('verb1', '/notfoo/bar'), false],
    ],
  ],
  [
    'star verb, exact nonresource',
    { verbs: ['*'], nonResourceURLs: ['/foo', '/foo/bar/one'] },
    [
      [url('verb1', '/foo'), true],
      [url('verb1', '/foo/bar'), false],
      [url('verb2', '/foo/bar/one'), true],
      [url('verb2', '/foo/baz/one'), false],
    ],
  ],
  [
    'resource names',
    { verbs: ['get', 'update'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['cm1'] },
    [
      [res('get', '', 'configmaps', '', 'cm1'), true],
      [res('get', '', 'configmaps', '', 'cm2'), false],
      [res('list', '', 'configmaps'), false],
      [res('get', '', 'configmaps'), false],
    ],
  ],
  [
    'verbs are case-sensitive',
    { verbs: ['get'], apiGroups: [''], resources: ['pods'] },
    [
      [res('GET', '', 'pods'), false],
      [res('get', '', 'Pods'), false],
    ],
  ],
  [
    'a resource rule never matches a path and a URL rule never matches a resource',
    { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
    [
      [url('get', '/healthz'), false],
      [res('get', '', 'pods'), true],
    ],
  ],
];

describe('ruleAllows (Kubernetes TestRuleMatches)', () => {
  it.each(cases)('%s', (_name, rule, requests) => {
    for (const [req, want] of requests) expect({ req, allowed: ruleAllows(req, rule) }).toEqual({ req, allowed: want });
  });

  it('treats malformed rule fields as empty', () => {
    const rule = { verbs: 'get', apiGroups: [''], resources: ['pods'] } as unknown as PolicyRule;
    expect(ruleAllows(res('get', '', 'pods'), rule)).toBe(false);
  });
});
