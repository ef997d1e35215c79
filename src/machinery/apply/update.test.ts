import { describe, expect, it } from 'vitest';
import { builtinApplySchema } from './builtin-apply-schema.js';
import type { JsonObject } from './go-json.js';
import type { ManagedFieldsEntry } from './managed-fields.js';
import { updateManagedFields, type UpdateManagedFieldsOptions } from './update.js';

const T0 = Date.UTC(2026, 0, 1);
const schema = builtinApplySchema('Deployment');

// A Deployment as `kubectl create deployment nginx --image=nginx` stores it, after defaulting.
function created(): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'nginx',
      namespace: 'default',
      labels: { app: 'nginx' },
      uid: '5a1f7c7e-0000-4000-8000-000000000001',
      resourceVersion: '1',
      generation: 1,
      creationTimestamp: '2026-01-01T00:00:00Z',
    },
    spec: {
      progressDeadlineSeconds: 600,
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'nginx' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'nginx' } },
        spec: {
          containers: [
            {
              image: 'nginx',
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
    },
    status: {},
  };
}

function update(o: Partial<UpdateManagedFieldsOptions> & Pick<UpdateManagedFieldsOptions, 'old' | 'updated' | 'manager'>) {
  return updateManagedFields({ schema, apiVersion: 'apps/v1', now: T0, resetFields: [['status']], ...o });
}

function entries(obj: JsonObject): ManagedFieldsEntry[] {
  return (obj['metadata'] as { managedFields?: ManagedFieldsEntry[] }).managedFields ?? [];
}

function withSpec(obj: JsonObject, patch: JsonObject): JsonObject {
  const copy = structuredClone(obj);
  Object.assign(copy['spec'] as JsonObject, patch);
  return copy;
}

