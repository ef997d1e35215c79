import { describe, expect, it } from 'vitest';
import { formatFieldErrors, invalid } from '../../machinery/index.js';
import { applyDefaults } from '../defaults/index.js';
import { validateCreate, validateStatusUpdate, validateUpdate } from './index.js';

const gvk = { group: 'apps', version: 'v1', kind: 'Deployment' };
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The seed Deployment, defaulted as the API server defaults it before validation. */
function seed(mutate: (d: Obj) => void = () => {}): Obj {
  const d: Obj = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx', namespace: 'default' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:latest' }] } },
    },
  };
  mutate(d);
  return applyDefaults(gvk, d);
}

const messages = (errs: { toString(): string }[]) => errs.map((e) => e.toString());

describe('Deployment validation', () => {
  it('accepts the defaulted seed Deployment', () => {
    expect(validateCreate(gvk, seed())).toEqual([]);
  });

  it('reports a negative replica count exactly as Kubernetes does', () => {
    const errs = validateCreate(gvk, seed((d) => (d.spec.replicas = -1)));
    expect(formatFieldErrors(errs)).toBe('spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(invalid({ group: 'apps', kind: 'Deployment' }, 'nginx', errs).message).toBe(
      'Deployment.apps "nginx" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it('reports a selector that does not match the template labels exactly as Kubernetes does', () => {
    const errs = validateCreate(gvk, seed((d) => (d.spec.template.metadata.labels = { app: 'web' })));
    expect(formatFieldErrors(errs)).toBe(
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    );
    expect(errs[0]).toMatchObject({ type: 'FieldValueInvalid', field: 'spec.template.metadata.labels', badValue: { app: 'web' } });
  });

  it('joins several errors like ErrorList.ToAggregate', () => {
    const errs = validateCreate(
      gvk,
      seed((d) => {
        d.spec.replicas = -1;
        d.spec.template.metadata.labels = { app: 'web', tier: 'front' };
      }),
    );
    expect(formatFieldErrors(errs)).toBe(
      '[spec.replicas: Invalid value: -1: must be greater than or equal to 0, ' +
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web", "tier":"front"}: `selector` does not match template `labels`]',
    );
  });

  it.each<[string, (d: Obj) => void, string[]]>([
    ['a missing selector', (d) => delete d.spec.selector, [
        'spec.selector: Required value',
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
      ]],
    [
      'an empty selector',
      (d) => (d.spec.selector = {}),
      ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment'],
    ],
    [
      'an unknown strategy',
      (d) => (d.spec.strategy = { type: 'BlueGreen' }),
      ['spec.strategy: Unsupported value: {"type":"BlueGreen"}: supported values: "Recreate", "RollingUpdate"'],
    ],
    [
      'zero surge and zero unavailable',
      (d) => (d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }),
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0'],
    ],
    [
      'a bad percentage',
      (d) => (d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25', maxUnavailable: '150%' } }),
      [
        "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"25\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%',
      ],
    ],
    [
      'a progress deadline not above minReadySeconds',
      (d) => {
        d.spec.minReadySeconds = 700;
      },
      ['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds'],
    ],
    [
      'a template that does not restart Always',
      (d) => (d.spec.template.spec.restartPolicy = 'Never'),
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
    [
      'a container without image',
      (d) => delete d.spec.template.spec.containers[0].image,
      ['spec.template.spec.containers[0].image: Required value'],
    ],
  ])('rejects %s', (_name, mutate, expected) => {
    const d = seed();
    mutate(d);
    expect(messages(validateCreate(gvk, d))).toEqual(expected);
  });

  it('makes the selector immutable on update', () => {
    const old = { ...seed(), metadata: { name: 'nginx', namespace: 'default', resourceVersion: '5', uid: 'u1' } };
    const next = seed((d) => {
      d.spec.selector = { matchLabels: { app: 'nginx2' } };
      d.spec.template.metadata.labels = { app: 'nginx2' };
    });
    next.metadata = { ...old.metadata };
    expect(messages(validateUpdate(gvk, next, old))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"nginx2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it('requires a resourceVersion and keeps the name on update', () => {
    const old = { ...seed(), metadata: { name: 'nginx', namespace: 'default', resourceVersion: '5' } };
    const next = { ...seed(), metadata: { name: 'other', namespace: 'default' } };
    expect(messages(validateUpdate(gvk, next, old))).toEqual([
      'metadata.resourceVersion: Invalid value: "": must be specified for an update',
      'metadata.name: Invalid value: "other": field is immutable',
    ]);
  });

  it('checks status counters on status updates', () => {
    const old = { ...seed(), metadata: { name: 'nginx', namespace: 'default', resourceVersion: '5' } };
    const next = { ...old, status: { replicas: 1, readyReplicas: 2, availableReplicas: 2 } };
    expect(messages(validateStatusUpdate(gvk, next, old))).toEqual([
      'status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas',
      'status.availableReplicas: Invalid value: 2: cannot be greater than status.replicas',
    ]);
  });
});

describe('ReplicaSet, StatefulSet, DaemonSet and Scale validation', () => {
  const template = { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'i' }] } };

  it('accepts a defaulted ReplicaSet and rejects a negative one', () => {
    const rsGVK = { group: 'apps', version: 'v1', kind: 'ReplicaSet' };
    const rs = applyDefaults(rsGVK, { metadata: { name: 'rs', namespace: 'ns' }, spec: { selector: { matchLabels: { app: 'a' } }, template: structuredClone(template) } });
    expect(validateCreate(rsGVK, rs)).toEqual([]);
    (rs.spec as Obj).replicas = -2;
    expect(messages(validateCreate(rsGVK, rs))).toEqual(['spec.replicas: Invalid value: -2: must be greater than or equal to 0']);
  });

  it('requires StatefulSet names to be DNS labels and forbids changing other spec fields', () => {
    const stsGVK = { group: 'apps', version: 'v1', kind: 'StatefulSet' };
    const sts = applyDefaults(stsGVK, { metadata: { name: 'web.v1', namespace: 'ns' }, spec: { serviceName: 'web', selector: { matchLabels: { app: 'a' } }, template: structuredClone(template) } });
    expect(messages(validateCreate(stsGVK, sts))).toEqual([
      'metadata.name: Invalid value: "web.v1": must not contain dots',
    ]);
    const old = { ...sts, metadata: { name: 'web', namespace: 'ns', resourceVersion: '1' } };
    const next = { ...old, spec: { ...(old.spec as Obj), serviceName: 'other', replicas: 5 } };
    expect(messages(validateUpdate(stsGVK, next, old))).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });

  it('rejects a DaemonSet rolling update with both surge and unavailability', () => {
    const dsGVK = { group: 'apps', version: 'v1', kind: 'DaemonSet' };
    const ds = applyDefaults(dsGVK, {
      metadata: { name: 'ds', namespace: 'ns' },
      spec: { selector: { matchLabels: { app: 'a' } }, template: structuredClone(template), updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } },
    });
    expect(messages(validateCreate(dsGVK, ds))).toEqual(['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero']);
  });

  it('rejects a negative Scale', () => {
    const scaleGVK = { group: 'autoscaling', version: 'v1', kind: 'Scale' };
    expect(messages(validateCreate(scaleGVK, { metadata: { name: 'x' }, spec: { replicas: -1 } }))).toEqual([
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });
});
