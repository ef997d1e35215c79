import { describe, expect, it } from 'vitest';
import type { ClusterRole, PolicyRule } from '../../api/index.js';
import { aggregateClusterRoles, aggregatedRules } from './aggregation.js';

const rule = (verb: string, resource: string): PolicyRule => ({ verbs: [verb], apiGroups: [''], resources: [resource] });
const cr = (name: string, opts: { labels?: Record<string, string>; rules?: PolicyRule[]; selects?: Record<string, string>[] } = {}): ClusterRole => ({
  kind: 'ClusterRole',
  metadata: { name, ...(opts.labels ? { labels: opts.labels } : {}) },
  ...(opts.rules ? { rules: opts.rules } : {}),
  ...(opts.selects ? { aggregationRule: { clusterRoleSelectors: opts.selects.map((matchLabels) => ({ matchLabels })) } } : {}),
});

describe('aggregateClusterRoles', () => {
  it('fills an aggregated role from matching roles, by name, without duplicates', () => {
    const roles = [
      cr('agg', { selects: [{ a: 'true' }] }),
      cr('z-part', { labels: { a: 'true' }, rules: [rule('get', 'pods'), rule('list', 'pods')] }),
      cr('b-part', { labels: { a: 'true' }, rules: [rule('get', 'pods')] }),
      cr('other', { labels: { a: 'false' }, rules: [rule('delete', 'pods')] }),
    ];
    expect(aggregateClusterRoles(roles)).toEqual([{ name: 'agg', rules: [rule('get', 'pods'), rule('list', 'pods')] }]);
  });

  it('resolves aggregates of aggregates (admin ← edit ← view)', () => {
    const roles = [
      cr('admin', { selects: [{ 'to-admin': 'true' }] }),
      cr('edit', { labels: { 'to-admin': 'true' }, selects: [{ 'to-edit': 'true' }] }),
      cr('view', { labels: { 'to-edit': 'true' }, selects: [{ 'to-view': 'true' }] }),
      cr('view-part', { labels: { 'to-view': 'true' }, rules: [rule('get', 'pods')] }),
      cr('edit-part', { labels: { 'to-edit': 'true' }, rules: [rule('create', 'pods')] }),
      cr('admin-part', { labels: { 'to-admin': 'true' }, rules: [rule('create', 'roles')] }),
    ];
    const got = aggregatedRules(roles);
    expect(got.get('view')).toEqual([rule('get', 'pods')]);
    expect(got.get('edit')).toEqual([rule('create', 'pods'), rule('get', 'pods')]);
    expect(got.get('admin')).toEqual([rule('create', 'roles'), rule('create', 'pods'), rule('get', 'pods')]);
  });

  it('reports nothing once stored rules match, and drops rules whose source lost its label', () => {
    const converged = [cr('agg', { selects: [{ a: 'true' }], rules: [rule('get', 'pods')] }), cr('p', { labels: { a: 'true' }, rules: [rule('get', 'pods')] })];
    expect(aggregateClusterRoles(converged)).toEqual([]);
    const unlabelled = [cr('agg', { selects: [{ a: 'true' }], rules: [rule('get', 'pods')] }), cr('p', { rules: [rule('get', 'pods')] })];
    expect(aggregateClusterRoles(unlabelled)).toEqual([{ name: 'agg', rules: [] }]);
  });

  it('terminates on selector cycles and never aggregates a role into itself', () => {
    const roles = [
      cr('a', { labels: { x: 'true' }, selects: [{ x: 'true' }], rules: [rule('get', 'a')] }),
      cr('b', { labels: { x: 'true' }, selects: [{ x: 'true' }], rules: [rule('get', 'b')] }),
    ];
    const got = aggregatedRules(roles);
    expect(got.get('a')!.some((r) => r.resources![0] === 'a')).toBe(false);
    expect(got.size).toBe(2);
  });

  it('treats an invalid selector as selecting nothing and leaves the input alone', () => {
    const roles = [cr('agg', { selects: [{ 'bad key!': 'x' }], rules: [rule('get', 'pods')] }), cr('p', { labels: { 'bad key!': 'x' }, rules: [rule('get', 'pods')] })];
    const before = structuredClone(roles);
    expect(aggregateClusterRoles(roles)).toEqual([{ name: 'agg', rules: [] }]);
    expect(roles).toEqual(before);
  });
});
