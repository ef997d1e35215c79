import { describe, expect, it } from 'vitest';
import { k8sSchema, protobufKinds, protobufMessageFor } from './kinds.js';
import { compileSchema } from './schema.js';

describe('compileSchema', () => {
  it('parses types and flags', () => {
    const s = compileSchema(
      [{ A: [[2, 'b', 'B[]'], [1, 'm', 'map<bytes>', '?'], [3, 'n', 'int64', '!'], [4, 'inl', 'B', 'inline']], B: [[1, 'x', 'string']] }],
      {},
    );
    const a = s.message('A');
    expect(a.fields.map((f) => f.json)).toEqual(['b', 'm', 'n', 'inl']);
    expect(a.wireOrder.map((f) => f.number)).toEqual([1, 2, 3, 4]);
    expect(a.byNumber.get(2)).toMatchObject({ message: 'B', repeated: true, map: false, presence: 'omitempty' });
    expect(a.byNumber.get(1)).toMatchObject({ scalar: 'bytes', map: true, presence: 'pointer' });
    expect(a.byNumber.get(3)).toMatchObject({ scalar: 'int64', presence: 'required' });
    expect(a.byNumber.get(4)).toMatchObject({ inline: true });
  });

  it('rejects broken tables', () => {
    expect(() => compileSchema([{ A: [[1, 'a', 'string'], [1, 'b', 'string']] }], {})).toThrow(/number 1 used twice/);
    expect(() => compileSchema([{ A: [[1, 'a', 'string'], [2, 'a', 'string']] }], {})).toThrow(/JSON name a used twice/);
    expect(() => compileSchema([{ A: [[1, 'a', 'Missing']] }], {})).toThrow(/undefined message Missing/);
    expect(() => compileSchema([{ A: [[1, 'a', 'string', 'inline']] }], {})).toThrow(/inline must be a singular message/);
    expect(() => compileSchema([{ A: [[0, 'a', 'string']] }], {})).toThrow(/bad field number/);
    expect(() => compileSchema([{ A: [] }, { A: [] }], {})).toThrow(/defined twice/);
    expect(() => compileSchema([{ A: [] }], { T: 'Time' })).toThrow(/special message T/);
  });
});

describe('the Kubernetes schema', () => {
  it('has a root message for every kind kubectl sends as protobuf', () => {
    const kinds = protobufKinds().map((k) => `${k.apiVersion}/${k.kind}`);
    for (const k of ['apps/v1/Deployment', 'v1/Namespace', 'v1/ConfigMap', 'v1/Service', 'v1/Secret', 'v1/ServiceAccount', 'authorization.k8s.io/v1/SelfSubjectAccessReview']) {
      expect(kinds).toContain(k);
    }
  });

  it('does not treat prototype keys as kinds', () => {
    expect(protobufMessageFor('v1', 'toString')).toBeUndefined();
    expect(protobufMessageFor('constructor', 'Pod')).toBeUndefined();
  });

  it('uses the field numbers of k8s.io/api for well-known fields', () => {
    const num = (msg: string, json: string) => k8sSchema.message(msg).fields.find((f) => f.json === json)?.number;
    expect(num('ObjectMeta', 'managedFields')).toBe(17);
    expect(num('OwnerReference', 'apiVersion')).toBe(5);
    expect(num('Container', 'envFrom')).toBe(19);
    expect(num('PodSpec', 'initContainers')).toBe(20);
    expect(num('DeploymentStatus', 'readyReplicas')).toBe(7);
    expect(num('ServiceSpec', 'clusterIPs')).toBe(18);
    expect(num('VolumeSource', 'projected')).toBe(26);
  });
});
