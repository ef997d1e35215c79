import { describe, expect, it } from 'vitest';
import { decodeK8sProtobuf, encodeK8sProtobuf } from './envelope.js';
import { ProtobufDecodeError } from './errors.js';
import { WireType, WireWriter } from './wire.js';

type Obj = Record<string, unknown>;
const LEN = WireType.LengthDelimited;

function envelope(apiVersion: string, kind: string, raw: Uint8Array): Uint8Array {
  const tm = new WireWriter().tag(1, LEN).string(apiVersion).tag(2, LEN).string(kind);
  const body = new WireWriter().tag(1, LEN).bytes(tm.finish()).tag(2, LEN).bytes(raw).finish();
  return new Uint8Array([0x6b, 0x38, 0x73, 0x00, ...body]);
}

const decodeRaw = (apiVersion: string, kind: string, raw: Uint8Array): Obj =>
  decodeK8sProtobuf(envelope(apiVersion, kind, raw)).object;
const roundTrip = (obj: Obj): Obj => decodeK8sProtobuf(encodeK8sProtobuf(obj)).object;
const msg = (build: (w: WireWriter) => void): Uint8Array => {
  const w = new WireWriter();
  build(w);
  return w.finish();
};

const richPod: Obj = {
  kind: 'Pod',
  apiVersion: 'v1',
  metadata: {
    name: 'web-0',
    namespace: 'default',
    uid: '0b6f1c1e-1111-4e5b-9d4c-6a8f3b2c1d00',
    resourceVersion: '42',
    generation: 3,
    creationTimestamp: '2024-05-01T10:00:00Z',
    deletionTimestamp: '2024-05-01T11:00:00Z',
    deletionGracePeriodSeconds: 0,
    labels: { app: 'web', tier: 'front' },
    annotations: { note: 'x' },
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d9', uid: 'u-1', controller: true, blockOwnerDeletion: false },
    ],
    finalizers: ['example.com/guard'],
    managedFields: [
      {
        manager: 'kubectl',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2024-05-01T10:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } },
      },
    ],
  },
  spec: {
    volumes: [
      { name: 'cfg', configMap: { name: 'app-config', items: [{ key: 'a', path: 'a.txt', mode: 420 }], defaultMode: 420 } },
      { name: 'scratch', emptyDir: { sizeLimit: '1Gi' } },
      { name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } },
      { name: 'host', hostPath: { path: '/var/log', type: '' } },
      { name: 'creds', secret: { secretName: 's', optional: false } },
      {
        name: 'token',
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
          defaultMode: 420,
        },
      },
    ],
    initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'true'], resources: {}, restartPolicy: 'Always' }],
    containers: [
      {
        name: 'app',
        image: 'nginx:1.27',
        args: ['-g', 'daemon off;'],
        ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
        envFrom: [{ configMapRef: { name: 'env' } }],
        env: [
          { name: 'PLAIN', value: 'v' },
          { name: 'FROM_CM', valueFrom: { configMapKeyRef: { name: 'cm', key: 'k', optional: true } } },
          { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
          { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
        ],
        resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m' } },
        volumeMounts: [{ name: 'cfg', readOnly: true, mountPath: '/etc/app' }],
        livenessProbe: { httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' }, initialDelaySeconds: 5, periodSeconds: 10 },
        readinessProbe: { tcpSocket: { port: 80 }, timeoutSeconds: 1 },
        startupProbe: { exec: { command: ['cat', '/tmp/ready'] }, failureThreshold: 30 },
        lifecycle: { preStop: { sleep: { seconds: 5 } }, postStart: { exec: { command: ['echo'] } } },
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        imagePullPolicy: 'IfNotPresent',
        securityContext: {
          capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] },
          runAsUser: 0,
          runAsNonRoot: false,
          allowPrivilegeEscalation: false,
          seccompProfile: { type: 'RuntimeDefault' },
        },
      },
    ],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    serviceAccountName: 'default',
    serviceAccount: 'default',
    nodeName: 'node-1',
    securityContext: { fsGroup: 2000, supplementalGroups: [1, 2], sysctls: [{ name: 'net.ipv4.ip_forward', value: '1' }] },
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }],
        },
      },
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' } },
        ],
      },
    },
    schedulerName: 'default-scheduler',
    tolerations: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
    priority: -5,
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } },
    ],
    readinessGates: [{ conditionType: 'example.com/ready' }],
  },
  status: {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-05-01T10:00:05Z' }],
    hostIP: '10.0.0.1',
    hostIPs: [{ ip: '10.0.0.1' }],
    podIP: '10.244.1.5',
    podIPs: [{ ip: '10.244.1.5' }],
    startTime: '2024-05-01T10:00:01Z',
    containerStatuses: [
      {
        name: 'app',
        state: { running: { startedAt: '2024-05-01T10:00:03Z' } },
        lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: null, finishedAt: '2024-05-01T10:00:02Z' } },
        ready: true,
        restartCount: 1,
        image: 'nginx:1.27',
        imageID: 'docker.io/library/nginx@sha256:abc',
        containerID: 'containerd://123',
        started: true,
      },
    ],
    qosClass: 'Burstable',
  },
};

