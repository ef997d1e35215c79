import { describe, expect, it } from 'vitest';
import type { PolicyRule } from '../../api/index.js';
import { compactRules, compactString, covers, nonResourceURLCovers } from './covers.js';

// Ported from Kubernetes' component-helpers/auth/rbac/validation/policy_comparator_test.go.
const r = (groups: string[], verbs: string[], resources: string[], names?: string[]): PolicyRule => ({ apiGroups: groups, verbs, resources, ...(names ? { resourceNames: names } : {}) });

describe('covers (Kubernetes policy_comparator_test)', () => {
  it.each<[string, PolicyRule[], PolicyRule[], PolicyRule[]]>([
    ['exact match', [r(['v1'], ['get'], ['builds'])], [r(['v1'], ['get'], ['builds'])], []],
    ['subresource wildcard', [r(['v1'], ['get'], ['*/scale'])], [r(['v1'], ['get'], ['foo/scale'])], []],
    [
      'multiple rules covering a single rule',
      [r(['v1'], ['delete'], ['deployments']), r(['v1'], ['delete'], ['builds']), r(['v1'], ['update'], ['builds', 'deployments'])],
      [r(['v1'], ['delete', 'update'], ['builds', 'deployments'])],
      [],
    ],
    [
      'multiple API groups covering a single rule',
      [
        r(['group1'], ['delete'], ['deployments']),
        r(['group1'], ['delete'], ['builds']),
        r(['group1'], ['update'], ['builds', 'deployments']),
        r(['group2'], ['delete'], ['deployments']),
        r(['group2'], ['delete'], ['builds']),
        r(['group2'], ['update'], ['builds', 'deployments']),
      ],
      [r(['group1', 'group2'], ['delete', 'update'], ['builds', 'deployments'])],
      [],
    ],
    [
      'a missing verb/resource combination',
      [r(['v1'], ['delete', 'update'], ['builds', 'deployments']), r(['v1'], ['delete'], ['pods'])],
      [r(['v1'], ['delete', 'update'], ['builds', 'deployments', 'pods'])],
      [r(['v1'], ['update'], ['pods'])],
    ],
    ['API group star covering several', [r(['*'], ['get'], ['roles'])], [r(['group1', 'group2'], ['get'], ['roles'])], []],
    ['enumeration not covering API group star', [r(['dummy-group'], ['get'], ['roles'])], [r(['*'], ['get'], ['roles'])], [r(['*'], ['get'], ['roles'])]],
    ['verb star covering several', [r(['v1'], ['*'], ['roles'])], [r(['v1'], ['watch', 'list'], ['roles'])], []],
    [
      'enumeration not covering verb star',
      [r(['v1'], ['get', 'list', 'watch', 'create', 'update', 'delete', 'exec'], ['roles'])],
      [r(['v1'], ['*'], ['roles'])],
      [r(['v1'], ['*'], ['roles'])],
    ],
    ['resource star covering several', [r(['v1'], ['get'], ['*'])], [r(['v1'], ['get'], ['resourcegroup:deployments'])], []],
    ['enumeration not covering resource star', [r(['v1'], ['get'], ['roles', 'resourcegroup:deployments'])], [r(['v1'], ['get'], ['*'])], [r(['v1'], ['get'], ['*'])]],
    ['empty resource names covering names', [r(['v1'], ['get'], ['pods'], [])], [r(['v1'], ['get'], ['pods'], ['foo', 'bar'])], []],
    ['names not covering all names', [r(['v1'], ['get'], ['pods'], ['foo', 'bar'])], [r(['v1'], ['get'], ['pods'], [])], [r(['v1'], ['get'], ['pods'])]],
    ['non-resource URLs', [{ nonResourceURLs: ['/apis'], verbs: ['*'] }], [{ nonResourceURLs: ['/apis'], verbs: ['*'] }], []],
    ['non-resource URL star', [{ nonResourceURLs: ['*'], verbs: ['*'] }], [{ nonResourceURLs: ['/apis', '/apis/v1', '/'], verbs: ['*'] }], []],
    [
      'a star after a prefix does not cover the prefix',
      [{ nonResourceURLs: ['/apis/*'], verbs: ['*'] }],
      [{ nonResourceURLs: ['/apis', '/apis/v1'], verbs: ['get'] }],
      [{ nonResourceURLs: ['/apis'], verbs: ['get'] }],
    ],
    ['a star after a prefix', [{ nonResourceURLs: ['/apis/*'], verbs: ['*'] }], [{ nonResourceURLs: ['/apis/v1/foo', '/apis/v1'], verbs: ['get'] }], []],
    [
      'resource and URL rules together',
      [{ apiGroups: ['v1'], verbs: ['get'], resources: ['builds'], nonResourceURLs: ['/apis'] }],
      [{ apiGroups: ['v1'], verbs: ['get'], resources: ['builds'], nonResourceURLs: ['/apis'] }],
      [],
    ],
    [
      'a resource rule does not cover a URL',
      [r(['v1'], ['get'], ['builds'])],
      [{ apiGroups: ['v1'], verbs: ['get'], resources: ['builds'], nonResourceURLs: ['/apis'] }],
      [{ nonResourceURLs: ['/apis'], verbs: ['get'] }],
    ],
  ])('%s', (_name, owner, servant, uncovered) => {
    expect(covers(owner, servant)).toEqual({ covered: uncovered.length === 0, uncovered });
  });

  it.each<[string, string, boolean]>([
    ['*', '', true],
    ['*', '/', true],
    ['*', '/api', true],
    ['/*', '', false],
    ['/*', '/', true],
    ['/*', '/foo', true],
    ['/api', '/api', true],
    ['/apis', '/api', false],
    ['/api/v1', '/api', false],
    ['/api/v1', '/api/v1', true],
    ['/api/*', '/api/v1', true],
    ['/api/*', '/api', false],
    ['/api/*/*', '/api/v1', false],
    ['/*/v1/*', '/api/v1', false],
  ])('nonResourceURLCovers(%j, %j) is %s', (owner, path, want) => {
    expect(nonResourceURLCovers(owner, path)).toBe(want);
  });
});

describe('compactRules and compactString', () => {
  it('merges single group/resource rules that differ only by verb', () => {
    const got = compactRules([
      r([''], ['get'], ['pods']),
      r([''], ['list'], ['pods']),
      r([''], ['get'], ['pods'], ['p1']),
      { nonResourceURLs: ['/x'], verbs: ['get'] },
      r(['apps'], ['get'], ['deployments']),
    ]);
    expect(got).toEqual([
      r([''], ['get'], ['pods'], ['p1']),
      { nonResourceURLs: ['/x'], verbs: ['get'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] },
    ]);
  });

  it('prints rules as Kubernetes escalation errors do', () => {
    expect(compactString(r([''], ['get'], ['pods']))).toBe('{APIGroups:[""], Resources:["pods"], Verbs:["get"]}');
    expect(compactString(r(['apps'], ['get', 'list'], ['deployments'], ['a']))).toBe('{APIGroups:["apps"], Resources:["deployments"], ResourceNames:["a"], Verbs:["get" "list"]}');
    expect(compactString({ nonResourceURLs: ['*'], verbs: ['*'] })).toBe('{NonResourceURLs:["*"], Verbs:["*"]}');
  });
});
