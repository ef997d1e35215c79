import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../defaults/index.js';
import { validateCreate, validateUpdate } from './index.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const messages = (errs: { toString(): string }[]) => errs.map((e) => e.toString());
const rbac = (kind: string) => ({ group: 'rbac.authorization.k8s.io', version: 'v1', kind });
const authz = (kind: string) => ({ group: 'authorization.k8s.io', version: 'v1', kind });
const webhook = { group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingWebhookConfiguration' };

describe('RBAC validation', () => {
  it.each<[string, string, Obj, string[]]>([
    ['a valid Role', 'Role', { metadata: { name: 'pod-reader', namespace: 'dev' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] }, []],
    [
      'a rule without verbs or resources',
      'Role',
      { metadata: { name: 'r', namespace: 'dev' }, rules: [{ apiGroups: [''] }] },
      ['rules[0].verbs: Required value: verbs must contain at least one value', 'rules[0].resources: Required value: resource rules must supply at least one resource'],
    ],
    [
      'non-resource URLs in a namespaced Role',
      'Role',
      { metadata: { name: 'r', namespace: 'dev' }, rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] },
      ['rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs'],
    ],
    ['a role name with a slash', 'ClusterRole', { metadata: { name: 'a/b' }, rules: [] }, ["metadata.name: Invalid value: \"a/b\": may not contain '/'"]],
    [
      'a ClusterRoleBinding to a Role',
      'ClusterRoleBinding',
      applyDefaults(rbac('ClusterRoleBinding'), { metadata: { name: 'b' }, roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'ServiceAccount', name: 'sa' }] }),
      ['roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"', 'subjects[0].namespace: Required value'],
    ],
    [
      'a subject of an unknown kind',
      'RoleBinding',
      applyDefaults(rbac('RoleBinding'), { metadata: { name: 'b', namespace: 'dev' }, roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'Robot', name: 'r2' }] }),
      ['subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"'],
    ],
  ])('%s', (_name, kind, obj, expected) => {
    expect(messages(validateCreate(rbac(kind), obj))).toEqual(expected);
  });

  it('refuses to change a binding’s roleRef', () => {
    const old = applyDefaults(rbac('RoleBinding'), { metadata: { name: 'b', namespace: 'dev', resourceVersion: '1' }, roleRef: { kind: 'Role', name: 'r' } });
    const next = { ...old, roleRef: { ...(old.roleRef as Obj), name: 'other' } };
    expect(messages(validateUpdate(rbac('RoleBinding'), next, old))).toEqual([
      'roleRef: Invalid value: {"kind":"Role","name":"other","apiGroup":"rbac.authorization.k8s.io"}: cannot change roleRef',
    ]);
  });
});

describe('access reviews', () => {
  it.each<[string, string, Obj, string[]]>([
    ['what kubectl auth can-i sends', 'SelfSubjectAccessReview', { metadata: {}, spec: { resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'default' } } }, []],
    [
      'a review with no attributes',
      'SelfSubjectAccessReview',
      { metadata: {}, spec: {} },
      ['spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified'],
    ],
    [
      'a SubjectAccessReview without user or group',
      'SubjectAccessReview',
      { spec: { nonResourceAttributes: { path: '/healthz', verb: 'get' } } },
      ['spec.user: Invalid value: "": at least one of user or group must be specified'],
    ],
    ['a review with a name', 'SelfSubjectAccessReview', { metadata: { name: 'x' }, spec: { nonResourceAttributes: { path: '/', verb: 'get' } } }, ['metadata: Invalid value: {"name":"x"}: must be empty']],
  ])('%s', (_name, kind, obj, expected) => {
    expect(messages(validateCreate(authz(kind), obj))).toEqual(expected);
  });
});

