import { describe, expect, it } from 'vitest';
import { mergeObjects, removeItems } from './merge.js';
import { fieldPath, keyElement, fieldElement } from './path.js';
import { FieldPathSet } from './field-path-set.js';
import { TypeCursor } from './schema.js';
import { testApplySchema } from './test-schema.js';
import type { JsonObject } from './go-json.js';

const cursor = () => new TypeCursor(testApplySchema);
const names = (o: Record<string, unknown>) =>
  ((o['spec'] as { items: { name: string }[] }).items ?? []).map((i) => i.name);

describe('mergeObjects', () => {
  it('merges list-map items by key, the applied values winning', () => {
    const live: JsonObject = { spec: { items: [{ name: 'a', image: 'old', keep: true }, { name: 'b', image: 'b' }] } };
    const out = mergeObjects(live, { spec: { items: [{ name: 'a', image: 'new' }] } }, cursor());
    expect(out).toEqual({ spec: { items: [{ name: 'a', image: 'new', keep: true }, { name: 'b', image: 'b' }] } });
  });

  it('keeps live-only items in place and orders shared items as applied', () => {
    const live = { spec: { items: [{ name: 'a' }, { name: 'x' }, { name: 'b' }, { name: 'c' }] } };
    const out = mergeObjects(live, { spec: { items: [{ name: 'c' }, { name: 'new' }, { name: 'a' }] } }, cursor());
    expect(names(out)).toEqual(['x', 'b', 'c', 'new', 'a']);
  });

  it('replaces atomic lists and atomic maps; merges sets item by item', () => {
    const live = { spec: { args: ['1', '2'], selector: { a: '1', b: '2' }, tags: ['x', 'y'] } };
    const out = mergeObjects(live, { spec: { args: ['3'], selector: { c: '3' }, tags: ['z', 'x'] } }, cursor());
    expect(out).toEqual({ spec: { args: ['3'], selector: { c: '3' }, tags: ['z', 'x', 'y'] } });
  });

  it('omits a field the configuration sets to null', () => {
    expect(mergeObjects({ spec: { a: 1, b: 2 } }, { spec: { a: null } }, cursor())).toEqual({ spec: { b: 2 } });
  });

  it('keeps __proto__ as an ordinary key', () => {
    const config = JSON.parse('{"spec":{"config":{"__proto__":{"polluted":true}}}}') as Record<string, never>;
    const out = mergeObjects({}, config, cursor());
    expect(Object.keys((out['spec'] as Record<string, Record<string, unknown>>)['config']!)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('removeItems', () => {
  it('removes members with everything below them and drops maps left empty', () => {
    const obj: JsonObject = { spec: { items: [{ name: 'a', x: 1 }, { name: 'b' }], config: { k: 'v' } } };
    const toRemove = FieldPathSet.fromPaths([
      [fieldElement('spec'), fieldElement('items'), keyElement({ name: 'a' })],
      fieldPath('spec', 'config', 'k'),
    ]);
    expect(removeItems(obj, toRemove, cursor())).toEqual({ spec: { items: [{ name: 'b' }] } });
  });
});
