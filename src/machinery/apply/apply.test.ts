import { describe, expect, it } from 'vitest';
import { isBadRequest } from '../errors.js';
import { applyObject, type ApplyObjectOptions } from './apply.js';
import { builtinApplySchema } from './builtin-apply-schema.js';
import { ApplyConflictError } from './conflict.js';
import { ApplyObjectError, ManagedFieldsError } from './errors.js';
import type { JsonObject } from './go-json.js';
import type { ManagedFieldsEntry } from './managed-fields.js';
import { updateManagedFields } from './update.js';

const T0 = Date.UTC(2026, 0, 1);
const schema = builtinApplySchema('Deployment');

function deployment(spec: JsonObject, metadata: JsonObject = {}): JsonObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', ...metadata }, spec };
}

function apply(live: JsonObject | null, applied: JsonObject, manager: string, extra: Partial<ApplyObjectOptions> = {}) {
  return applyObject({ live, applied, manager, schema, apiVersion: 'apps/v1', kind: 'Deployment', now: T0, ...extra });
}

function entry(obj: JsonObject, manager: string): ManagedFieldsEntry | undefined {
  const mf = (obj['metadata'] as { managedFields?: ManagedFieldsEntry[] }).managedFields ?? [];
  return mf.find((e) => e.manager === manager);
}

function conflictOf(fn: () => unknown): ApplyConflictError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApplyConflictError) return err;
    throw err;
  }
  throw new Error('expected an apply conflict');
}

const container = (image: string) => ({ template: { spec: { containers: [{ name: 'nginx', image }] } } });