describe('admission webhook configurations', () => {
  const config = (hook: Obj) =>
    applyDefaults(webhook, {
      metadata: { name: 'policy' },
      webhooks: [{ name: 'check.example.com', clientConfig: { service: { namespace: 'ns', name: 'svc' } }, sideEffects: 'None', admissionReviewVersions: ['v1'], ...hook }],
    });

  it('accepts a defaulted configuration', () => {
    expect(validateCreate(webhook, config({ rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }] }))).toEqual([]);
  });

  it.each<[string, Obj, string[]]>([
    ['a two-segment name', { name: 'check.example' }, ['webhooks[0].name: Invalid value: "check.example": should be a domain with at least three segments separated by dots']],
    ['unknown side effects', { sideEffects: 'Some' }, ['webhooks[0].sideEffects: Unsupported value: "Some": supported values: "None", "NoneOnDryRun"']],
    ['a plain-http URL', { clientConfig: { url: 'http://example.com/hook' } }, ['webhooks[0].clientConfig.url: Invalid value: "http://example.com/hook": \'https\' is the only allowed URL scheme']],
    ['a 60 second timeout', { timeoutSeconds: 60 }, ['webhooks[0].timeoutSeconds: Invalid value: 60: the timeout value must be between 1 and 30 seconds']],
    ['a rule without resources', { rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'] }] }, ['webhooks[0].rules[0].resources: Required value']],
    [
      'matchConditions that do not compile, repeat a name or lack parts',
      { matchConditions: [{ name: 'ok', expression: "object.metadata.name == 'x'" }, { name: 'ok', expression: '1 +' }, { name: '', expression: '' }] },
      [
        'webhooks[0].matchConditions[1].name: Duplicate value: "ok"',
        'webhooks[0].matchConditions[1].expression: Invalid value: "1 +": compilation failed: Unexpected token: EOF',
        'webhooks[0].matchConditions[2].name: Required value',
        'webhooks[0].matchConditions[2].expression: Required value',
      ],
    ],
    [
      'more than 64 matchConditions',
      { matchConditions: Array.from({ length: 65 }, (_, i) => ({ name: `c${i}`, expression: 'true' })) },
      ['webhooks[0].matchConditions: Too many: 65: must have at most 64 items'],
    ],
  ])('rejects %s', (_name, hook, expected) => {
    expect(messages(validateCreate(webhook, config(hook)))).toEqual(expected);
  });
});

describe('events and leases', () => {
  const lease = { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' };
  const events = { group: 'events.k8s.io', version: 'v1', kind: 'Event' };

  it('checks lease durations', () => {
    expect(validateCreate(lease, { metadata: { name: 'node-1', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40 } })).toEqual([]);
    expect(messages(validateCreate(lease, { metadata: { name: 'n', namespace: 'kube-node-lease' }, spec: { leaseDurationSeconds: 0 } }))).toEqual([
      'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
    ]);
  });

  const ev = (extra: Obj): Obj => ({
    metadata: { name: 'nginx.17a', namespace: 'default' },
    eventTime: '2024-01-01T00:00:00.000000Z',
    reportingController: 'skiff.dev/deployment-controller',
    reportingInstance: 'controller-manager-1',
    action: 'Scaling',
    reason: 'ScalingReplicaSet',
    regarding: { kind: 'Deployment', namespace: 'default', name: 'nginx' },
    note: 'Scaled up replica set nginx-68bcd98f5c to 3',
    type: 'Normal',
    ...extra,
  });

  it('accepts what a new-style recorder writes and rejects deprecated fields', () => {
    expect(validateCreate(events, ev({}))).toEqual([]);
    expect(messages(validateCreate(events, ev({ type: 'Info', deprecatedCount: 3 })))).toEqual([
      'type: Invalid value: "": has invalid value: Info',
      'count: Invalid value: "": needs to be unset',
    ]);
  });

  it('keeps an events.k8s.io Event’s content immutable', () => {
    const old = ev({ metadata: { name: 'nginx.17a', namespace: 'default', resourceVersion: '1' } });
    expect(messages(validateUpdate(events, { ...old, note: 'changed' }, old))).toEqual(['message: Invalid value: "changed": field is immutable']);
  });
});
