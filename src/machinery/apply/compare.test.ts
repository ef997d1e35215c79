import { describe, expect, it } from 'vitest';
import { builtinApplySchema } from './builtin-apply-schema.js';
import { compareIgnoring, compareObjects, isSame, type Comparison } from './compare.js';
import { FieldPathSet } from './field-path-set.js';
import type { JsonObject } from './go-json.js';
import { fieldPath, pathToString } from './path.js';
import { TypeCursor } from './schema.js';
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

  it('reports list items whose key repeats before and after as one modified node', () => {
    const c = compareObjects(
      { spec: { items: [{ name: 'a', v: 1 }, { name: 'a', v: 2 }] } },
      { spec: { items: [{ name: 'a', v: 1 }, { name: 'a', v: 3 }] } },
      testApplySchema,
    );
    expect(show(c)).toEqual({ added: [], modified: ['.spec.items[name="a"]'], removed: [] });
  });
});

describe('compareIgnoring', () => {
  const before: JsonObject = { spec: { a: 1, items: [{ name: 'a', image: 'x' }] }, status: { phase: 'P', conditions: [{ type: 'R' }] } };
  const after: JsonObject = { spec: { a: 2, items: [{ name: 'b' }] }, status: { phase: 'R', x: {} } };
  const filtered = (c: Comparison, ignore: FieldPathSet) => ({
    added: c.added.recursiveDifference(ignore),
    modified: c.modified.recursiveDifference(ignore),
    removed: c.removed.recursiveDifference(ignore),
  });

  it.each([[['status']], [['spec']], [['spec', 'items']], [['status', 'phase'], ['spec', 'a']], []])(
    'is the comparison without every path at or below the ignored ones (%j)',
    (...paths: string[][]) => {
      const ignore = FieldPathSet.fromPaths(paths.map((p) => fieldPath(...p)));
      const got = compareIgnoring(before, after, new TypeCursor(testApplySchema), ignore);
      expect(show(got)).toEqual(show(filtered(compareObjects(before, after, testApplySchema), ignore)));
    },
  );

  it('of several list items without a key, reports the first in the objects\' own field order', () => {
    const pod = builtinApplySchema('Pod');
    const bad = { spec: { containers: [{ image: 'x' }] }, metadata: { ownerReferences: [{ kind: 'x' }] } };
    expect(() => compareObjects({}, bad, pod)).toThrow(/^\.spec\.containers: element 0/);
    const reversed = { metadata: bad.metadata, spec: bad.spec };
    expect(() => compareObjects({}, reversed, pod)).toThrow(/^\.metadata\.ownerReferences: element 0/);
  });

  it('still rejects list items without a key below an ignored field', () => {
    const bad = { spec: {}, status: {}, metadata: {} } as JsonObject;
    const withBadItem = { ...bad, spec: { items: [{ image: 'no name' }] } };
    const ignore = FieldPathSet.fromPaths([fieldPath('spec')]);
    expect(() => compareIgnoring(bad, withBadItem, new TypeCursor(testApplySchema), ignore)).toThrow(/\.spec\.items: element 0/);
  });
});
