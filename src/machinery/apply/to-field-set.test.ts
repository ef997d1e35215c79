import { describe, expect, it } from 'vitest';
import { builtinApplySchema } from './builtin-apply-schema.js';
import { ApplyObjectError } from './errors.js';
import { fieldSetToJson } from './fields-v1.js';
import type { JsonObject } from './go-json.js';
import { deducedApplySchema } from './schema.js';
import { testApplySchema } from './test-schema.js';
import { ensureNamedFieldsAreMembers, toFieldSet } from './to-field-set.js';

describe('toFieldSet', () => {
  it('gives the field set kubectl apply --server-side records for a Deployment', () => {
    const applied = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { labels: { app: 'nginx' } },
      spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } },
    };
    const json = fieldSetToJson(toFieldSet(applied, builtinApplySchema('Deployment')));
    expect(json).toBe(
      '{"f:apiVersion":{},"f:kind":{},"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:template":{"f:spec":' +
        '{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:name":{}}}}}}}',
    );
  });

  it('owns atomic lists and maps whole, set items by value, and null or {} fields as members', () => {
    const obj = { spec: { args: ['a', 'b'], selector: { app: 'x' }, tags: ['t1', 't2'], empty: {}, gone: null } };
    expect(fieldSetToJson(toFieldSet(obj, testApplySchema))).toBe(
      '{"f:spec":{"f:args":{},"f:empty":{},"f:gone":{},"f:selector":{},"f:tags":{"v:\\"t1\\"":{},"v:\\"t2\\"":{}}}}',
    );
  });

  it('fills omitted list-map key fields from their defaults', () => {
    const obj = { spec: { items: [{ name: 'a', ports: [{ port: 80 }] }] } };
    expect(fieldSetToJson(toFieldSet(obj, testApplySchema))).toContain('k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}');
  });

  it('owns every key of a free-form map, even one holding an object (deduced schema)', () => {
    const obj = { spec: { a: { b: 1 } } };
    expect(fieldSetToJson(toFieldSet(obj, deducedApplySchema))).toBe('{"f:spec":{".":{},"f:a":{".":{},"f:b":{}}}}');
    expect(fieldSetToJson(toFieldSet(obj, testApplySchema))).toBe('{"f:spec":{"f:a":{"f:b":{}}}}');
  });

  it('rejects duplicate keys in an applied list but marks them in a live one', () => {
    const obj: JsonObject = { spec: { items: [{ name: 'a' }, { name: 'a', x: 1 }] } };
    expect(() => toFieldSet(obj, testApplySchema)).toThrow(
      new ApplyObjectError('.spec.items: duplicate entries for key [name="a"]'),
    );
    expect(fieldSetToJson(toFieldSet(obj, testApplySchema, { allowDuplicates: true }))).toBe(
      '{"f:spec":{"f:items":{"k:{\\"name\\":\\"a\\"}":{}}}}',
    );
  });

  it('rejects list-map items without any key field', () => {
    expect(() => toFieldSet({ spec: { items: [{ x: 1 }] } }, testApplySchema)).toThrow(
      '.spec.items: element 0: associative list with keys has an element that omits all key fields ["name"]',
    );
  });
});

describe('ensureNamedFieldsAreMembers', () => {
  it('adds struct fields above members, but not free-form map keys', () => {
    const set = toFieldSet({ spec: { replicas: 1 }, metadata: { labels: { app: 'x' } } }, testApplySchema);
    expect(fieldSetToJson(ensureNamedFieldsAreMembers(set, testApplySchema))).toBe(
      '{"f:metadata":{".":{},"f:labels":{".":{},"f:app":{}}},"f:spec":{".":{},"f:replicas":{}}}',
    );
  });
});
