import { describe, expect, it } from 'vitest';
import {
  applyStrategicMergePatch,
  createThreeWayMergePatch,
  lookupPath,
  type JsonObject,
} from '../machinery/index.js';
import { hasBuiltinPatchSchema, patchSchemaFor } from './patch-schema.js';

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const child of Object.values(v)) deepFreeze(child);
    Object.freeze(v);
  }
  return v;
}

/** The seed workflow's configuration: `kubectl apply` of an nginx Deployment. */
function config(image: string): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx', labels: { app: 'nginx' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

/** The same Deployment as the API server stores it: defaulted, with status and server-set metadata. */
function live(image: string): JsonObject {
  return deepFreeze({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'nginx',
      namespace: 'default',
      uid: '6f1c7d1e-0000-4000-8000-000000000001',
      resourceVersion: '1234',
      generation: 1,
      labels: { app: 'nginx' },
      annotations: { 'deployment.kubernetes.io/revision': '1' },
      finalizers: ['example.com/keep'],
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'nginx' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image,
              ports: [{ containerPort: 80, protocol: 'TCP' }],
              env: [{ name: 'MODE', value: 'prod' }],
              resources: {},
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
              imagePullPolicy: 'IfNotPresent',
            },
          ],
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
          dnsPolicy: 'ClusterFirst',
          schedulerName: 'default-scheduler',
          tolerations: [{ key: 'a', operator: 'Exists' }],
        },
      },
    },
    status: {
      replicas: 2,
      conditions: [
        { type: 'Available', status: 'True' },
        { type: 'Progressing', status: 'True' },
      ],
    },
  });
}

const SEED_PATCH =
  '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.26","name":"nginx"}]}}}}';

