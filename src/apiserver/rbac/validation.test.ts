import { describe, expect, it } from 'vitest';
import { ApiError } from '../../machinery/index.js';
import { type RbacKind, rbacValidators } from './validation.js';

const G = 'rbac.authorization.k8s.io';

function errorOf(fn: () => void): ApiError | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
}
const causes = (e: ApiError | undefined) => (e?.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);

describe('rbacValidators', () => {
  it('accepts well-formed objects of every kind', () => {
    rbacValidators.Role.validateCreate({ metadata: { name: 'r', namespace: 'a' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }] });
    rbacValidators.ClusterRole.validateCreate({ metadata: { name: 'c' }, rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }] });
    rbacValidators.RoleBinding.validateCreate({ metadata: { name: 'b', namespace: 'a' }, roleRef: { apiGroup: G, kind: 'Role', name: 'r' }, subjects: [{ kind: 'ServiceAccount', name: 'default' }] });
    rbacValidators.ClusterRoleBinding.validateCreate({ metadata: { name: 'b' }, roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'c' }, subjects: [{ kind: 'Group', apiGroup: G, name: 'devs' }] });
  });

  it('answers 422 with one cause per field error', () => {
    const err = errorOf(() => rbacValidators.Role.validateCreate({ metadata: { name: 'r', namespace: 'a' }, rules: [{ apiGroups: [''], resources: ['pods'] }] }));
    expect(err?.code).toBe(422);
    expect(err?.message).toBe('Role.rbac.authorization.k8s.io "r" is invalid: rules[0].verbs: Required value: verbs must contain at least one value');
    expect(err?.details).toMatchObject({ name: 'r', group: G, kind: 'Role' });
    expect(err?.details?.causes).toEqual([{ reason: 'FieldValueRequired', message: 'Required value: verbs must contain at least one value', field: 'rules[0].verbs' }]);
  });

  it('checks roleRef kind and group, subject kinds, and roleRef immutability', () => {
    const crb = { metadata: { name: 'b', resourceVersion: '1' }, roleRef: { apiGroup: 'example.com', kind: 'Role', name: 'r' }, subjects: [{ kind: 'Robot', name: 'x' }] };
    expect(causes(errorOf(() => rbacValidators.ClusterRoleBinding.validateCreate(crb)))).toEqual([
      'roleRef.apiGroup: Unsupported value: "example.com": supported values: "rbac.authorization.k8s.io"',
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
      'subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    ]);
    const old = { metadata: { name: 'b', namespace: 'a', resourceVersion: '1' }, roleRef: { apiGroup: G, kind: 'Role', name: 'r' } };
    const next = { ...old, roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'admin' } };
    expect(causes(errorOf(() => rbacValidators.RoleBinding.validateUpdate(next, old)))).toEqual([
      'roleRef: Invalid value: {"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"admin"}: cannot change roleRef',
    ]);
  });

  it('reports wrongly-typed fields as causes instead of crashing', () => {
    expect(causes(errorOf(() => rbacValidators.Role.validateCreate({ metadata: { name: 'r', namespace: 'a' }, rules: [{ verbs: 'get' }, 7] })))).toEqual([
      'rules[0].verbs: Invalid value: "get": must be a list',
      'rules[1]: Invalid value: 7: must be an object',
    ]);
    expect(causes(errorOf(() => rbacValidators.RoleBinding.validateCreate({ metadata: { name: 'b', namespace: 'a' } })))).toEqual(['roleRef: Required value']);
    expect(errorOf(() => rbacValidators.ClusterRole.validateCreate('not an object'))?.code).toBe(400);
  });

  // Fuzz: random, mostly malformed RBAC objects. Every outcome is a pass or an ApiError; nothing else may escape.
  it('never throws anything but an ApiError on malformed input', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const junk = (depth: number): unknown => {
      const leaves = [null, undefined, 0, -1, 1.5, true, '', 'x', '*', 'Role', 'ClusterRole', 'User', G, 'a/b', 'UPPER', '/healthz'];
      if (depth <= 0 || rand() < 0.4) return pick(leaves);
      if (rand() < 0.5) return Array.from({ length: Math.floor(rand() * 3) }, () => junk(depth - 1));
      const keys = ['name', 'namespace', 'kind', 'apiGroup', 'verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs', 'matchLabels', 'matchExpressions', 'labels'];
      return Object.fromEntries(Array.from({ length: Math.floor(rand() * 4) }, () => [pick(keys), junk(depth - 1)]));
    };
    const kinds: RbacKind[] = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const kind = pick(kinds);
      const obj: Record<string, unknown> = {
        metadata: rand() < 0.8 ? { name: pick(['r', '', 'a/b', 'ok-name']), namespace: pick(['a', '', undefined]), resourceVersion: '1', labels: junk(1) } : junk(2),
        rules: junk(3),
        aggregationRule: rand() < 0.3 ? { clusterRoleSelectors: junk(3) } : undefined,
        roleRef: junk(2),
        subjects: junk(3),
      };
      const run = () => (rand() < 0.3 ? rbacValidators[kind].validateUpdate(obj, junk(2)) : rbacValidators[kind].validateCreate(rand() < 0.02 ? junk(1) : obj));
      let outcome = 'ok';
      try {
        run();
      } catch (err) {
        expect(err, `${kind} ${JSON.stringify(obj)}`).toBeInstanceOf(ApiError);
        outcome = String((err as ApiError).code);
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect(outcomes.get('422')).toBeGreaterThan(1000);
  });
});