describe('updateManagedFields', () => {
  it('on create gives the creator every field, exactly as a real cluster records kubectl create', () => {
    const { managedFields } = update({ old: null, updated: created(), manager: 'kubectl-create' });
    expect(managedFields).toHaveLength(1);
    expect(managedFields![0]).toMatchObject({ manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1' });
    expect(managedFields![0]!.subresource).toBeUndefined();
    expect(JSON.stringify(managedFields![0]!.fieldsV1)).toBe(
      '{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:progressDeadlineSeconds":{},"f:replicas":{},' +
        '"f:revisionHistoryLimit":{},"f:selector":{},"f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},' +
        '"f:maxUnavailable":{}},"f:type":{}},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":' +
        '{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},' +
        '"f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},"f:dnsPolicy":{},' +
        '"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}}}',
    );
  });

  it('moves changed fields to the writer and keeps the rest with their owners', () => {
    const v1 = update({ old: null, updated: created(), manager: 'kubectl-create' }).object;
    const v2 = update({ old: v1, updated: withSpec(v1, { replicas: 5 }), manager: 'kubectl', now: T0 + 61_000 }).object;
    const [create, scale] = entries(v2);
    expect(create!.manager).toBe('kubectl-create');
    expect(JSON.stringify(create!.fieldsV1)).not.toContain('f:replicas');
    expect(scale).toMatchObject({ manager: 'kubectl', operation: 'Update', time: '2026-01-01T00:01:01Z' });
    expect(JSON.stringify(scale!.fieldsV1)).toBe('{"f:spec":{"f:replicas":{}}}');
  });

  it('merges successive writes of the same manager, operation and version into one entry', () => {
    const v1 = update({ old: null, updated: created(), manager: 'kubectl-create' }).object;
    const v2 = update({ old: v1, updated: withSpec(v1, { replicas: 5 }), manager: 'ctl' }).object;
    const v3 = update({ old: v2, updated: withSpec(v2, { minReadySeconds: 3 }), manager: 'ctl', now: T0 + 2000 }).object;
    const ctl = entries(v3).filter((e) => e.manager === 'ctl');
    expect(ctl).toHaveLength(1);
    expect(JSON.stringify(ctl[0]!.fieldsV1)).toBe('{"f:spec":{"f:minReadySeconds":{},"f:replicas":{}}}');
    expect(ctl[0]!.time).toBe('2026-01-01T00:00:02Z');
  });

  it('a write that changes nothing leaves managedFields alone', () => {
    const v1 = update({ old: null, updated: created(), manager: 'kubectl-create' }).object;
    const v2 = update({ old: v1, updated: structuredClone(v1), manager: 'someone', now: T0 + 9000 }).object;
    expect(entries(v2)).toEqual(entries(v1));
  });

  it('removed fields are owned by nobody and an empty owner disappears', () => {
    const v1 = update({ old: null, updated: created(), manager: 'kubectl-create' }).object;
    const v2 = update({ old: v1, updated: withSpec(v1, { paused: true }), manager: 'pauser' }).object;
    const unpaused = structuredClone(v2);
    delete (unpaused['spec'] as JsonObject)['paused'];
    const v3 = update({ old: v2, updated: unpaused, manager: 'other' }).object;
    expect(entries(v3).map((e) => e.manager)).toEqual(['kubectl-create']);
  });

  it('never tracks the stripped metadata fields, but does track labels', () => {
    const v1 = update({ old: null, updated: created(), manager: 'c' }).object;
    const fields = entries(v1)[0]!.fieldsV1!;
    expect(Object.keys(fields)).toEqual(['f:metadata', 'f:spec']);
    expect(fields['f:metadata']).toEqual({ 'f:labels': { '.': {}, 'f:app': {} } });
  });

  it('leaves an untracked object untracked, and honours a request that resets managedFields', () => {
    const untracked = created();
    const r = update({ old: untracked, updated: withSpec(untracked, { replicas: 2 }), manager: 'x' });
    expect(r.managedFields).toBeUndefined();
    expect((r.object['metadata'] as JsonObject)['managedFields']).toBeUndefined();

    const v1 = update({ old: null, updated: created(), manager: 'c' }).object;
    const reset = structuredClone(v1);
    (reset['metadata'] as JsonObject)['managedFields'] = [];
    expect(update({ old: v1, updated: reset, manager: 'x' }).managedFields).toBeUndefined();
  });

  it('keeps the stored managedFields when the request omits them, uses the request\'s when it sends some', () => {
    const v1 = update({ old: null, updated: created(), manager: 'c' }).object;
    const omitted = structuredClone(v1);
    delete (omitted['metadata'] as JsonObject)['managedFields'];
    expect(entries(update({ old: v1, updated: omitted, manager: 'x' }).object)).toEqual(entries(v1));

    const mine: ManagedFieldsEntry[] = [{ manager: 'owner', operation: 'Apply', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }];
    const supplied = structuredClone(v1);
    (supplied['metadata'] as JsonObject)['managedFields'] = mine as unknown as JsonObject[];
    expect(entries(update({ old: v1, updated: supplied, manager: 'x' }).object)).toEqual(mine);
  });

  it('on the status subresource records the subresource and never owns spec', () => {
    const v1 = update({ old: null, updated: created(), manager: 'c' }).object;
    const next = structuredClone(v1);
    next['status'] = { replicas: 1, observedGeneration: 1 };
    (next['spec'] as JsonObject)['replicas'] = 7;
    const { managedFields } = update({ old: v1, updated: next, manager: 'kube-controller-manager', subresource: 'status', resetFields: [['spec']] });
    const status = managedFields!.find((e) => e.manager === 'kube-controller-manager')!;
    expect(status.subresource).toBe('status');
    expect(JSON.stringify(status.fieldsV1)).toBe('{"f:status":{"f:observedGeneration":{},"f:replicas":{}}}');
  });

  it('merges the oldest of more than ten Update managers into ancient-changes', () => {
    let obj = update({ old: null, updated: created(), manager: 'creator' }).object;
    for (let i = 0; i < 11; i++) {
      obj = update({ old: obj, updated: withSpec(obj, { [`f${i}`]: i }), manager: `m${i}`, now: T0 + (i + 1) * 1000 }).object;
    }
    const names = entries(obj).map((e) => e.manager);
    expect(names).toHaveLength(10);
    expect(names).toContain('ancient-changes');
    expect(names).not.toContain('creator');
    expect(names).not.toContain('m0');
    expect(names).not.toContain('m1');
    const ancient = entries(obj).find((e) => e.manager === 'ancient-changes')!;
    expect(JSON.stringify(ancient.fieldsV1)).toMatch(/f:f0.*f:f1/);
    // The bucket carries the time of the newest entry merged into it.
    expect(ancient.time).toBe('2026-01-01T00:00:02Z');
  });

  it('keeps the stored managedFields when the object does not fit the schema', () => {
    const v1 = update({ old: null, updated: created(), manager: 'c' }).object;
    const bad = structuredClone(v1);
    ((bad['spec'] as JsonObject)['template'] as { spec: { containers: JsonObject[] } }).spec.containers.push({ image: 'x' });
    const r = update({ old: v1, updated: bad, manager: 'x' });
    expect(r.error?.name).toBe('ApplyObjectError');
    expect(r.managedFields).toEqual(entries(v1));
  });
});
