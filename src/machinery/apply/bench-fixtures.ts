/**
 * Objects shaped like the writes a whole cluster makes most often (what `skiff bench density` drives): a pod as the
 * ReplicaSet controller creates it after defaulting, the kubelet's status for it, and a kubelet event. Used by the
 * managedFields micro-benchmark (bench.ts) and by the tests that check its scenarios stay byte-identical.
 */
import type { JsonObject } from './go-json.js';

/** A defaulted pod created by kube-controller-manager for ReplicaSet `web-5d4f8c7b9`; `i` varies names and ids. */
export function benchPod(i: number): JsonObject {
  const name = `web-5d4f8c7b9-${i.toString(36).padStart(5, 'x')}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: 'web-5d4f8c7b9-',
      namespace: 'density',
      uid: `3f0c2a4e-0000-4000-8000-${String(i).padStart(12, '0')}`,
      resourceVersion: String(1000 + i),
      creationTimestamp: '2026-01-01T00:00:00Z',
      labels: { app: 'web', 'pod-template-hash': '5d4f8c7b9' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-5d4f8c7b9',
          uid: '9b1d7e52-0000-4000-8000-000000000001',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'registry.k8s.io/pause:3.9',
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          resources: { limits: { cpu: '100m', memory: '64Mi' }, requests: { cpu: '100m', memory: '64Mi' } },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          imagePullPolicy: 'IfNotPresent',
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      serviceAccount: 'default',
      securityContext: {},
      schedulerName: 'default-scheduler',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
    },
    status: { phase: 'Pending', qosClass: 'Guaranteed' },
  };
}

/** The pod after the scheduler bound it to `node-<n>` (pods/binding sets spec.nodeName and PodScheduled). */
export function benchBoundPod(i: number): JsonObject {
  const pod = benchPod(i);
  (pod['spec'] as JsonObject)['nodeName'] = `node-${i % 50}`;
  (pod['status'] as JsonObject)['conditions'] = [
    { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:01Z' },
  ];
  return pod;
}

const condition = (type: string, at: string): JsonObject => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: at });

/** `pod` with the status the kubelet reports once its container runs (phase, 4 conditions, containerStatuses, IPs). */
export function withRunningStatus(pod: JsonObject, i: number): JsonObject {
  const ip = `10.244.${i % 50}.${(i % 250) + 2}`;
  const hostIP = `192.168.0.${(i % 50) + 10}`;
  return {
    ...pod,
    status: {
      phase: 'Running',
      conditions: [
        condition('PodReadyToStartContainers', '2026-01-01T00:00:02Z'),
        condition('Initialized', '2026-01-01T00:00:01Z'),
        condition('Ready', '2026-01-01T00:00:03Z'),
        condition('ContainersReady', '2026-01-01T00:00:03Z'),
        condition('PodScheduled', '2026-01-01T00:00:01Z'),
      ],
      hostIP,
      hostIPs: [{ ip: hostIP }],
      podIP: ip,
      podIPs: [{ ip }],
      startTime: '2026-01-01T00:00:01Z',
      containerStatuses: [
        {
          name: 'web',
          state: { running: { startedAt: '2026-01-01T00:00:02Z' } },
          lastState: {},
          ready: true,
          restartCount: 0,
          image: 'registry.k8s.io/pause:3.9',
          imageID: 'sim://registry.k8s.io/pause:3.9',
          containerID: `sim://${i.toString(16).padStart(16, '0')}`,
          started: true,
        },
      ],
      qosClass: 'Guaranteed',
    },
  };
}

/** A core/v1 Event the kubelet records for a pod (`Started`), as created. */
export function benchEvent(i: number): JsonObject {
  const pod = `web-5d4f8c7b9-${i.toString(36).padStart(5, 'x')}`;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${pod}.17f3a2b4c5d6e7f8`,
      namespace: 'density',
      uid: `7c2e9a10-0000-4000-8000-${String(i).padStart(12, '0')}`,
      resourceVersion: String(5000 + i),
      creationTimestamp: '2026-01-01T00:00:02Z',
    },
    involvedObject: {
      kind: 'Pod',
      namespace: 'density',
      name: pod,
      uid: `3f0c2a4e-0000-4000-8000-${String(i).padStart(12, '0')}`,
      apiVersion: 'v1',
      resourceVersion: String(1000 + i),
      fieldPath: 'spec.containers{web}',
    },
    reason: 'Started',
    message: 'Started container web',
    source: { component: 'kubelet', host: `node-${i % 50}` },
    firstTimestamp: '2026-01-01T00:00:02Z',
    lastTimestamp: '2026-01-01T00:00:02Z',
    count: 1,
    type: 'Normal',
    eventTime: null,
    reportingComponent: 'kubelet',
    reportingInstance: `node-${i % 50}`,
  };
}
