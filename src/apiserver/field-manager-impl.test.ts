import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/index.js';
import { builtinApplySchema, updateManagedFields, type JsonObject } from '../machinery/index.js';
import { makeFieldManager } from './field-manager-impl.js';

const T0 = Date.UTC(2026, 0, 1);

function pod(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'default', uid: 'u-1', labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx', resources: {} }], restartPolicy: 'Always' },
    status: { phase: 'Pending' },
  };
}

const fieldsOf = (obj: KubeObject) => (obj.metadata.managedFields ?? []).map((e) => ({ ...e, fieldsV1: JSON.stringify(e.fieldsV1) }));

describe('makeFieldManager().recordUpdate', () => {
  it('gives a create to its manager, without status (reset for the main resource)', () => {
    const obj = pod();
    makeFieldManager().recordUpdate(null, obj, { manager: 'kube-controller-manager', subresource: '', now: T0 });
    expect(fieldsOf(obj)).toEqual([
      {
        manager: 'kube-controller-manager',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2026-01-01T00:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1:
          '{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"web\\"}":' +
          '{".":{},"f:image":{},"f:name":{},"f:resources":{}}},"f:restartPolicy":{}}}',
      },
    ]);
  });

  it('records a status write under the status subresource and leaves the creator entry as it was', () => {
    const fm = makeFieldManager();
    const created = pod();
    fm.recordUpdate(null, created, { manager: 'kube-controller-manager', subresource: '', now: T0 });
    const next = structuredClone(created);
    next['status'] = { phase: 'Running', podIP: '10.0.0.5' };
    (next['spec'] as { restartPolicy: string }).restartPolicy = 'Never';
    fm.recordUpdate(created, next, { manager: 'kubelet', subresource: 'status', now: T0 + 5000 });
    const [creator, kubelet] = fieldsOf(next);
    expect(creator).toEqual(fieldsOf(created)[0]);
    expect(kubelet).toEqual({
      manager: 'kubelet',
      operation: 'Update',
      apiVersion: 'v1',
      time: '2026-01-01T00:00:05Z',
      fieldsType: 'FieldsV1',
      fieldsV1: '{"f:status":{"f:phase":{},"f:podIP":{}}}',
      subresource: 'status',
    });
  });

  it('sets exactly the entries updateManagedFields computes for the same write', () => {
    const created = pod();
    makeFieldManager().recordUpdate(null, created, { manager: 'a', subresource: '', now: T0 });
    const next = structuredClone(created);
    (next.metadata.labels as Record<string, string>)['tier'] = 'front';
    const expected = updateManagedFields({
      old: created as unknown as JsonObject,
      updated: next as unknown as JsonObject,
      manager: 'b',
      schema: builtinApplySchema('Pod'),
      apiVersion: 'v1',
      now: T0 + 1000,
      resetFields: [['status']],
    }).managedFields;
    makeFieldManager().recordUpdate(created, next, { manager: 'b', subresource: '', now: T0 + 1000 });
    expect(JSON.stringify(next.metadata.managedFields)).toBe(JSON.stringify(expected));
    expect(next.metadata.managedFields?.map((e) => e.manager)).toEqual(['a', 'b']);
  });

  it('leaves an object without managedFields untracked', () => {
    const old = pod();
    const next = structuredClone(old);
    next.metadata.labels = { app: 'other' };
    makeFieldManager().recordUpdate(old, next, { manager: 'x', subresource: '', now: T0 });
    expect(next.metadata.managedFields).toBeUndefined();
  });
});