describe('applyObject', () => {
  it('first apply creates the object and one Apply entry', () => {
    const applied = deployment(container('nginx:1.25'), { labels: { app: 'nginx' } });
    const { object, managedFields, changed } = apply(null, applied, 'kubectl');
    expect(changed).toBe(true);
    expect(managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: '2026-01-01T00:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: JSON.parse(
          '{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:template":{"f:spec":{"f:containers":' +
            '{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:name":{}}}}}}}',
        ),
      },
    ]);
    expect(object).toEqual({ ...applied, metadata: { name: 'web', labels: { app: 'nginx' }, managedFields } });
  });

  it('second apply by the same manager without a field removes the field', () => {
    const first = apply(null, deployment({ replicas: 3, ...container('a') }, { labels: { app: 'x', tier: 'web' } }), 'mgr');
    const second = apply(first.object, deployment(container('a'), { labels: { app: 'x' } }), 'mgr', { now: T0 + 5000 });
    expect(second.object['spec']).toEqual(container('a'));
    expect((second.object['metadata'] as JsonObject)['labels']).toEqual({ app: 'x' });
    expect(JSON.stringify(entry(second.object, 'mgr')!.fieldsV1)).not.toMatch(/replicas|tier/);
    expect(entry(second.object, 'mgr')!.time).toBe('2026-01-01T00:00:05Z');
  });

  it('a field the applier stops applying stays when another manager also owns it', () => {
    const a = apply(null, deployment({ replicas: 2, ...container('a') }), 'a');
    const b = apply(a.object, deployment({ replicas: 2 }), 'b');
    const a2 = apply(b.object, deployment(container('a')), 'a');
    expect((a2.object['spec'] as JsonObject)['replicas']).toBe(2);
    expect(JSON.stringify(entry(a2.object, 'b')!.fieldsV1)).toBe('{"f:spec":{"f:replicas":{}}}');
  });

  it('two appliers setting a field to the same value share it without conflict', () => {
    const a = apply(null, deployment({ replicas: 2 }), 'a');
    const b = apply(a.object, deployment({ replicas: 2 }), 'b');
    expect(b.changed).toBe(false);
    expect(JSON.stringify(entry(b.object, 'a')!.fieldsV1)).toBe('{"f:spec":{"f:replicas":{}}}');
    expect(JSON.stringify(entry(b.object, 'b')!.fieldsV1)).toBe('{"f:spec":{"f:replicas":{}}}');
    const err = conflictOf(() => apply(b.object, deployment({ replicas: 5 }), 'b'));
    expect(err.message).toBe('Apply failed with 1 conflict: conflict with "a": .spec.replicas');
  });

  it('kubectl-client-side-apply (Update) then a server-side apply changing replicas conflicts', () => {
    const created = updateManagedFields({
      old: null,
      updated: deployment({ replicas: 1, ...container('nginx') }),
      manager: 'kubectl-client-side-apply',
      schema,
      apiVersion: 'apps/v1',
      now: T0,
    }).object;
    const err = conflictOf(() => apply(created, deployment({ replicas: 3, ...container('nginx') }), 'kubectl'));
    expect(err.code).toBe(409);
    expect(err.reason).toBe('Conflict');
    expect(err.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
    );
    expect(err.conflicts.map((c) => [c.manager, c.field])).toEqual([['kubectl-client-side-apply', '.spec.replicas']]);
    expect(err.toStatus().details?.causes).toEqual([
      { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' },
    ]);
  });

  it('with force, ownership of the conflicting field moves to the applier', () => {
    const created = updateManagedFields({
      old: null,
      updated: deployment({ replicas: 1, ...container('nginx') }),
      manager: 'kubectl-client-side-apply',
      schema,
      apiVersion: 'apps/v1',
      now: T0,
    }).object;
    const { object } = apply(created, deployment({ replicas: 3 }), 'kubectl', { force: true });
    expect((object['spec'] as JsonObject)['replicas']).toBe(3);
    expect(JSON.stringify(entry(object, 'kubectl')!.fieldsV1)).toBe('{"f:spec":{"f:replicas":{}}}');
    expect(JSON.stringify(entry(object, 'kubectl-client-side-apply')!.fieldsV1)).not.toContain('f:replicas');
    expect(JSON.stringify(entry(object, 'kubectl-client-side-apply')!.fieldsV1)).toContain('f:image');
  });

  it('merges lists of containers by name and conflicts per container field', () => {
    const a = apply(null, deployment({ template: { spec: { containers: [{ name: 'app', image: 'app:1' }] } } }), 'a');
    const b = apply(a.object, deployment({ template: { spec: { containers: [{ name: 'sidecar', image: 'envoy' }] } } }), 'b');
    const spec = b.object['spec'] as { template: { spec: { containers: { name: string }[] } } };
    expect(spec.template.spec.containers.map((c) => c.name)).toEqual(['app', 'sidecar']);
    expect(JSON.stringify(entry(b.object, 'a')!.fieldsV1)).toContain('k:{\\"name\\":\\"app\\"}');
    const err = conflictOf(() =>
      apply(b.object, deployment({ template: { spec: { containers: [{ name: 'app', image: 'app:2' }] } } }), 'b'),
    );
    expect(err.message).toBe('Apply failed with 1 conflict: conflict with "a": .spec.template.spec.containers[name="app"].image');
  });

  it('removes a container the applier no longer applies, keeping one another manager created', () => {
    const two = deployment({ template: { spec: { containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] } } });
    const first = apply(null, two, 'mgr');
    const withC = structuredClone(first.object);
    ((withC['spec'] as JsonObject)['template'] as { spec: { containers: JsonObject[] } }).spec.containers.push({ name: 'c', image: 'c' });
    const updated = updateManagedFields({ old: first.object, updated: withC, manager: 'editor', schema, apiVersion: 'apps/v1', now: T0 }).object;
    const second = apply(updated, deployment({ template: { spec: { containers: [{ name: 'a', image: 'a' }] } } }), 'mgr');
    const spec = second.object['spec'] as { template: { spec: { containers: { name: string }[] } } };
    expect(spec.template.spec.containers.map((c) => c.name)).toEqual(['a', 'c']);
  });

  it('replaces atomic lists as a whole', () => {
    const tol = (keys: string[]) => ({ template: { spec: { tolerations: keys.map((key) => ({ key, operator: 'Exists' })) } } });
    const a = apply(null, deployment(tol(['x', 'y'])), 'a');
    const a2 = apply(a.object, deployment(tol(['z'])), 'a');
    expect(a2.object['spec']).toEqual(tol(['z']));
    expect(JSON.stringify(entry(a2.object, 'a')!.fieldsV1)).toBe('{"f:spec":{"f:template":{"f:spec":{"f:tolerations":{}}}}}');
  });

  it('gives an untracked object\'s fields to before-first-apply and conflicts with it', () => {
    const live = deployment({ replicas: 1, ...container('nginx') });
    const err = conflictOf(() => apply(live, deployment({ replicas: 2 }), 'ci'));
    expect(err.message).toBe('Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas');
    const { object } = apply(live, deployment({ replicas: 1 }), 'ci');
    expect(entry(object, 'before-first-apply')).toMatchObject({ operation: 'Update', apiVersion: 'apps/v1' });
  });

  it('reports several conflicts grouped by manager, managers sorted', () => {
    const a = apply(null, deployment({ replicas: 1, minReadySeconds: 5 }), 'zeta');
    const b = apply(a.object, deployment({ paused: false }), 'alpha');
    const err = conflictOf(() => apply(b.object, deployment({ replicas: 2, minReadySeconds: 6, paused: true }), 'c'));
    expect(err.message).toBe(
      'Apply failed with 3 conflicts: conflicts with "alpha":\n- .spec.paused\nconflicts with "zeta":\n- .spec.minReadySeconds\n- .spec.replicas',
    );
  });

  it('lets kubectl take over fields whose live value still matches last-applied-configuration', () => {
    const csa = deployment({ replicas: 1 }, {
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(deployment({ replicas: 1 })) },
    });
    const live = updateManagedFields({ old: null, updated: csa, manager: 'kubectl-client-side-apply', schema, apiVersion: 'apps/v1', now: T0 }).object;
    const { object } = apply(live, deployment({ replicas: 4 }), 'kubectl');
    expect((object['spec'] as JsonObject)['replicas']).toBe(4);
    const annotation = ((object['metadata'] as JsonObject)['annotations'] as JsonObject)['kubectl.kubernetes.io/last-applied-configuration'];
    expect(annotation).toBe('{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":4}}\n');
  });

  it('an apply that changes nothing keeps the time of the last change', () => {
    const first = apply(null, deployment({ replicas: 1 }), 'a');
    const again = apply(first.object, deployment({ replicas: 1 }), 'a', { now: T0 + 60_000 });
    expect(again.changed).toBe(false);
    expect(entry(again.object, 'a')!.time).toBe('2026-01-01T00:00:00Z');
  });

  it('never owns reset fields such as status on the main resource', () => {
    const { managedFields } = apply(null, { ...deployment({ replicas: 1 }), status: { replicas: 9 } }, 'a', { resetFields: [['status']] });
    expect(JSON.stringify(managedFields![0]!.fieldsV1)).toBe('{"f:spec":{"f:replicas":{}}}');
  });

  it('records the subresource in the entry', () => {
    const { managedFields } = apply(null, deployment({ replicas: 1 }), 'hpa', { subresource: 'scale' });
    expect(managedFields![0]).toMatchObject({ manager: 'hpa', operation: 'Apply', subresource: 'scale' });
  });

  it('rejects a configuration of another version or kind, or carrying managedFields', () => {
    const wrongVersion = { ...deployment({}), apiVersion: 'apps/v1beta1' };
    expect(() => apply(null, wrongVersion, 'a')).toThrow('invalid object type: apps/v1beta1, Kind=Deployment');
    expect(isBadRequest(catchErr(() => apply(null, wrongVersion, 'a')))).toBe(true);
    const withMf = deployment({}, { managedFields: [] });
    expect(() => apply(null, withMf, 'a')).toThrow('metadata.managedFields must be nil');
  });

  it('rejects duplicate list keys in the configuration', () => {
    const dup = deployment({ template: { spec: { containers: [{ name: 'a' }, { name: 'a' }] } } });
    expect(() => apply(null, dup, 'a')).toThrow(ApplyObjectError);
  });

  it('fails on undecodable live managedFields', () => {
    const live = deployment({}, { managedFields: [{ manager: 'x', operation: 'Patch', apiVersion: 'apps/v1', fieldsType: 'FieldsV1' }] });
    expect(() => apply(live, deployment({ replicas: 1 }), 'a')).toThrow(ManagedFieldsError);
  });
});

function catchErr(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}
