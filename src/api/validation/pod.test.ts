import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../defaults/index.js';
import { UPDATABLE_POD_SPEC_FIELDS, validateCreate, validateStatusUpdate, validateUpdate } from './index.js';

const gvk = { group: '', version: 'v1', kind: 'Pod' };
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function pod(mutate: (p: Obj) => void = () => {}): Obj {
  const p: Obj = {
    metadata: { name: 'nginx-68bcd98f5c-abc12', namespace: 'default', labels: { app: 'nginx' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx:latest', ports: [{ containerPort: 80 }] }] },
  };
  mutate(p);
  return applyDefaults(gvk, p);
}

const messages = (errs: { toString(): string }[]) => errs.map((e) => e.toString());

describe('Pod create validation', () => {
  it('accepts a defaulted pod', () => {
    expect(validateCreate(gvk, pod())).toEqual([]);
  });

  it.each<[string, (p: Obj) => void, string[]]>([
    ['no containers', (p) => (p.spec.containers = []), ['spec.containers: Required value']],
    [
      'a container name that is not a DNS label',
      (p) => (p.spec.containers[0].name = 'Nginx'),
      [
        "spec.containers[0].name: Invalid value: \"Nginx\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    [
      'duplicate container names',
      (p) => p.spec.containers.push({ name: 'nginx', image: 'busybox' }),
      ['spec.containers[1].name: Duplicate value: "nginx"'],
    ],
    ['a missing image', (p) => delete p.spec.containers[0].image, ['spec.containers[0].image: Required value']],
    [
      'an out-of-range port',
      (p) => (p.spec.containers[0].ports = [{ containerPort: 70000 }]),
      ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ],
    [
      'an unknown protocol',
      (p) => (p.spec.containers[0].ports = [{ containerPort: 80, protocol: 'HTTP' }]),
      ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    [
      'an unknown restart policy',
      (p) => (p.spec.restartPolicy = 'Sometimes'),
      ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    ],
    [
      'requests above limits',
      (p) => (p.spec.containers[0].resources = { requests: { cpu: '2' }, limits: { cpu: '1' } }),
      ['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'],
    ],
    [
      'a negative memory request',
      (p) => (p.spec.containers[0].resources = { requests: { memory: '-1Gi' } }),
      ['spec.containers[0].resources.requests[memory]: Invalid value: "-1Gi": must be greater than or equal to 0'],
    ],
    [
      'a non-standard resource name (the defaulted request repeats the error)',
      (p) => (p.spec.containers[0].resources = { limits: { gpu: '1' } }),
      [
        'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
        'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
        'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
        'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      ],
    ],
    [
      'an extended resource request without a limit',
      (p) => (p.spec.containers[0].resources = { requests: { 'example.com/gpu': '1' } }),
      ['spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources'],
    ],
    [
      'a mount of an unknown volume',
      (p) => (p.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: '/data' }]),
      ['spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    ],
    [
      'a liveness probe with successThreshold 2',
      (p) => (p.spec.containers[0].livenessProbe = { tcpSocket: { port: 80 }, successThreshold: 2 }),
      ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'],
    ],
    [
      'a toleration with an empty key and operator Equal',
      (p) => (p.spec.tolerations = [{ operator: 'Equal', value: 'x' }]),
      ['spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"'],
    ],
    [
      'a bad label',
      (p) => (p.metadata.labels = { app: 'nginx!' }),
      [
        "metadata.labels: Invalid value: \"nginx!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      ],
    ],
    ['a missing namespace', (p) => delete p.metadata.namespace, ['metadata.namespace: Required value']],
    ['no name', (p) => delete p.metadata.name, ['metadata.name: Required value: name or generateName is required']],
    ['ephemeral containers', (p) => (p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }]), ['spec.ephemeralContainers: Forbidden: cannot be set on create']],
  ])('rejects %s', (_name, mutate, expected) => {
    expect(messages(validateCreate(gvk, pod(mutate)))).toEqual(expected);
  });

  it('reports annotations larger than 256 KiB', () => {
    const big = pod((p) => (p.metadata.annotations = { a: 'x'.repeat(256 * 1024) }));
    expect(messages(validateCreate(gvk, big))).toEqual(['metadata.annotations: Too long: may not be more than 262144 bytes']);
  });
});

describe('Pod update validation', () => {
  const stored = () => {
    const p = pod();
    p.metadata.resourceVersion = '7';
    p.metadata.uid = 'u-1';
    return p;
  };

  it('lets the image and tolerations (additions) change', () => {
    const old = stored();
    const next = structuredClone(old);
    next.spec.containers[0].image = 'nginx:1.27';
    next.spec.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }];
    expect(validateUpdate(gvk, next, old)).toEqual([]);
  });

  it('forbids other spec changes with Kubernetes’ message', () => {
    const old = stored();
    const next = structuredClone(old);
    next.spec.containers[0].ports[0].containerPort = 8080;
    const errs = validateUpdate(gvk, next, old);
    expect(errs).toHaveLength(1);
    expect(errs[0]!.field).toBe('spec');
    expect(errs[0]!.toString()).toMatch(
      /^spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,`spec.initContainers\[\*\].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` \(only additions to existing tolerations\),`spec.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/,
    );
    expect(errs[0]!.toString()).toContain('containers');
    expect(UPDATABLE_POD_SPEC_FIELDS).toHaveLength(5);
  });

  it('forbids adding containers', () => {
    const old = stored();
    const next = structuredClone(old);
    next.spec.containers.push({ ...next.spec.containers[0], name: 'sidecar' });
    expect(messages(validateUpdate(gvk, next, old))).toEqual(['spec.containers: Forbidden: pod updates may not add or remove containers']);
  });

  it('forbids changing an existing toleration', () => {
    const old = stored();
    old.spec.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }];
    const next = structuredClone(old);
    next.spec.tolerations[0].effect = 'NoExecute';
    expect(messages(validateUpdate(gvk, next, old))).toEqual([
      'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
    ]);
  });

  it('keeps metadata identity immutable', () => {
    const old = stored();
    const next = structuredClone(old);
    next.metadata.uid = 'u-2';
    next.metadata.namespace = 'other';
    expect(messages(validateUpdate(gvk, next, old))).toEqual([
      'metadata.namespace: Invalid value: "other": field is immutable',
      'metadata.uid: Invalid value: "u-2": field is immutable',
    ]);
  });

  it('lets the kubelet write status but not the node name', () => {
    const old = stored();
    const next = structuredClone(old);
    next.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
    expect(validateStatusUpdate(gvk, next, old)).toEqual([]);
    next.spec.nodeName = 'n1';
    expect(messages(validateStatusUpdate(gvk, next, old))).toEqual(['status.nodeName: Forbidden: may not be changed directly']);
  });
});
