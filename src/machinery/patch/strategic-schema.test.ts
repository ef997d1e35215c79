import { describe, expect, it } from 'vitest';
import {
  EMPTY_PATCH_SCHEMA,
  definePatchSchema,
  extendPatchSchema,
  lookupField,
  lookupPath,
  parsePatchStrategy,
  type PatchSchema,
} from './strategic-schema.js';

describe('parsePatchStrategy', () => {
  it.each([
    ['', { retainKeys: false }],
    ['merge', { strategy: 'merge', retainKeys: false }],
    ['replace', { strategy: 'replace', retainKeys: false }],
    ['retainKeys', { retainKeys: true }],
    ['merge,retainKeys', { strategy: 'merge', retainKeys: true }],
    ['retainKeys,merge', { strategy: 'merge', retainKeys: true }],
  ])('reads the tag %j', (tag, expected) => {
    expect(parsePatchStrategy(tag)).toEqual(expected);
  });

  it.each(['merge,replace', 'merge,retainKeys,replace', 'retainKeys,retainKeys,merge', 'atomic'])('rejects the tag %j', (tag) => {
    expect(() => parsePatchStrategy(tag)).toThrow(expect.objectContaining({ reason: 'InvalidSchema' }));
  });
});

describe('definePatchSchema', () => {
  const node: PatchSchema = definePatchSchema('Node', {
    children: { patchStrategy: 'merge', patchMergeKey: 'id', list: 'maps', schema: () => node },
    tags: { patchStrategy: 'merge', list: 'primitives' },
  });
  const root = definePatchSchema('Root', { spec: { schema: definePatchSchema('Spec', { tree: { schema: node } }) } });

  it('resolves recursive schemas lazily', () => {
    expect(lookupPath(root, ['spec', 'tree', 'children', 'children', 'tags'])).toEqual({
      strategy: 'merge',
      retainKeys: false,
      list: 'primitives',
      schema: EMPTY_PATCH_SCHEMA,
    });
    expect(lookupPath(root, ['spec', 'tree', 'children'])?.mergeKey).toBe('id');
  });

  it('answers undefined for unknown paths and an empty default for unknown fields', () => {
    expect(lookupPath(root, ['spec', 'nope', 'x'])).toBeUndefined();
    expect(lookupField(root, 'nope')).toEqual({ retainKeys: false, schema: EMPTY_PATCH_SCHEMA });
  });

  it('rejects a merge key without the merge strategy', () => {
    expect(() => definePatchSchema('Bad', { list: { patchMergeKey: 'name' } })).toThrow(expect.objectContaining({ reason: 'InvalidSchema' }));
  });

  it('extends a schema with extra or overriding fields', () => {
    const extended = extendPatchSchema(node, 'Node2', { tags: {}, owners: { patchStrategy: 'merge', patchMergeKey: 'uid' } });
    expect(extended.field('tags')?.strategy).toBeUndefined();
    expect(extended.field('owners')?.mergeKey).toBe('uid');
    expect(extended.field('children')?.mergeKey).toBe('id');
  });
});
