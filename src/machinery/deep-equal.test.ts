import { describe, expect, it } from 'vitest';
import { deepCopy, deepEqual, jsonCopy } from './deep-equal.js';
import { deepFreeze } from './deep-freeze.js';

describe('deepEqual', () => {
  it.each([
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: undefined }, {}, true],
    [[1, 2], [2, 1], false],
    [null, {}, false],
    [[], {}, false],
    ['1', 1, false],
  ])('%j vs %j → %s', (a, b, want) => {
    expect(deepEqual(a, b)).toBe(want);
    expect(deepEqual(b, a)).toBe(want);
  });
});

describe('deepCopy', () => {
  it('copies JSON values deeply, sharing nothing, and the copy of a frozen value is mutable', () => {
    const src = deepFreeze({ a: [1, { b: 'x' }], c: { d: null, e: true } });
    const copy = deepCopy(src);
    expect(copy).toEqual(src);
    expect(copy.a).not.toBe(src.a);
    expect(copy.a[1]).not.toBe(src.a[1]);
    (copy.c as { d: unknown }).d = 1;
    expect(src.c.d).toBe(null);
  });

  it('keeps a "__proto__" key as a plain property, as JSON.parse does', () => {
    const src = JSON.parse('{"__proto__":{"polluted":true},"x":1}') as Record<string, unknown>;
    const copy = deepCopy(src);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'x']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('jsonCopy', () => {
  it.each([
    ['plain values', { a: [1, 'x', true, null, { b: {} }], c: { d: 2.5 } }],
    ['undefined keys and elements', { a: undefined, b: [undefined, 1], c: { d: undefined } }],
    ['non-finite numbers', { a: NaN, b: [Infinity, -Infinity], c: -0 }],
    ['a __proto__ key', JSON.parse('{"__proto__":{"x":1},"y":2}') as unknown],
  ])('equals JSON.parse(JSON.stringify(v)) for %s', (_, v) => {
    const copy = jsonCopy(v);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(v));
    expect(copy).toStrictEqual(JSON.parse(JSON.stringify(v)));
  });
});
