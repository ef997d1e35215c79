// Cases mirror k8s.io/apimachinery/pkg/fields/selector_test.go.
import { describe, expect, it } from 'vitest';
import {
  FieldSelector,
  FieldSelectorError,
  FieldSelectorParseError,
  type FieldSet,
  andFieldSelectors,
  escapeFieldSelectorValue,
  everythingFields,
  fieldSelectorFromSet,
  nothingFields,
  oneTermEqualFieldSelector,
  oneTermNotEqualFieldSelector,
  parseFieldSelector,
  unescapeFieldSelectorValue,
} from './fields.js';

function parseError(input: string): FieldSelectorParseError {
  try {
    parseFieldSelector(input);
  } catch (err) {
    expect(err).toBeInstanceOf(FieldSelectorParseError);
    return err as FieldSelectorParseError;
  }
  throw new Error(`expected ${JSON.stringify(input)} to fail`);
}

describe('parseFieldSelector (TestSelectorParse)', () => {
  it.each(['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=a||y\\=b', 'x=a\\=\\=b'])('%j re-strings unchanged', (input) => {
    expect(parseFieldSelector(input).toString()).toBe(input);
  });

  it.each([
    ['x=a||y=b', 'invalid field selector: unescaped character in value: 61'],
    ['x==a==b', 'invalid field selector: unescaped character in value: 61'],
    ['x=a,b', "invalid selector: 'x=a,b'; can't understand 'b'"],
    ['x in (a)', "invalid selector: 'x in (a)'; can't understand 'x in (a)'"],
    ['x in (a,b,c)', "invalid selector: 'x in (a,b,c)'; can't understand 'b'"],
    ['x', "invalid selector: 'x'; can't understand 'x'"],
    ['k=\\a', 'invalid field selector: invalid escape sequence: \\a'],
    ['k=\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('%j fails with %j', (input, message) => {
    expect(parseError(input).message).toBe(message);
  });

  it('orders terms by their raw text (TestDeterministicParse) and prints == as =', () => {
    expect(parseFieldSelector('x=a,a=x').toString()).toBe('a=x,x=a');
    expect(parseFieldSelector('a=x,x=a').toString()).toBe('a=x,x=a');
    expect(parseFieldSelector('b==v').toString()).toBe('b=v');
  });

  it('skips empty terms and keeps spaces as part of names and values', () => {
    expect(parseFieldSelector(',a=b,').toString()).toBe('a=b');
    expect(parseFieldSelector('a = b').requirements()).toEqual([{ field: 'a ', operator: '=', value: ' b' }]);
  });

  it('splits on escaped commas only when unescaped (TestSplitTerms)', () => {
    // Terms sort by raw bytes: '2' < '='.
    expect(parseFieldSelector('k=\\,,k2=v2').requirements()).toEqual([
      { field: 'k2', operator: '=', value: 'v2' },
      { field: 'k', operator: '=', value: ',' },
    ]);
    expect(parseFieldSelector('k=\\\\,k2=v2').requirements()).toEqual([
      { field: 'k2', operator: '=', value: 'v2' },
      { field: 'k', operator: '=', value: '\\' },
    ]);
    expect(parseFieldSelector('함=수,목=록').requirements()).toEqual([
      { field: '목', operator: '=', value: '록' },
      { field: '함', operator: '=', value: '수' },
    ]);
  });

  it('splits a term at its first operator, != and == before = (TestSplitTerm)', () => {
    expect(parseFieldSelector('c!=value').requirements()).toEqual([{ field: 'c', operator: '!=', value: 'value' }]);
    expect(parseFieldSelector('b==value').requirements()).toEqual([{ field: 'b', operator: '=', value: 'value' }]);
    expect(parseFieldSelector('k=\\=').requirements()).toEqual([{ field: 'k', operator: '=', value: '=' }]);
  });

  it('rejects a non-string selector with a typed error', () => {
    expect(() => parseFieldSelector(null as unknown as string)).toThrow(FieldSelectorParseError);
  });
});

describe('escaping (TestEscapeValue)', () => {
  it.each([
    ['', ''],
    ['a', 'a'],
    ['=', '\\='],
    [',', '\\,'],
    ['\\', '\\\\'],
    ['\\=\\,\\', '\\\\\\=\\\\\\,\\\\'],
  ])('%j ⇄ %j', (raw, escaped) => {
    expect(escapeFieldSelectorValue(raw)).toBe(escaped);
    expect(unescapeFieldSelectorValue(escaped)).toBe(raw);
  });

  it.each(['\\', '\\\\\\', '\\a'])('%j is an invalid escape sequence', (bad) => {
    let caught: unknown;
    try {
      unescapeFieldSelectorValue(bad);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FieldSelectorParseError);
    expect((caught as FieldSelectorParseError).reason).toBe('InvalidEscapeSequence');
  });
});

describe('matching (TestSelectorMatches, TestSetMatches)', () => {
  const fieldset: FieldSet = { foo: 'bar', baz: 'blah', complex: '=value\\,\\' };
  it.each([
    ['', { x: 'y' }, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['foo=bar', fieldset, true],
    ['foo=bar,baz=blah', fieldset, true],
    ['foo=bar,baz=blah,complex=\\=value\\\\\\,\\\\', fieldset, true],
    ['foo=blah', fieldset, false],
    ['foo=bar,foobar=bar,baz=blah', fieldset, false],
    ['missing!=x', {}, true],
    ['missing=', {}, true],
  ] as Array<[string, FieldSet, boolean]>)('%j on %j → %s', (sel, fields, want) => {
    expect(parseFieldSelector(sel).matches(fields)).toBe(want);
  });

  it('fieldSelectorFromSet matches exactly the set', () => {
    const labelset = { foo: 'bar', baz: 'blah' };
    expect(fieldSelectorFromSet({}).matches(labelset)).toBe(true);
    expect(fieldSelectorFromSet({ foo: 'bar', baz: 'blah' }).matches(labelset)).toBe(true);
    expect(fieldSelectorFromSet({ foo: '=blah' }).matches(labelset)).toBe(false);
    expect(fieldSelectorFromSet({ foo: '=bar', foobar: 'bar', baz: 'blah' }).matches(labelset)).toBe(false);
    expect(fieldSelectorFromSet({ b: '1', a: ',' }).toString()).toBe('a=\\,,b=1');
  });

  it('one-term selectors (TestOneTermEqualSelector)', () => {
    expect(oneTermEqualFieldSelector('x', 'y').matches({ x: 'y' })).toBe(true);
    expect(oneTermEqualFieldSelector('x', 'y').matches({ x: 'z' })).toBe(false);
    expect(oneTermNotEqualFieldSelector('x', 'y').matches({ x: 'z' })).toBe(true);
  });

  it('reads only own string properties and rejects non-maps', () => {
    expect(parseFieldSelector('constructor=').matches({})).toBe(true);
    expect(() => parseFieldSelector('a=b').matches(5 as unknown as FieldSet)).toThrow(FieldSelectorError);
  });
});

describe('emptiness and exact matches (TestSetIsEmpty, TestRequiresExactMatch)', () => {
  it('everything is empty, nothing is not', () => {
    expect(everythingFields().empty()).toBe(true);
    expect(everythingFields().matches({ x: 'y' })).toBe(true);
    expect(fieldSelectorFromSet(null).empty()).toBe(true);
    expect(nothingFields().empty()).toBe(false);
    expect(nothingFields().matches({})).toBe(false);
    expect(nothingFields().toString()).toBe('');
    expect(oneTermEqualFieldSelector('', '').empty()).toBe(false);
    expect(andFieldSelectors(everythingFields()).empty()).toBe(true);
    expect(andFieldSelectors(oneTermEqualFieldSelector('a', 'b')).empty()).toBe(false);
  });

  it.each([
    [everythingFields(), 'test', undefined],
    [oneTermEqualFieldSelector('', ''), 'test', undefined],
    [oneTermEqualFieldSelector('a', 'b'), 'test', undefined],
    [oneTermEqualFieldSelector('test', 'b'), 'test', 'b'],
    [oneTermEqualFieldSelector('test', ''), 'test', ''],
    [oneTermNotEqualFieldSelector('test', 'b'), 'test', undefined],
    [andFieldSelectors(andFieldSelectors()), 'test', undefined],
    [andFieldSelectors(oneTermEqualFieldSelector('test', 'b')), 'test', 'b'],
    [andFieldSelectors(oneTermEqualFieldSelector('', ''), oneTermEqualFieldSelector('test', 'b')), 'test', 'b'],
    [parseFieldSelector('spec.nodeName==n1,status.phase!=Failed'), 'spec.nodeName', 'n1'],
  ] as Array<[FieldSelector, string, string | undefined]>)('%# requiresExactMatch(%s)', (sel, field, want) => {
    expect(sel.requiresExactMatch(field)).toBe(want);
  });

  it('andFieldSelectors with nothing is nothing', () => {
    expect(andFieldSelectors(oneTermEqualFieldSelector('a', 'b'), nothingFields()).matchesNothing()).toBe(true);
    expect(() => andFieldSelectors('a=b' as never)).toThrow(FieldSelectorError);
  });
});

describe('transform (TestTransform)', () => {
  it.each([
    ['', (f: string, v: string): [string, string] => [f, v], '', true],
    ['a=b,c=d', (f: string, v: string): [string, string] => [f, v], 'a=b,c=d', false],
    ['a=b,c=d', (f: string, v: string): [string, string] => (f === 'a' ? ['e', 'f'] : [f, v]), 'e=f,c=d', false],
    ['a=b', (): [string, string] => ['', ''], '', true],
    ['a=b,c=d,e=f', (f: string, v: string): [string, string] => (f === 'c' ? ['', ''] : [f, v]), 'a=b,e=f', false],
  ])('%j', (selector, fn, want, isEmpty) => {
    const viaParse = parseFieldSelector(selector, { transform: fn });
    expect(viaParse.toString()).toBe(want);
    expect(viaParse.empty()).toBe(isEmpty);
    expect(parseFieldSelector(selector).transform(fn).toString()).toBe(want);
  });

  it('keeps != through a transform and surfaces a throwing transform as a typed error', () => {
    expect(parseFieldSelector('a!=b').transform((f, v) => [`x.${f}`, v]).toString()).toBe('x.a!=b');
    let caught: unknown;
    try {
      parseFieldSelector('bogus=1', {
        transform: (f) => {
          throw new Error(`"${f}" is not a known field selector`);
        },
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FieldSelectorParseError);
    expect((caught as FieldSelectorParseError).message).toBe('"bogus" is not a known field selector');
    expect(() => parseFieldSelector('a=b').transform((() => 'x') as never)).toThrow(FieldSelectorError);
  });
});

describe('constructor', () => {
  it('builds a selector from requirements and rejects malformed ones', () => {
    expect(new FieldSelector([{ field: 'a', operator: '==', value: 'b' }]).toString()).toBe('a=b');
    expect(() => new FieldSelector([{ field: 'a', operator: 'in' as never, value: 'b' }])).toThrow(FieldSelectorError);
    expect(() => new FieldSelector([{ field: 1 as never, operator: '=', value: 'b' }])).toThrow(FieldSelectorError);
  });
});
