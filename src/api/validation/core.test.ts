import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../defaults/index.js';
import { UnknownKindError, hasValidation, validateCreate, validateDeleteOptions, validateStatusUpdate, validateUpdate } from './index.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const core = (kind: string) => ({ group: '', version: 'v1', kind });
const messages = (errs: { toString(): string }[]) => errs.map((e) => e.toString());

function service(mutate: (s: Obj) => void = () => {}): Obj {
  const s: Obj = { metadata: { name: 'nginx', namespace: 'default' }, spec: { selector: { app: 'nginx' }, ports: [{ port: 80 }] } };
  mutate(s);
  return applyDefaults(core('Service'), s);
}

describe('Service validation', () => {
  it('accepts a defaulted ClusterIP service', () => {
    expect(validateCreate(core('Service'), service())).toEqual([]);
  });

  it.each<[string, (s: Obj) => void, string[]]>([
    ['no ports', (s) => (s.spec.ports = []), ['spec.ports: Required value']],
    [
      'port 0 (targetPort defaults to it)',
      (s) => (s.spec.ports = [{ port: 0 }]),
      ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive', 'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive'],
    ],
    [
      'an unknown type',
      (s) => (s.spec.type = 'Internal'),
      ['spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    ],
    [
      'a name that is not a DNS-1035 label',
      (s) => (s.metadata.name = '1nginx'),
      [
        "metadata.name: Invalid value: \"1nginx\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    [
      'unnamed ports when there are several',
      (s) => (s.spec.ports = [{ port: 80 }, { port: 443 }]),
      ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value'],
    ],
    [
      'a nodePort on a ClusterIP service',
      (s) => (s.spec.ports = [{ port: 80, nodePort: 30080 }]),
      ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    ],
  ])('rejects %s', (_name, mutate, expected) => {
    expect(messages(validateCreate(core('Service'), service(mutate)))).toEqual(expected);
  });

  it('keeps the cluster IP once set', () => {
    const old = service((s) => (s.spec.clusterIP = '10.96.0.10'));
    old.metadata.resourceVersion = '3';
    const next = structuredClone(old);
    next.spec.clusterIP = '10.96.0.11';
    next.spec.clusterIPs = ['10.96.0.11'];
    expect(messages(validateUpdate(core('Service'), next, old))).toEqual([
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set',
    ]);
  });

  it('forbids load-balancer ingress on a ClusterIP service status', () => {
    const old = service();
    old.metadata.resourceVersion = '3';
    const next = { ...structuredClone(old), status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } };
    expect(messages(validateStatusUpdate(core('Service'), next, old))).toEqual([
      "status.loadBalancer.ingress: Forbidden: may only be used when `spec.type` is 'LoadBalancer'",
    ]);
  });
});

describe('other core kinds', () => {
  it.each<[string, string, Obj, string[]]>([
    ['a valid namespace', 'Namespace', applyDefaults(core('Namespace'), { metadata: { name: 'dev' } }), []],
    [
      'a namespace with dots',
      'Namespace',
      applyDefaults(core('Namespace'), { metadata: { name: 'dev.team' } }),
      ['metadata.name: Invalid value: "dev.team": must not contain dots'],
    ],
    [
      'a namespaced Namespace',
      'Namespace',
      applyDefaults(core('Namespace'), { metadata: { name: 'dev', namespace: 'x' } }),
      ['metadata.namespace: Forbidden: not allowed on this type'],
    ],
    ['a valid ConfigMap', 'ConfigMap', { kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { 'app.conf': 'x' } }, []],
    [
      'a ConfigMap key with a slash',
      'ConfigMap',
      { kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { 'a/b': 'x' } },
      [
        "data[a/b]: Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      ],
    ],
    [
      'a ConfigMap key in both data and binaryData',
      'ConfigMap',
      { kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { k: 'x' }, binaryData: { k: 'eA==' } },
      ['data[k]: Invalid value: "k": duplicate of key present in binaryData'],
    ],
    [
      'a TLS Secret without its keys',
      'Secret',
      { kind: 'Secret', metadata: { name: 's', namespace: 'default' }, type: 'kubernetes.io/tls', data: {} },
      ['data[tls.crt]: Required value', 'data[tls.key]: Required value'],
    ],
    ['a valid Opaque Secret', 'Secret', applyDefaults(core('Secret'), { kind: 'Secret', metadata: { name: 's', namespace: 'default' }, data: { a: 'YQ==' } }), []],
    ['a ServiceAccount without namespace', 'ServiceAccount', { kind: 'ServiceAccount', metadata: { name: 'sa' } }, ['metadata.namespace: Required value']],
    [
      'a Node with a bad taint effect',
      'Node',
      { kind: 'Node', metadata: { name: 'n1' }, spec: { taints: [{ key: 'k', effect: 'Never' }] } },
      ['metadata.taints[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'],
    ],
    [
      'Endpoints with a loopback address',
      'Endpoints',
      { kind: 'Endpoints', metadata: { name: 'e', namespace: 'default' }, subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ port: 80, protocol: 'TCP' }] }] },
      ['subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)'],
    ],
    [
      'a core Event whose namespace differs from its object',
      'Event',
      { kind: 'Event', metadata: { name: 'e.1', namespace: 'default' }, involvedObject: { kind: 'Pod', namespace: 'kube-system', name: 'p' } },
      ['involvedObject.namespace: Invalid value: "kube-system": does not match event.namespace'],
    ],
  ])('%s', (_name, kind, obj, expected) => {
    expect(messages(validateCreate(core(kind), obj))).toEqual(expected);
  });

  it('keeps a Secret type and immutable data fixed', () => {
    const old = { metadata: { name: 's', namespace: 'd', resourceVersion: '1' }, type: 'Opaque', immutable: true, data: { a: 'YQ==' } };
    const next = { ...old, type: 'kubernetes.io/basic-auth', data: { a: 'Yg==', username: 'dQ==' } };
    expect(messages(validateUpdate(core('Secret'), next, old))).toEqual([
      'type: Invalid value: "kubernetes.io/basic-auth": field is immutable',
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
  });

  it('requires a Terminating phase once a namespace is being deleted', () => {
    const old = { metadata: { name: 'dev', resourceVersion: '1', deletionTimestamp: '2024-01-01T00:00:00Z' }, status: { phase: 'Active' } };
    expect(messages(validateStatusUpdate(core('Namespace'), old, old))).toEqual([
      'status.Phase: Invalid value: "Active": may only be \'Terminating\' if `deletionTimestamp` is not empty',
    ]);
  });
});

describe('metadata rules shared by every kind', () => {
  const cm = (meta: Obj) => ({ metadata: { name: 'c', namespace: 'default', ...meta } });

  it.each<[string, Obj, string[]]>([
    [
      'a bad generateName prefix',
      { name: 'Abc-x', generateName: 'Abc-' },
      [
        "metadata.generateName: Invalid value: \"Abc-\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        "metadata.name: Invalid value: \"Abc-x\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
    ],
    ['a negative generation', { generation: -1 }, ['metadata.generation: Invalid value: -1: must be greater than or equal to 0']],
    [
      'two controller owners',
      {
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true },
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
        ],
      },
      [
        'metadata.ownerReferences: Invalid value: [{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"a","uid":"1","controller":true},{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"b","uid":"2","controller":true}]: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b',
      ],
    ],
    ['an owner without uid', { ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: '' }] }, ['metadata.ownerReferences.uid: Invalid value: "": uid must not be empty']],
    [
      'a non-standard unqualified finalizer',
      { finalizers: ['cleanup'] },
      ['metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified'],
    ],
  ])('rejects %s', (_name, meta, expected) => {
    expect(messages(validateCreate(core('ConfigMap'), cm(meta)))).toEqual(expected);
  });

  it('forbids adding finalizers while an object is being deleted', () => {
    const old = cm({ resourceVersion: '1', deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: ['example.com/a'] });
    const next = cm({ resourceVersion: '1', deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: ['example.com/a', 'example.com/b'] });
    expect(messages(validateUpdate(core('ConfigMap'), next, old))).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/b"}',
    ]);
  });
});

describe('dispatch and options', () => {
  it('throws a typed error for kinds it does not know', () => {
    expect(() => validateCreate({ group: 'example.com', version: 'v1', kind: 'Widget' }, {})).toThrow(UnknownKindError);
    expect(hasValidation({ group: 'example.com', version: 'v1', kind: 'Widget' })).toBe(false);
    expect(hasValidation(core('Pod'))).toBe(true);
  });

  it.each<[Obj, string[]]>([
    [{ propagationPolicy: 'Background' }, []],
    [{ propagationPolicy: 'Sideways' }, ['propagationPolicy: Unsupported value: "Sideways": supported values: "Foreground", "Background", "Orphan", "nil"']],
    [{ propagationPolicy: 'Orphan', orphanDependents: true }, ['propagationPolicy: Invalid value: "Orphan": orphanDependents and deletionPropagation cannot be both set']],
  ])('validates DeleteOptions %j', (opts, expected) => {
    expect(messages(validateDeleteOptions(opts))).toEqual(expected);
  });
});
