import { describe, expect, it } from 'vitest';
import { PatchError, type PatchErrorReason } from './errors.js';
import type { JsonObject } from './json.js';
import { applyStrategicMergePatch } from './strategic-apply.js';
import { definePatchSchema } from './strategic-schema.js';

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const child of Object.values(v)) deepFreeze(child);
    Object.freeze(v);
  }
  return v;
}

const container = definePatchSchema('Container', {
  env: { patchStrategy: 'merge', patchMergeKey: 'name', list: 'maps' },
  ports: { patchStrategy: 'merge', patchMergeKey: 'containerPort', list: 'maps' },
});
const podSpec = definePatchSchema('PodSpec', {
  containers: { patchStrategy: 'merge', patchMergeKey: 'name', list: 'maps', schema: container },
  volumes: { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name', list: 'maps' },
  tolerations: { list: 'maps' },
});
const pod = definePatchSchema('Pod', {
  metadata: { schema: definePatchSchema('ObjectMeta', { finalizers: { patchStrategy: 'merge', list: 'primitives' } }) },
  spec: { schema: podSpec },
});

const live = (): JsonObject =>
  deepFreeze<JsonObject>({
    metadata: { name: 'web', labels: { app: 'web' }, finalizers: ['a', 'b'] },
    spec: {
      containers: [
        { name: 'app', image: 'app:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
        { name: 'sidecar', image: 'proxy:1' },
      ],
      tolerations: [{ key: 'k1' }, { key: 'k2' }],
      volumes: [{ name: 'v', emptyDir: {} }],
    },
  });

function failure(original: JsonObject, patch: unknown): PatchError {
  try {
    applyStrategicMergePatch(original, patch as JsonObject, pod);
  } catch (err) {
    if (err instanceof PatchError) return err;
    throw err;
  }
  throw new Error('expected the patch to fail');
}

describe('applyStrategicMergePatch', () => {
  it('merges list elements by merge key and leaves the others alone', () => {
    const out = applyStrategicMergePatch(live(), { spec: { containers: [{ name: 'app', env: [{ name: 'B', value: '3' }, { name: 'C', value: '4' }] }] } }, pod);
    expect(out.spec).toEqual({
      containers: [
        { name: 'app', image: 'app:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '3' }, { name: 'C', value: '4' }] },
        { name: 'sidecar', image: 'proxy:1' },
      ],
      tolerations: [{ key: 'k1' }, { key: 'k2' }],
      volumes: [{ name: 'v', emptyDir: {} }],
    });
  });

  it('replaces lists without a merge strategy whole', () => {
    const out = applyStrategicMergePatch(live(), { spec: { tolerations: [{ key: 'k3' }] } }, pod);
    expect((out.spec as JsonObject).tolerations).toEqual([{ key: 'k3' }]);
  });

  it('unions merging lists of primitives and deletes with $deleteFromPrimitiveList', () => {
    const out = applyStrategicMergePatch(live(), { metadata: { finalizers: ['c', 'a'], '$deleteFromPrimitiveList/finalizers': ['b'] } }, pod);
    expect((out.metadata as JsonObject).finalizers).toEqual(['c', 'a']);
  });

  it('executes $patch: delete and $patch: replace on list elements and maps', () => {
    const deleted = applyStrategicMergePatch(live(), { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } }, pod);
    expect(((deleted.spec as JsonObject).containers as JsonObject[]).map((c) => c.name)).toEqual(['app']);
    const replaced = applyStrategicMergePatch(live(), { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } }, pod);
    expect((replaced.spec as JsonObject).containers).toEqual([{ name: 'only', image: 'x' }]);
    const labels = applyStrategicMergePatch(live(), { metadata: { labels: { tier: 'db', $patch: 'replace' } } }, pod);
    expect((labels.metadata as JsonObject).labels).toEqual({ tier: 'db' });
    const gone = applyStrategicMergePatch(live(), { metadata: { labels: { $patch: 'delete' } } }, pod);
    expect((gone.metadata as JsonObject).labels).toEqual({});
  });

  it('orders the merged list by $setElementOrder', () => {
    const out = applyStrategicMergePatch(live(), { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'app' }] } }, pod);
    expect(((out.spec as JsonObject).containers as JsonObject[]).map((c) => c.name)).toEqual(['sidecar', 'app']);
  });

  it('clears keys missing from $retainKeys', () => {
    const original = deepFreeze({ spec: { volumes: [{ name: 'data', emptyDir: {} }] } });
    const patch = { spec: { volumes: [{ name: 'data', hostPath: { path: '/x' }, $retainKeys: ['hostPath', 'name'] }] } };
    const out = applyStrategicMergePatch(original, patch, pod);
    expect(out).toEqual({ spec: { volumes: [{ name: 'data', hostPath: { path: '/x' } }] } });
  });

  it('merges fields the schema does not know as a JSON merge patch', () => {
    const original = deepFreeze({ spec: { custom: { list: [{ name: 'a', v: 1 }], keep: true } } });
    const out = applyStrategicMergePatch(original, { spec: { custom: { list: [{ name: 'b' }], gone: null } } }, pod);
    expect(out).toEqual({ spec: { custom: { list: [{ name: 'b' }], keep: true } } });
  });

  it('does not mutate its inputs and returns a result sharing nothing with them', () => {
    const original = live();
    const patch = deepFreeze({ metadata: { annotations: { a: 'b' } }, spec: { containers: [{ name: 'new', image: 'n' }] } });
    const out = applyStrategicMergePatch(original, patch, pod);
    expect(original).toEqual(live());
    const added = ((out.spec as JsonObject).containers as JsonObject[]).find((c) => c.name === 'new');
    expect(added).toEqual({ name: 'new', image: 'n' });
    expect(added).not.toBe(patch.spec.containers[0]);
    expect((out.metadata as JsonObject).labels).not.toBe((original.metadata as JsonObject).labels);
  });

  it.each<[string, unknown, PatchErrorReason, number, string]>([
    ['a missing merge key', { spec: { containers: [{ image: 'x' }] } }, 'MissingMergeKey', 500, 'does not contain declared merge key: name'],
    ['$patch: merge on a list element', { spec: { containers: [{ name: 'app', $patch: 'merge' }] } }, 'MergeFailed', 500, 'merging lists cannot yet be specified'],
    ['$patch: merge on a map', { metadata: { labels: { $patch: 'merge' } } }, 'MergeFailed', 500, 'unknown patch type: merge'],
    ['an unknown $patch value', { spec: { containers: [{ name: 'app', $patch: 'drop' }] } }, 'MergeFailed', 500, 'unknown patch type: drop'],
    ['a $retainKeys that is not a list', { spec: { volumes: [{ name: 'v', $retainKeys: 'name' }] } }, 'InvalidPatch', 400, 'invalid patch format of retainKeys'],
    ['a field outside $retainKeys', { spec: { volumes: [{ name: 'v', secret: {}, $retainKeys: ['name'] }] } }, 'InvalidPatch', 400, 'invalid patch format of retainKeys'],
    ['a malformed $deleteFromPrimitiveList key', { metadata: { $deleteFromPrimitiveListfinalizers: ['a'] } }, 'InvalidPatch', 400, 'primitive list'],
    ['a $setElementOrder list out of patch order', { spec: { '$setElementOrder/containers': [{ name: 'app' }, { name: 'sidecar' }], containers: [{ name: 'sidecar' }, { name: 'app' }] } }, 'MergeFailed', 500, "doesn't match $setElementOrder list"],
    ['mixed element types', { metadata: { finalizers: [1] } }, 'MergeFailed', 500, 'list element types are not identical'],
    ['a patch that is not an object', ['x'], 'InvalidPatch', 400, 'invalid JSON document'],
  ])('rejects %s', (_what, patch, reason, code, text) => {
    const err = failure(live(), patch);
    expect(err.reason).toBe(reason);
    expect(err.code).toBe(code);
    expect(err.message).toContain(text);
  });

  it('leaves no directive keys in values it stores verbatim', () => {
    const out = applyStrategicMergePatch(live(), {
      spec: { extra: { nested: { $retainKeys: ['a'], a: 1 } }, containers: [{ name: 'new', env: [{ name: 'X', value: 'y' }], '$setElementOrder/env': [{ name: 'X' }] }] },
    }, pod);
    expect((out.spec as JsonObject).extra).toEqual({ nested: { a: 1 } });
    const containers = (out.spec as JsonObject).containers as JsonObject[];
    expect(containers.find((c) => c.name === 'new')).toEqual({ name: 'new', env: [{ name: 'X', value: 'y' }] });
  });

  it('puts new merging-list elements before server-only ones when no order is given, as Kubernetes does', () => {
    const out = applyStrategicMergePatch(live(), { spec: { containers: [{ name: 'new', image: 'n' }] } }, pod);
    expect(((out.spec as JsonObject).containers as JsonObject[]).map((c) => c.name)).toEqual(['new', 'app', 'sidecar']);
  });

  it('rejects a list of lists (422)', () => {
    const original = deepFreeze({ metadata: { finalizers: [] } });
    expect(() => applyStrategicMergePatch(original, { metadata: { finalizers: [['x']] } }, pod)).toThrow(
      expect.objectContaining({ reason: 'ListOfLists', code: 422, message: 'lists of lists are not supported' }),
    );
  });

  it('treats keys holding undefined (objects built in code) as absent', () => {
    const patch = { metadata: { labels: { app: undefined, tier: 'web' } }, spec: undefined } as unknown as JsonObject;
    const out = applyStrategicMergePatch(live(), patch, pod);
    expect((out.metadata as JsonObject).labels).toEqual({ app: 'web', tier: 'web' });
    expect(out.spec).toEqual(live().spec);
  });

  it('rejects an original that is not an object (400)', () => {
    expect(() => applyStrategicMergePatch([] as unknown as JsonObject, {}, pod)).toThrow(expect.objectContaining({ reason: 'InvalidDocument', code: 400 }));
  });
});
