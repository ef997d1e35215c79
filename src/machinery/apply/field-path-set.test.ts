import { describe, expect, it } from 'vitest';
import { FieldPathSet } from './field-path-set.js';
import { fieldElement, fieldPath, keyElement, pathToString, valueElement, type FieldPath } from './path.js';

const set = (...paths: string[][]) => FieldPathSet.fromPaths(paths.map((p) => fieldPath(...p)));
const strings = (s: FieldPathSet) => s.paths().map(pathToString);

describe('FieldPathSet', () => {
  it('holds exactly the inserted paths, not their parents', () => {
    const s = set(['spec', 'replicas']);
    expect(s.has(fieldPath('spec', 'replicas'))).toBe(true);
    expect(s.has(fieldPath('spec'))).toBe(false);
    expect(s.size).toBe(1);
  });

  it('ignores the empty path (the whole object is never owned)', () => {
    expect(FieldPathSet.fromPaths([[]]).isEmpty()).toBe(true);
  });

  it('iterates members depth-first in element order', () => {
    const c = keyElement({ name: 'a' });
    const s = FieldPathSet.fromPaths([
      [fieldElement('spec'), fieldElement('tags'), valueElement('x')],
      [fieldElement('spec'), fieldElement('containers'), c],
      [fieldElement('metadata'), fieldElement('labels'), fieldElement('app')],
      [fieldElement('spec')],
    ] as FieldPath[]);
    expect(strings(s)).toEqual(['.spec', '.metadata.labels.app', '.spec.containers[name="a"]', '.spec.tags[="x"]']);
  });

  it('unions and intersects member by member', () => {
    const a = set(['spec', 'a'], ['spec', 'b']);
    const b = set(['spec', 'b'], ['spec', 'c'], ['status']);
    expect(strings(a.union(b))).toEqual(['.status', '.spec.a', '.spec.b', '.spec.c']);
    expect(strings(a.intersection(b))).toEqual(['.spec.b']);
  });

  it('difference keeps children of a removed parent (parent − child = parent; child − parent = child)', () => {
    const s = set(['spec'], ['spec', 'replicas']);
    expect(strings(s.difference(set(['spec'])))).toEqual(['.spec.replicas']);
    expect(strings(s.difference(set(['spec', 'replicas'])))).toEqual(['.spec']);
  });

  it('recursive difference removes everything below a removed member', () => {
    const s = set(['spec', 'replicas'], ['status', 'replicas'], ['status', 'conditions']);
    expect(strings(s.recursiveDifference(set(['status'])))).toEqual(['.spec.replicas']);
    expect(strings(s.difference(set(['status'])))).toEqual(['.spec.replicas', '.status.conditions', '.status.replicas']);
  });

  it('compares keys of list items by value, numbers numerically', () => {
    const a = FieldPathSet.fromPaths([[fieldElement('ports'), keyElement({ containerPort: 80, protocol: 'TCP' })]]);
    const b = FieldPathSet.fromPaths([[fieldElement('ports'), keyElement({ protocol: 'TCP', containerPort: 80.0 })]]);
    expect(a.equals(b)).toBe(true);
    expect(strings(a)).toEqual(['.ports[containerPort=80,protocol="TCP"]']);
  });

  it('leaves its inputs untouched', () => {
    const a = set(['x']);
    const b = set(['y']);
    a.union(b).difference(a);
    expect(strings(a)).toEqual(['.x']);
    expect(strings(b)).toEqual(['.y']);
  });

  it('builds a level from parts in any order, keeping equal members once and uniting equal children', () => {
    const a = fieldElement('a');
    const s = FieldPathSet.fromParts([fieldElement('b'), a, fieldElement('a')], [
      { pe: fieldElement('c'), set: set(['y']) },
      { pe: fieldElement('c'), set: set(['x']) },
      { pe: fieldElement('d'), set: FieldPathSet.empty() },
    ]);
    expect(strings(s)).toEqual(['.a', '.b', '.c.x', '.c.y']);
    expect(s.members[0]).toBe(a);
  });

  it('returns an operand itself when an operation changes nothing (sets are immutable)', () => {
    const s = set(['spec', 'a'], ['spec', 'b']);
    expect(s.union(FieldPathSet.empty())).toBe(s);
    expect(s.difference(set(['status', 'a']))).toBe(s);
    expect(s.recursiveDifference(set(['status']))).toBe(s);
    expect(strings(s.difference(set(['spec', 'a'])))).toEqual(['.spec.b']);
  });
});
