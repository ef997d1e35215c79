import { describe, expect, it } from 'vitest';
import { benchBoundPod, benchEvent, benchPod, withRunningStatus } from './bench-fixtures.js';
import { builtinApplySchema } from './builtin-apply-schema.js';
import type { JsonObject, JsonValue } from './go-json.js';
import type { ManagedFieldsEntry } from './managed-fields.js';
import { computeManagedFields, updateManagedFields, type UpdateManagedFieldsOptions } from './update.js';

// The writes a cluster makes most, pinned byte for byte to what the bookkeeping recorded before it was optimised
// (the same documents a Kubernetes API server records for them).
const CONTROLLER_FIELDS =
  '{"f:metadata":{"f:generateName":{},"f:labels":{".":{},"f:app":{},"f:pod-template-hash":{}},"f:ownerR' +
  'eferences":{".":{},"k:{\\"uid\\":\\"9b1d7e52-0000-4000-8000-000000000001\\"}":{".":{},"f:apiVersion":{},' +
  '"f:blockOwnerDeletion":{},"f:controller":{},"f:kind":{},"f:name":{},"f:uid":{}}}},"f:spec":{"f:conta' +
  'iners":{"k:{\\"name\\":\\"web\\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:ports":{".' +
  '":{},"k:{\\"containerPort\\":8080,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{},"f:protocol":{}}' +
  '},"f:resources":{".":{},"f:limits":{".":{},"f:cpu":{},"f:memory":{}},"f:requests":{".":{},"f:cpu":{}' +
  ',"f:memory":{}}},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},"f:dnsPolicy":{},"f' +
  ':enableServiceLinks":{},"f:preemptionPolicy":{},"f:priority":{},"f:restartPolicy":{},"f:schedulerNam' +
  'e":{},"f:securityContext":{},"f:serviceAccount":{},"f:serviceAccountName":{},"f:terminationGracePeri' +
  'odSeconds":{},"f:tolerations":{}}}';

const KUBELET_FIRST_FIELDS =
  '{"f:status":{"f:conditions":{"k:{\\"type\\":\\"ContainersReady\\"}":{".":{},"f:lastProbeTime":{},"f:last' +
  'TransitionTime":{},"f:status":{},"f:type":{}},"k:{\\"type\\":\\"Initialized\\"}":{".":{},"f:lastProbeTim' +
  'e":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}},"k:{\\"type\\":\\"PodReadyToStartContainers\\' +
  '"}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}},"k:{\\"type\\":\\' +
  '"Ready\\"}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}}},"f:con' +
  'tainerStatuses":{},"f:hostIP":{},"f:hostIPs":{".":{},"k:{\\"ip\\":\\"192.168.0.17\\"}":{".":{},"f:ip":{}' +
  '}},"f:podIP":{},"f:podIPs":{".":{},"k:{\\"ip\\":\\"10.244.7.9\\"}":{".":{},"f:ip":{}}},"f:startTime":{}}' +
  '}';

const KUBELET_SECOND_FIELDS =
  '{"f:status":{"f:conditions":{"k:{\\"type\\":\\"ContainersReady\\"}":{".":{},"f:lastProbeTime":{},"f:last' +
  'TransitionTime":{},"f:status":{},"f:type":{}},"k:{\\"type\\":\\"Initialized\\"}":{".":{},"f:lastProbeTim' +
  'e":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}},"k:{\\"type\\":\\"PodReadyToStartContainers\\' +
  '"}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}},"k:{\\"type\\":\\' +
  '"Ready\\"}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}}},"f:con' +
  'tainerStatuses":{},"f:hostIP":{},"f:hostIPs":{".":{},"k:{\\"ip\\":\\"192.168.0.17\\"}":{".":{},"f:ip":{}' +
  '}},"f:phase":{},"f:podIP":{},"f:podIPs":{".":{},"k:{\\"ip\\":\\"10.244.7.9\\"}":{".":{},"f:ip":{}}},"f:s' +
  'tartTime":{}}}';

const EVENT_FIELDS =
  '{"f:count":{},"f:eventTime":{},"f:firstTimestamp":{},"f:involvedObject":{".":{},"f:apiVersion":{},"f' +
  ':fieldPath":{},"f:kind":{},"f:name":{},"f:namespace":{},"f:resourceVersion":{},"f:uid":{}},"f:lastTi' +
  'mestamp":{},"f:message":{},"f:reason":{},"f:reportingComponent":{},"f:reportingInstance":{},"f:sourc' +
  'e":{".":{},"f:component":{},"f:host":{}},"f:type":{}}';

