import { describe, expect, it } from 'vitest';
import type { JsonObject } from './json.js';
import { applyStrategicMergePatch } from './strategic-apply.js';
import { createThreeWayMergePatch, createTwoWayMergePatch } from './strategic-create.js';
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
});
const deploymentSchema = definePatchSchema('Deployment', {
  metadata: { schema: definePatchSchema('ObjectMeta', { finalizers: { patchStrategy: 'merge', list: 'primitives' } }) },
  spec: {
    schema: definePatchSchema('DeploymentSpec', {
      template: { schema: definePatchSchema('PodTemplateSpec', { spec: { schema: podSpec } }) },
    }),
  },
});

function deployment(image: string, extra: JsonObject = {}): JsonObject {
  return deepFreeze({
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
    ...extra,
  });
}

describe('createThreeWayMergePatch', () => {
  it('produces the patch kubectl apply sends for an image change, byte for byte', () => {
    const lastApplied = deployment('nginx:1.25');
    const config = deployment('nginx:1.26');
    const live = deployment('nginx:1.25', { status: { replicas: 2 } });
    const patch = createThreeWayMergePatch(lastApplied, config, live, deploymentSchema, { overwrite: true });
    expect(JSON.stringify(patch)).toBe(
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.26","name":"nginx"}]}}}}',
    );
  });

  it('keeps fields others set on the live object and deletes only what the configuration dropped', () => {
    const lastApplied = deepFreeze({ metadata: { labels: { app: 'a', old: 'x' } } });
    const config = deepFreeze({ metadata: { labels: { app: 'a' } } });
    const live = deepFreeze({ metadata: { labels: { app: 'a', old: 'x', addedByController: 'y' } } });
    const patch = createThreeWayMergePatch(lastApplied, config, live, deploymentSchema, { overwrite: true });
    expect(patch).toEqual({ metadata: { labels: { old: null } } });
    expect(applyStrategicMergePatch(live, patch, deploymentSchema)).toEqual({ metadata: { labels: { app: 'a', addedByController: 'y' } } });
  });

  it('treats a missing last-applied configuration as empty', () => {
    const patch = createThreeWayMergePatch(null, deepFreeze({ a: 1 }), deepFreeze({ a: 1, b: 2 }), deploymentSchema, { overwrite: true });
    expect(patch).toEqual({});
  });

  it('reports a Conflict (409) without overwrite when the live object changed the same field', () => {
    const lastApplied = deployment('nginx:1.25');
    const config = deployment('nginx:1.26');
    const live = deployment('nginx:1.24');
    const run = () => createThreeWayMergePatch(lastApplied, config, live, deploymentSchema, { overwrite: false });
    expect(run).toThrow(expect.objectContaining({ reason: 'Conflict', code: 409 }));
    expect(run).toThrow(/conflicts with changes made from original to current/);
    expect(createThreeWayMergePatch(lastApplied, config, live, deploymentSchema, { overwrite: true })).toEqual({
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ image: 'nginx:1.26', name: 'nginx' }] } } },
    });
  });

  it('rejects a document that is not an object', () => {
    expect(() => createThreeWayMergePatch({}, [] as unknown as JsonObject, {}, deploymentSchema, { overwrite: true })).toThrow(
      expect.objectContaining({ reason: 'InvalidDocument', code: 400 }),
    );
  });
});

describe('createTwoWayMergePatch', () => {
  it('emits keys in lexical order, as Go encodes maps', () => {
    const patch = createTwoWayMergePatch(deepFreeze({ b: 1, a: 1 }), deepFreeze({ z: 1, c: { y: 1, x: 2 } }), deploymentSchema);
    expect(JSON.stringify(patch)).toBe('{"a":null,"b":null,"c":{"x":2,"y":1},"z":1}');
  });

  it('round-trips: applying the patch to the original yields the modified document', () => {
    const original = deployment('nginx:1.25');
    const modified = deepFreeze<JsonObject>({
      ...deployment('nginx:1.26'),
      metadata: { name: 'nginx', finalizers: ['f2'] },
      spec: {
        replicas: 3,
        template: {
          spec: {
            containers: [
              { name: 'sidecar', image: 'envoy', env: [{ name: 'A', value: '1' }] },
              { name: 'nginx', image: 'nginx:1.26', ports: [{ containerPort: 443 }, { containerPort: 80 }] },
            ],
          },
        },
      },
    });
    const patch = createTwoWayMergePatch(original, modified, deploymentSchema);
    expect(applyStrategicMergePatch(original, patch, deploymentSchema)).toEqual(modified);
  });

  it('returns a patch that shares nothing with its inputs', () => {
    const added = deepFreeze({ deep: { list: [1] } });
    const patch = createTwoWayMergePatch({}, deepFreeze({ added }), deploymentSchema);
    expect(patch.added).toEqual(added);
    expect(patch.added).not.toBe(added);
  });
});