describe('patchSchemaFor', () => {
  const deployment = patchSchemaFor('apps', 'v1', 'Deployment');

  it("applies the seed workflow's second kubectl apply patch to a Deployment, changing only the image", () => {
    const before = live('nginx:1.25');
    const after = applyStrategicMergePatch(before, deepFreeze(JSON.parse(SEED_PATCH) as JsonObject), deployment);
    const expected = structuredClone(before) as { spec: { template: { spec: { containers: { image: string }[] } } } };
    expected.spec.template.spec.containers[0]!.image = 'nginx:1.26';
    expect(after).toEqual(expected);
  });

  it('creates exactly that patch as kubectl apply does (three-way, with $setElementOrder)', () => {
    const patch = createThreeWayMergePatch(config('nginx:1.25'), config('nginx:1.26'), live('nginx:1.25'), deployment, { overwrite: true });
    expect(JSON.stringify(patch)).toBe(SEED_PATCH);
  });

  it.each<[string, string, string, string[], { strategy?: string; retainKeys?: boolean; mergeKey?: string }]>([
    ['', 'v1', 'Pod', ['spec', 'containers'], { strategy: 'merge', mergeKey: 'name' }],
    ['', 'v1', 'Pod', ['spec', 'initContainers', 'env'], { strategy: 'merge', mergeKey: 'name' }],
    ['', 'v1', 'Pod', ['spec', 'ephemeralContainers', 'volumeMounts'], { strategy: 'merge', mergeKey: 'mountPath' }],
    ['', 'v1', 'Pod', ['spec', 'containers', 'ports'], { strategy: 'merge', mergeKey: 'containerPort' }],
    ['', 'v1', 'Pod', ['spec', 'containers', 'volumeDevices'], { strategy: 'merge', mergeKey: 'devicePath' }],
    ['', 'v1', 'Pod', ['spec', 'containers', 'envFrom'], {}],
    ['', 'v1', 'Pod', ['spec', 'containers', 'resizePolicy'], {}],
    ['', 'v1', 'Pod', ['spec', 'volumes'], { strategy: 'merge', retainKeys: true, mergeKey: 'name' }],
    ['', 'v1', 'Pod', ['spec', 'imagePullSecrets'], { strategy: 'merge', mergeKey: 'name' }],
    ['', 'v1', 'Pod', ['spec', 'hostAliases'], { strategy: 'merge', mergeKey: 'ip' }],
    ['', 'v1', 'Pod', ['spec', 'tolerations'], {}],
    ['', 'v1', 'Pod', ['status', 'conditions'], { strategy: 'merge', mergeKey: 'type' }],
    ['', 'v1', 'Pod', ['metadata', 'finalizers'], { strategy: 'merge' }],
    ['', 'v1', 'ConfigMap', ['metadata', 'ownerReferences'], { strategy: 'merge', mergeKey: 'uid' }],
    ['', 'v1', 'Service', ['spec', 'ports'], { strategy: 'merge', mergeKey: 'port' }],
    ['', 'v1', 'Node', ['status', 'conditions'], { strategy: 'merge', mergeKey: 'type' }],
    ['', 'v1', 'Node', ['status', 'addresses'], { strategy: 'merge', mergeKey: 'type' }],
    ['', 'v1', 'Node', ['spec', 'podCIDRs'], { strategy: 'merge' }],
    ['apps', 'v1', 'Deployment', ['spec', 'strategy'], { retainKeys: true }],
    ['apps', 'v1', 'Deployment', ['status', 'conditions'], { strategy: 'merge', mergeKey: 'type' }],
    ['apps', 'v1', 'Deployment', ['spec', 'template', 'spec', 'containers', 'env'], { strategy: 'merge', mergeKey: 'name' }],
    ['apps', 'v1', 'ReplicaSet', ['spec', 'template', 'spec', 'volumes'], { strategy: 'merge', retainKeys: true, mergeKey: 'name' }],
    ['apps', 'v1', 'StatefulSet', ['spec', 'template', 'metadata', 'finalizers'], { strategy: 'merge' }],
    ['apps', 'v1', 'DaemonSet', ['spec', 'template', 'spec', 'containers'], { strategy: 'merge', mergeKey: 'name' }],
    ['admissionregistration.k8s.io', 'v1', 'ValidatingWebhookConfiguration', ['webhooks', 'matchConditions'], { strategy: 'merge', mergeKey: 'name' }],
  ])('%s/%s %s: %j carries the Kubernetes tags', (group, version, kind, path, expected) => {
    const meta = lookupPath(patchSchemaFor(group, version, kind), path);
    expect(meta).toBeDefined();
    expect({ strategy: meta!.strategy, retainKeys: meta!.retainKeys, mergeKey: meta!.mergeKey }).toEqual({
      strategy: expected.strategy,
      retainKeys: expected.retainKeys ?? false,
      mergeKey: expected.mergeKey,
    });
  });

  it('merges a kubelet status patch into Pod conditions by type', () => {
    const pod = deepFreeze({
      metadata: { name: 'p' },
      status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'PodScheduled', status: 'True' }] },
    });
    const patch = { status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    expect(applyStrategicMergePatch(pod, patch, patchSchemaFor('', 'v1', 'Pod'))).toEqual({
      metadata: { name: 'p' },
      status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }] },
    });
  });

  it('merges Node addresses by type', () => {
    const node = deepFreeze({ status: { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: 'n1' }] } });
    const patch = { status: { addresses: [{ type: 'InternalIP', address: '10.0.0.2' }] } };
    expect(applyStrategicMergePatch(node, patch, patchSchemaFor('', 'v1', 'Node'))).toEqual({
      status: { addresses: [{ type: 'InternalIP', address: '10.0.0.2' }, { type: 'Hostname', address: 'n1' }] },
    });
  });

  it('knows which kinds are built in and falls back to ObjectMeta only for others', () => {
    expect(hasBuiltinPatchSchema('apps', 'v1', 'Deployment')).toBe(true);
    expect(hasBuiltinPatchSchema('', 'v1', 'ConfigMap')).toBe(true);
    expect(hasBuiltinPatchSchema('example.com', 'v1', 'Widget')).toBe(false);
    const widget = patchSchemaFor('example.com', 'v1', 'Widget');
    expect(lookupPath(widget, ['metadata', 'finalizers'])?.strategy).toBe('merge');
    expect(lookupPath(widget, ['spec', 'containers'])).toBeUndefined();
  });
});