describe('round trips through the schema', () => {
  it('a Pod using probes, volumes, affinity, env sources and statuses survives encode → decode unchanged', () => {
    expect(roundTrip(richPod)).toEqual(richPod);
  });

  it('emits keys in Go struct order, not field-number order', () => {
    const pod = roundTrip(richPod) as { spec: { containers: Obj[] }; status: Obj };
    expect(Object.keys(pod.spec.containers[0]!).slice(0, 7)).toEqual(['name', 'image', 'args', 'ports', 'envFrom', 'env', 'resources']);
    expect(Object.keys(pod.status).slice(0, 3)).toEqual(['phase', 'conditions', 'hostIP']);
  });

  it('a Deployment with a RollingUpdate strategy keeps IntOrString percentages and numbers', () => {
    const d: Obj = {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'd', creationTimestamp: null },
      spec: {
        replicas: 2,
        selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
        template: { metadata: { creationTimestamp: null }, spec: { containers: [{ name: 'c', resources: {} }] } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
      status: { observedGeneration: 1, replicas: 2, conditions: [{ type: 'Available', status: 'True', lastUpdateTime: null, lastTransitionTime: null }] },
    };
    expect(roundTrip(d)).toEqual(d);
  });

  it('SubjectAccessReview extra values come back as string arrays', () => {
    const sar: Obj = {
      kind: 'SubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: {
        resourceAttributes: { namespace: 'ns', verb: 'get', resource: 'pods', name: 'p' },
        user: 'alice',
        groups: ['dev'],
        extra: { scopes: ['a', 'b'] },
      },
      status: { allowed: false },
    };
    expect(roundTrip(sar)).toEqual(sar);
  });
});

