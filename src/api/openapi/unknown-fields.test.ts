import { describe, expect, it } from 'vitest';
import { builtinDefinitions } from './definitions/index.js';
import type { SchemaObject } from './schema.js';
import { MAX_UNKNOWN_FIELDS, SchemaUnknownFieldFinder, unknownFieldMessage, unknownFields } from './unknown-fields.js';

const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };
const POD = { group: '', version: 'v1', kind: 'Pod' };
const v1 = (kind: string) => ({ group: '', version: 'v1', kind });

/** Sets `value` at a dotted path (numeric segments index lists), creating nothing: every parent must exist. */
function set(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur: unknown = obj;
  for (const k of keys.slice(0, -1)) cur = (cur as Record<string, unknown>)[k];
  (cur as Record<string, unknown>)[keys.at(-1)!] = value;
}

/** The Deployment of the seed pod-creation flow (Step 2). */
function seedDeployment(): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx', namespace: 'default' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:latest' }] },
      },
    },
  };
}

describe('unknownFields', () => {
  it('finds nothing unknown in the seed Deployment', () => {
    expect(unknownFields(DEPLOYMENT, seedDeployment())).toEqual([]);
  });

  it('reports typos at every depth with strict-decoding paths, in document order', () => {
    const d = seedDeployment();
    set(d, 'specc', {});
    set(d, 'metadata.labelz', { a: 'b' });
    set(d, 'spec.replicaz', 2);
    set(d, 'spec.template.metadata.annotationz', {});
    set(d, 'spec.template.spec.containers.0.imagee', 'nginx');
    set(d, 'spec.template.spec.containers.1', { name: 'side', image: 'busybox', ports: [{ containerPort: 80, protocoll: 'TCP' }] });
    set(d, 'spec.template.spec.containers.1.livenessProbe', { httpGet: { port: 80, pathh: '/' } });
    expect(unknownFields(DEPLOYMENT, d)).toEqual([
      'metadata.labelz',
      'spec.template.metadata.annotationz',
      'spec.template.spec.containers[0].imagee',
      'spec.template.spec.containers[1].ports[0].protocoll',
      'spec.template.spec.containers[1].livenessProbe.httpGet.pathh',
      'spec.replicaz',
      'specc',
    ]);
  });

  it('matches field names case-sensitively, as Kubernetes decodes', () => {
    const d = seedDeployment();
    set(d, 'spec.template.spec.containers.0.Image', 'x');
    expect(unknownFields(DEPLOYMENT, d)).toEqual(['spec.template.spec.containers[0].Image']);
  });

  it('does not look inside maps: labels, annotations, selectors, resources, node selectors', () => {
    const d = seedDeployment();
    set(d, 'metadata.labels', { 'app.kubernetes.io/name': 'x', weird_key: 'v' });
    set(d, 'metadata.annotations', { 'kubectl.kubernetes.io/last-applied-configuration': '{}' });
    set(d, 'spec.template.spec.nodeSelector', { 'kubernetes.io/os': 'linux' });
    set(d, 'spec.template.spec.containers.0.resources', { requests: { cpu: '100m', memory: '64Mi' }, limits: { 'nvidia.com/gpu': 1 } });
    set(d, 'spec.template.spec.overhead', { cpu: '10m' });
    expect(unknownFields(DEPLOYMENT, d)).toEqual([]);
  });

  it('skips preserve-unknown-fields values such as managedFields[].fieldsV1', () => {
    const d = seedDeployment();
    set(d, 'metadata.managedFields', [
      { manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } },
    ]);
    expect(unknownFields(DEPLOYMENT, d)).toEqual([]);
    set(d, 'metadata.managedFields.0.managr', 'x');
    expect(unknownFields(DEPLOYMENT, d)).toEqual(['metadata.managedFields[0].managr']);
  });

  it('accepts a fully featured pod', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u', controller: true }] },
      spec: {
        initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'true'], restartPolicy: 'Always' }],
        containers: [
          {
            name: 'app',
            image: 'nginx',
            ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
            env: [
              { name: 'A', value: '1' },
              { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'S', valueFrom: { secretKeyRef: { name: 's', key: 'k', optional: true } } },
            ],
            envFrom: [{ configMapRef: { name: 'cm' }, prefix: 'CM_' }],
            volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg', readOnly: true }],
            readinessProbe: { httpGet: { path: '/healthz', port: 'http', httpHeaders: [{ name: 'X', value: 'y' }] }, periodSeconds: 5 },
            livenessProbe: { tcpSocket: { port: 80 }, failureThreshold: 3 },
            startupProbe: { exec: { command: ['true'] } },
            lifecycle: { preStop: { sleep: { seconds: 5 } }, postStart: { exec: { command: ['true'] } } },
            securityContext: { runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
          },
        ],
        volumes: [
          { name: 'cfg', configMap: { name: 'cm', items: [{ key: 'a', path: 'a.conf' }], defaultMode: 420 } },
          { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
          { name: 'tok', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] } },
          { name: 'old', gcePersistentDisk: { pdName: 'disk', fsType: 'ext4' } },
        ],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }],
            },
          },
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'x' } }, topologyKey: 'kubernetes.io/hostname' } },
            ],
          },
        },
        tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { a: 'b' } } }],
        securityContext: { fsGroup: 2000, sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] },
      },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-01-01T00:00:00Z' }],
        containerStatuses: [
          { name: 'app', ready: true, restartCount: 0, image: 'nginx', imageID: 'sha', state: { running: { startedAt: '2024-01-01T00:00:00Z' } } },
        ],
        podIPs: [{ ip: '10.0.0.5' }],
      },
    };
    expect(unknownFields(POD, pod)).toEqual([]);
  });

  it('accepts valid objects of the other kinds and their maps', () => {
    const cases: [{ group: string; version: string; kind: string }, unknown][] = [
      [v1('ConfigMap'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'any.key': 'v', other: 'w' }, binaryData: { b: 'AA==' } }],
      [v1('Secret'), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', data: { pw: 'cA==' }, stringData: { user: 'u' } }],
      [
        v1('Service'),
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'x' }, ports: [{ port: 80, targetPort: 'http' }], type: 'NodePort' } },
      ],
      [
        v1('Node'),
        {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: 'n' },
          spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] },
          status: { capacity: { cpu: '4', pods: '110' }, nodeInfo: { kubeletVersion: 'v1.32.0' }, daemonEndpoints: { kubeletEndpoint: { Port: 10250 } } },
        },
      ],
      [{ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole' }, { metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] } }],
      [
        { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice' },
        { metadata: { name: 'e' }, addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true } }], ports: [{ port: 80 }] },
      ],
      [{ group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' }, { metadata: { name: 'l' }, spec: { holderIdentity: 'x', renewTime: '2024-01-01T00:00:00.000000Z' } }],
      [{ group: 'events.k8s.io', version: 'v1', kind: 'Event' }, { metadata: { name: 'e' }, eventTime: null, regarding: { kind: 'Pod', name: 'p' }, note: 'n' }],
      [
        { group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingWebhookConfiguration' },
        { metadata: { name: 'w' }, webhooks: [{ name: 'w.example.com', clientConfig: { service: { namespace: 'n', name: 's' } }, sideEffects: 'None', admissionReviewVersions: ['v1'] }] },
      ],
      [{ group: 'autoscaling', version: 'v1', kind: 'Scale' }, { metadata: { name: 'nginx' }, spec: { replicas: 5 } }],
    ];
    for (const [gvk, obj] of cases) expect(unknownFields(gvk, obj), gvk.kind).toEqual([]);
    expect(unknownFields(v1('ConfigMap'), { metadata: { name: 'c' }, date: {} })).toEqual(['date']);
  });

  it('checks list kinds item by item', () => {
    const list = { apiVersion: 'apps/v1', kind: 'DeploymentList', metadata: { resourceVersion: '1' }, items: [seedDeployment(), { ...seedDeployment(), extra: 1 }] };
    expect(unknownFields({ ...DEPLOYMENT, kind: 'DeploymentList' }, list)).toEqual(['items[1].extra']);
  });

  it('reports each path once and stops at the decoder limit', () => {
    const d: Record<string, unknown> = { metadata: {} };
    for (let i = 0; i < 150; i++) d[`f${i}`] = i;
    expect(unknownFields(DEPLOYMENT, d)).toHaveLength(MAX_UNKNOWN_FIELDS);
  });

  it('does not descend into values of the wrong shape', () => {
    expect(unknownFields(DEPLOYMENT, { metadata: 'oops', spec: { template: { spec: { containers: { name: 'x' } } } } })).toEqual([]);
  });

  it('formats the Kubernetes message', () => {
    expect(unknownFieldMessage('spec.template.spec.containers[0].imagee')).toBe('unknown field "spec.template.spec.containers[0].imagee"');
  });
});

describe('SchemaUnknownFieldFinder', () => {
  it('knows the built-in kinds and reports nothing for kinds without a schema', () => {
    const finder = new SchemaUnknownFieldFinder();
    expect(finder.knows(DEPLOYMENT)).toBe(true);
    expect(finder.knows({ group: 'example.com', version: 'v1', kind: 'Widget' })).toBe(false);
    expect(finder.unknownFields({ group: 'example.com', version: 'v1', kind: 'Widget' }, { anything: 1 })).toEqual([]);
  });

  it('uses the definitions it is given', () => {
    const defs: Record<string, SchemaObject> = { ...builtinDefinitions() };
    const spec = defs['io.k8s.api.apps.v1.DeploymentSpec']!;
    defs['io.k8s.api.apps.v1.DeploymentSpec'] = { ...spec, properties: { ...spec.properties, shiny: { type: 'boolean' } } };
    const d = seedDeployment();
    set(d, 'spec.shiny', true);
    expect(new SchemaUnknownFieldFinder({ definitions: defs }).unknownFields(DEPLOYMENT, d)).toEqual([]);
    expect(unknownFields(DEPLOYMENT, d)).toEqual(['spec.shiny']);
  });
});
