import { describe, expect, it } from 'vitest';
import { deepClone, deepEqual, goString, kindOf, setKey, sortKeysDeep, type JsonObject } from './json.js';

describe('goString (Go %v of a decoded JSON value)', () => {
  it.each([
    [1, '1'],
    [80, '80'],
    [123456, '123456'],
    [1000000, '1e+06'],
    [1234567, '1.234567e+06'],
    [0.5, '0.5'],
    [0.00001, '1e-05'],
    [-2, '-2'],
    [true, 'true'],
    [null, '<nil>'],
    ['x', 'x'],
  ])('formats %j as %s', (v, text) => {
    expect(goString(v)).toBe(text);
  });

  it('formats maps with sorted keys and lists space separated', () => {
    expect(goString({ b: 1, a: [1, 'x'] })).toBe('map[a:[1 x] b:1]');
  });
});

describe('JSON helpers', () => {
  it('keeps a __proto__ key an ordinary own key', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as JsonObject;
    const copy = deepClone(parsed);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    const target: JsonObject = {};
    setKey(target, '__proto__', { x: 1 });
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(deepEqual(copy, parsed)).toBe(true);
  });

  it('compares structurally, ignoring key order but not list order', () => {
    expect(deepEqual({ a: [1, { b: 2 }], c: null }, { c: null, a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined as unknown as null })).toBe(false);
  });

  it('clones as JSON text would: undefined keys dropped, undefined list elements null', () => {
    const built = { a: undefined, b: [undefined, 1], c: { d: undefined } } as unknown as JsonObject;
    expect(deepClone(built)).toEqual({ b: [null, 1], c: {} });
    expect(Object.keys(deepClone(built))).toEqual(['b', 'c']);
  });

  it('rejects values JSON cannot hold', () => {
    expect(() => kindOf((() => 1) as unknown as JsonObject)).toThrow(expect.objectContaining({ reason: 'InvalidDocument' }));
  });

  it('sorts keys recursively and names Go kinds', () => {
    expect(Object.keys(sortKeysDeep({ b: 1, a: { d: 1, c: 2 } }))).toEqual(['a', 'b']);
    expect([null, true, 1, 's', [], {}].map(kindOf)).toEqual(['null', 'bool', 'number', 'string', 'list', 'map']);
  });
});
