import { describe, expect, it } from 'vitest';
import { compareObjects, isSame } from './compare.js';
import { pathToString } from './path.js';
import { testApplySchema } from './test-schema.js';

const show = (c: ReturnType<typeof compareObjects>) => ({
  added: c.added.paths().map(pathToString),
  modified: c.modified.paths().map(pathToString),
  removed: c.removed.paths().map(pathToString),
});

describe('compareObjects', () => {
  it('reports added, modified and removed leaves', () => {
    const c = compareObjects({ spec: { a: 1, b: 2 } }, { spec: { a: 1, b: 3, c: 4 } }, testApplySchema);
    expect(show(c)).toEqual({ added: ['.spec.c'], modified: ['.spec.b'], removed: [] });
  });

  it('reports a new map and a new list item as nodes too', () => {
    const c = compareObjects({}, { spec: { items: [{ name: 'a', image: 'x' }] } }, testApplySchema);
    expect(show(c).added).toEqual(['.spec', '.spec.items', '.spec.items[name="a"]', '.spec.items[name="a"].image', '.spec.items[name="a"].name']);
  });

  it('treats null as present: filling a null field is a modification, not an addition', () => {
    const c = compareObjects({ spec: { items: null } }, { spec: { items: [{ name: 'a' }] } }, testApplySchema);
    expect(show(c).added).toEqual(['.spec.items[name="a"]', '.spec.items[name="a"].name']);
  });

  it('compares atomic lists as one value and ignores list-map order', () => {
    const same = compareObjects(
      { spec: { items: [{ name: 'a' }, { name: 'b' }], args: ['1'] } },
      { spec: { items: [{ name: 'b' }, { name: 'a' }], args: ['1'] } },
      testApplySchema,
    );
    expect(isSame(same)).toBe(true);
    const changed = compareObjects({ spec: { args: ['1'] } }, { spec: { args: ['1', '2'] } }, testApplySchema);
    expect(show(changed).modified).toEqual(['.spec.args']);
  });

  it('reports removed items and maps', () => {
    const c = compareObjects({ spec: { items: [{ name: 'a' }], config: { k: 'v' } } }, { spec: {} }, testApplySchema);
    expect(show(c).removed).toEqual(['.spec.config', '.spec.items', '.spec.config.k', '.spec.items[name="a"]', '.spec.items[name="a"].name']);
  });
});
