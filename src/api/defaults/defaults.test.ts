import { describe, expect, it } from 'vitest';
import { applyDefaults, hasDefaults, imageTag } from './index.js';

const deployGVK = { group: 'apps', version: 'v1', kind: 'Deployment' };
const podGVK = { group: '', version: 'v1', kind: 'Pod' };
const svcGVK = { group: '', version: 'v1', kind: 'Service' };

/** The Deployment from the seed walkthrough (kubectl create deployment nginx --image=nginx:latest --replicas=3). */
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

describe('applyDefaults', () => {
  it('defaults the seed Deployment to what kubectl get deploy -o yaml shows on a real cluster', () => {
    const d = applyDefaults(deployGVK, seedDeployment());
    expect(d.spec).toEqual({
      progressDeadlineSeconds: 600,
      replicas: 3,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'nginx' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'nginx' } },
        spec: {
          containers: [
            {
              image: 'nginx:latest',
              imagePullPolicy: 'Always',
              name: 'nginx',
              resources: {},
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
            },
          ],
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
    });
  });

  it('gives a Deployment without replicas one replica and keeps an explicit Recreate strategy bare', () => {
    const d = seedDeployment();
    const spec = d.spec as Record<string, unknown>;
    delete spec.replicas;
    spec.strategy = { type: 'Recreate' };
    applyDefaults(deployGVK, d);
    expect(spec.replicas).toBe(1);
    expect(spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('never overwrites client values and is idempotent', () => {
    const d = seedDeployment();
    (d.spec as Record<string, unknown>).revisionHistoryLimit = 0;
    const once = structuredClone(applyDefaults(deployGVK, d));
    expect((once.spec as Record<string, unknown>).revisionHistoryLimit).toBe(0);
    expect(applyDefaults(deployGVK, structuredClone(once))).toEqual(once);
  });

  it('defaults a Pod like a real API server (defaulting plus Priority admission)', () => {
    const pod = applyDefaults(podGVK, {
      metadata: { name: 'p', namespace: 'default' },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'busybox:1.36',
            ports: [{ containerPort: 8080 }],
            readinessProbe: { httpGet: { port: 8080 } },
            resources: { limits: { cpu: 0.5, memory: '1024Mi' } },
          },
        ],
      },
    });
    expect(pod.spec).toEqual({
      containers: [
        {
          name: 'web',
          image: 'busybox:1.36',
          imagePullPolicy: 'IfNotPresent',
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          readinessProbe: {
            httpGet: { port: 8080, path: '/', scheme: 'HTTP' },
            timeoutSeconds: 1,
            periodSeconds: 10,
            successThreshold: 1,
            failureThreshold: 3,
          },
          resources: { limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
  });

  it('defaults volumes: a missing source becomes emptyDir, file modes become 0644', () => {
    const pod = applyDefaults(podGVK, {
      metadata: {},
      spec: {
        containers: [],
        volumes: [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'c' } }, { name: 'host', hostPath: { path: '/x' } }],
      },
    });
    expect((pod.spec as { volumes: unknown }).volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'c', defaultMode: 420 } },
      { name: 'host', hostPath: { path: '/x', type: '' } },
    ]);
  });

  it('defaults a ClusterIP Service the way a single-stack cluster shows it', () => {
    const svc = applyDefaults(svcGVK, { metadata: { name: 'nginx' }, spec: { selector: { app: 'nginx' }, ports: [{ port: 80 }] } });
    expect(svc.spec).toEqual({
      selector: { app: 'nginx' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
  });

  it('gives NodePort services an external traffic policy and ClientIP affinity its timeout', () => {
    const svc = applyDefaults(svcGVK, { metadata: {}, spec: { type: 'NodePort', sessionAffinity: 'ClientIP', ports: [{ port: 80, targetPort: 'http' }] } });
    expect(svc.spec).toMatchObject({
      externalTrafficPolicy: 'Cluster',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
      ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }],
    });
  });

  it('defaults a Namespace with its name label, the kubernetes finalizer and phase Active', () => {
    expect(applyDefaults({ group: '', version: 'v1', kind: 'Namespace' }, { metadata: { name: 'dev' } })).toEqual({
      metadata: { name: 'dev', labels: { 'kubernetes.io/metadata.name': 'dev' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  it.each([
    [{ group: '', version: 'v1', kind: 'Secret' }, { metadata: {} }, { metadata: {}, type: 'Opaque' }],
    [
      { group: 'apps', version: 'v1', kind: 'ReplicaSet' },
      { metadata: {}, spec: {} },
      { metadata: {}, spec: { replicas: 1 } },
    ],
    [
      { group: 'apps', version: 'v1', kind: 'DaemonSet' },
      { metadata: {}, spec: {} },
      { metadata: {}, spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 } },
    ],
    [
      { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice' },
      { metadata: {}, ports: [{ port: 80 }] },
      { metadata: {}, ports: [{ port: 80, name: '', protocol: 'TCP' }] },
    ],
    [
      { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding' },
      { metadata: {}, roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'u' }, { kind: 'ServiceAccount', name: 's' }] },
      {
        metadata: {},
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
        subjects: [
          { kind: 'User', name: 'u', apiGroup: 'rbac.authorization.k8s.io' },
          { kind: 'ServiceAccount', name: 's', apiGroup: '' },
        ],
      },
    ],
    [
      { group: '', version: 'v1', kind: 'Node' },
      { metadata: {}, status: { capacity: { cpu: '4' } } },
      { metadata: {}, status: { capacity: { cpu: '4' }, allocatable: { cpu: '4' } } },
    ],
  ])('defaults %j', (gvk, input, expected) => {
    expect(applyDefaults(gvk, input)).toEqual(expected);
  });

  it('leaves kinds without defaulters untouched', () => {
    const lease = { metadata: { name: 'l' }, spec: {} };
    expect(applyDefaults({ group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' }, lease)).toEqual({ metadata: { name: 'l' }, spec: {} });
    expect(hasDefaults({ group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' })).toBe(false);
    expect(hasDefaults(podGVK)).toBe(true);
  });
});

describe('imageTag (imagePullPolicy defaulting)', () => {
  it.each([
    ['nginx', 'latest'],
    ['nginx:latest', 'latest'],
    ['nginx:1.27', '1.27'],
    ['localhost:5000/nginx', 'latest'],
    ['localhost:5000/nginx:v2', 'v2'],
    ['registry.k8s.io/pause:3.10', '3.10'],
    ['nginx@sha256:0123456789abcdef', ''],
    ['nginx:1.2@sha256:0123456789abcdef', '1.2'],
    ['Nginx', ''],
    ['', ''],
  ])('%j has tag %j', (image, tag) => {
    expect(imageTag(image)).toBe(tag);
  });
});