const T0 = Date.UTC(2026, 0, 1);
const POD = builtinApplySchema('Pod');

function deepFreeze<T extends JsonValue>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

function entry(e: ManagedFieldsEntry | undefined) {
  return { ...e, fieldsV1: JSON.stringify(e?.fieldsV1) };
}

function both(options: UpdateManagedFieldsOptions) {
  const computed = computeManagedFields(options);
  const updated = updateManagedFields(options);
  expect(JSON.stringify(computed.managedFields)).toBe(JSON.stringify(updated.managedFields));
  return updated;
}

/** The pod's life as in `bench density`: created by the controller, then two kubelet status patches. */
function podLife() {
  const created = both({ old: null, updated: benchPod(7), manager: 'kube-controller-manager', schema: POD, apiVersion: 'v1', now: T0, resetFields: [['status']] });
  const bound = benchBoundPod(7);
  (bound['metadata'] as JsonObject)['managedFields'] = structuredClone(created.managedFields) as unknown as JsonObject[];
  const creating = withRunningStatus(bound, 7);
  const status = creating['status'] as JsonObject;
  status['phase'] = 'Pending';
  status['containerStatuses'] = [{ name: 'web', state: { waiting: { reason: 'ContainerCreating' } }, ready: false, restartCount: 0, started: false }];
  const patch = { manager: 'kubelet', subresource: 'status', schema: POD, apiVersion: 'v1', resetFields: [['spec']] };
  const first = both({ ...patch, old: bound, updated: creating, now: T0 + 1000 });
  const second = both({ ...patch, old: first.object, updated: withRunningStatus(structuredClone(first.object), 7), now: T0 + 2000 });
  return { created, first, second };
}

describe('managedFields of the common writes', () => {
  it('records a ReplicaSet pod create: the controller owns metadata and spec, not status', () => {
    const { created } = podLife();
    expect(created.managedFields!.map(entry)).toEqual([
      { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: CONTROLLER_FIELDS },
    ]);
  });

  it('kubelet status patches keep the controller entry byte for byte and restamp only the kubelet entry', () => {
    const { first, second } = podLife();
    const controller = { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: CONTROLLER_FIELDS };
    const kubelet = { manager: 'kubelet', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', subresource: 'status' };
    expect(first.managedFields!.map(entry)).toEqual([controller, { ...kubelet, time: '2026-01-01T00:00:01Z', fieldsV1: KUBELET_FIRST_FIELDS }]);
    expect(second.managedFields!.map(entry)).toEqual([controller, { ...kubelet, time: '2026-01-01T00:00:02Z', fieldsV1: KUBELET_SECOND_FIELDS }]);
    // Property order is the wire order.
    expect(Object.keys(second.managedFields![1]!)).toEqual(['manager', 'operation', 'apiVersion', 'time', 'fieldsType', 'fieldsV1', 'subresource']);
  });

  it('records an event create', () => {
    const r = both({ old: null, updated: benchEvent(7), manager: 'kubelet', schema: builtinApplySchema('Event'), apiVersion: 'v1', now: T0, resetFields: [['status']] });
    expect(r.managedFields!.map(entry)).toEqual([
      { manager: 'kubelet', operation: 'Update', apiVersion: 'v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: EVENT_FIELDS },
    ]);
  });

  it('computeManagedFields never modifies its inputs and returns entries that share nothing with them', () => {
    const { first } = podLife();
    const old = deepFreeze(structuredClone(first.object));
    const updated = deepFreeze(withRunningStatus(structuredClone(first.object), 7));
    const r = computeManagedFields({ old, updated, manager: 'kubelet', subresource: 'status', schema: POD, apiVersion: 'v1', now: T0 + 2000, resetFields: [['spec']] });
    const unchanged = r.managedFields![0]!;
    // The controller's entry is unchanged, and still a copy: changing it changes neither input.
    expect(JSON.stringify(unchanged.fieldsV1)).toBe(CONTROLLER_FIELDS);
    (unchanged.fieldsV1!['f:metadata'] as JsonObject)['f:x'] = {};
    expect(JSON.stringify(((old['metadata'] as JsonObject)['managedFields'] as JsonObject[])[0]!['fieldsV1'])).toBe(CONTROLLER_FIELDS);
  });
});