describe('Go JSON semantics of decoded fields', () => {
  it('fills fields without omitempty when absent and drops omitempty zeros', () => {
    // Service spec with one port whose fields are all absent from the wire.
    const raw = msg((w) => w.tag(2, LEN).bytes(msg((s) => s.tag(1, LEN).bytes(new Uint8Array(0)))));
    const obj = decodeRaw('v1', 'Service', raw);
    expect(obj.spec).toEqual({ ports: [{ port: 0 }] });
  });

  it('keeps explicit zeros of pointer fields', () => {
    const raw = msg((w) => w.tag(1, LEN).bytes(msg((m) => m.tag(10, WireType.Varint).varint(0))));
    expect(decodeRaw('v1', 'Namespace', raw).metadata).toEqual({ deletionGracePeriodSeconds: 0 });
  });

  it('merges a message field that appears twice and lets the last scalar win', () => {
    const meta1 = msg((m) => m.tag(1, LEN).string('first').tag(3, LEN).string('ns'));
    const meta2 = msg((m) => m.tag(1, LEN).string('second'));
    const raw = msg((w) => w.tag(1, LEN).bytes(meta1).tag(1, LEN).bytes(meta2));
    expect(decodeRaw('v1', 'ConfigMap', raw).metadata).toEqual({ name: 'second', namespace: 'ns' });
  });

  it('accepts packed and unpacked repeated integers', () => {
    const packed = msg((p) => p.varint(1).varint(300).varint(-1n));
    const psc = msg((s) => s.tag(4, LEN).bytes(packed).tag(4, WireType.Varint).varint(7));
    const podSpec = msg((s) => s.tag(14, LEN).bytes(psc));
    const obj = decodeRaw('v1', 'Pod', msg((w) => w.tag(2, LEN).bytes(podSpec)));
    expect((obj.spec as { securityContext: Obj }).securityContext).toEqual({ supplementalGroups: [1, 300, -1, 7] });
  });

  it('decodes a 10-byte negative int32 and rejects int64 values JSON cannot hold', () => {
    const neg = msg((w) => w.tag(2, LEN).bytes(msg((s) => s.tag(25, WireType.Varint).varint(-5))));
    expect((decodeRaw('v1', 'Pod', neg).spec as Obj).priority).toBe(-5);
    const huge = msg((w) => w.tag(1, LEN).bytes(msg((m) => m.tag(7, WireType.Varint).varint(2n ** 60n))));
    expect(() => decodeRaw('v1', 'Pod', huge)).toThrow(/cannot be represented exactly/);
  });

  it('renders Time as whole-second RFC 3339, empty Time as null, and rejects years past 9999', () => {
    const time = (secs: bigint | number, nanos: number) => msg((t) => t.tag(1, WireType.Varint).varint(secs).tag(2, WireType.Varint).varint(nanos));
    const meta = (t: Uint8Array) => msg((w) => w.tag(1, LEN).bytes(msg((m) => m.tag(8, LEN).bytes(t))));
    expect(decodeRaw('v1', 'Namespace', meta(time(1714557600, 999))).metadata).toEqual({ creationTimestamp: '2024-05-01T10:00:00Z' });
    expect(decodeRaw('v1', 'Namespace', meta(new Uint8Array(0))).metadata).toEqual({ creationTimestamp: null });
    expect(decodeRaw('v1', 'Namespace', meta(time(0, 0))).metadata).toEqual({ creationTimestamp: '1970-01-01T00:00:00Z' });
    expect(() => decodeRaw('v1', 'Namespace', meta(time(253402300800, 0)))).toThrow(ProtobufDecodeError);
  });

  it('renders IntOrString by its type and rejects an impossible type', () => {
    const port = (ios: Uint8Array) => {
      const sp = msg((p) => p.tag(3, WireType.Varint).varint(80).tag(4, LEN).bytes(ios));
      return msg((w) => w.tag(2, LEN).bytes(msg((s) => s.tag(1, LEN).bytes(sp))));
    };
    const str = msg((i) => i.tag(1, WireType.Varint).varint(1).tag(3, LEN).string('http'));
    expect((decodeRaw('v1', 'Service', port(str)).spec as { ports: Obj[] }).ports[0]).toEqual({ port: 80, targetPort: 'http' });
    const bad = msg((i) => i.tag(1, WireType.Varint).varint(2));
    expect(() => decodeRaw('v1', 'Service', port(bad))).toThrow(/impossible type 2/);
  });

  it('renders an empty Quantity as "0"', () => {
    const entry = msg((e) => e.tag(1, LEN).string('cpu').tag(2, LEN).bytes(new Uint8Array(0)));
    const container = msg((c) => c.tag(1, LEN).string('c').tag(8, LEN).bytes(msg((r) => r.tag(1, LEN).bytes(entry))));
    const raw = msg((w) => w.tag(2, LEN).bytes(msg((s) => s.tag(2, LEN).bytes(container))));
    const spec = decodeRaw('v1', 'Pod', raw).spec as { containers: Obj[] };
    expect(spec.containers[0]).toEqual({ name: 'c', resources: { limits: { cpu: '0' } } });
  });

  it('rejects managedFields whose fieldsV1 is not JSON', () => {
    const mf = msg((e) => e.tag(7, LEN).bytes(msg((f) => f.tag(1, LEN).string('{not json'))));
    const raw = msg((w) => w.tag(1, LEN).bytes(msg((m) => m.tag(17, LEN).bytes(mf))));
    expect(() => decodeRaw('v1', 'Namespace', raw)).toThrow(/fieldsV1 is not valid JSON/);
  });

  it('stores a "__proto__" label as a plain key without touching prototypes', () => {
    const entry = msg((e) => e.tag(1, LEN).string('__proto__').tag(2, LEN).string('x'));
    const raw = msg((w) => w.tag(1, LEN).bytes(msg((m) => m.tag(11, LEN).bytes(entry))));
    const labels = (decodeRaw('v1', 'Namespace', raw).metadata as { labels: Obj }).labels;
    expect(Object.hasOwn(labels, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(({} as Obj).x).toBeUndefined();
  });

  it('replaces invalid UTF-8 with U+FFFD instead of failing', () => {
    const raw = msg((w) => w.tag(1, LEN).bytes(msg((m) => m.tag(1, LEN).bytes(new Uint8Array([0x61, 0xff, 0x62])))));
    expect(decodeRaw('v1', 'Namespace', raw).metadata).toEqual({ name: 'a\ufffdb' });
  });

  it('skips unknown fields of every wire type inside nested messages', () => {
    const meta = msg((m) =>
      m
        .tag(1, LEN)
        .string('n')
        .tag(200, WireType.Varint)
        .varint(1)
        .tag(201, LEN)
        .string('ignored'),
    );
    expect(decodeRaw('v1', 'Namespace', msg((w) => w.tag(1, LEN).bytes(meta))).metadata).toEqual({ name: 'n' });
  });
});
