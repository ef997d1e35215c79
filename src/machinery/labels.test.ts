// Cases mirror k8s.io/apimachinery/pkg/labels/selector_test.go and pkg/apis/meta/v1/helpers_test.go.
import { describe, expect, it } from 'vitest';
import {
  type LabelSet,
  type Requirement,
  SelectorError,
  SelectorParseError,
  everything,
  newRequirement,
  nothing,
  selectorFromLabelSelector,
  selectorFromRequirements,
  selectorFromSet,
  validateLabels,
  validateQualifiedName,
} from './labels.js';
import { parseLabelSelector } from './label-parser.js';

function parseError(input: string): SelectorParseError {
  try {
    parseLabelSelector(input);
  } catch (err) {
    expect(err).toBeInstanceOf(SelectorParseError);
    return err as SelectorParseError;
  }
  throw new Error(`expected ${JSON.stringify(input)} to fail`);
}

const valueRegexMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const keyNameRegexMsg =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('parseLabelSelector round trip (TestSelectorParse)', () => {
  it.each(['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5'])(
    '%j re-strings without spaces',
    (input) => {
      expect(parseLabelSelector(input).toString()).toBe(input.replaceAll(' ', ''));
    },
  );

  it.each(['x=a||y=b', 'x==a==b', '!x=a', 'x<a'])('%j is rejected', (input) => {
    parseError(input);
  });

  it('sorts requirements by key so parsing is deterministic', () => {
    expect(parseLabelSelector('x=a,a=x').toString()).toBe('a=x,x=a');
    expect(parseLabelSelector('a=x,x=a').toString()).toBe('a=x,x=a');
  });
});

describe('matching (TestSelectorMatches)', () => {
  const cases: Array<[string, LabelSet, boolean]> = [
    ['', { x: 'y' }, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x', { x: 'z' }, true],
    ['!x', { y: 'z' }, true],
    ['x>1', { x: '2' }, true],
    ['x<1', { x: '0' }, true],
    ['x=z', {}, false],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['x', { y: 'z' }, false],
    ['!x', { x: 'z' }, false],
    ['x>1', { x: '0' }, false],
    ['x<1', { x: '2' }, false],
    ['foo=bar,baz=blah', { foo: 'bar', baz: 'blah' }, true],
    ['foo=bar,foobar=bar,baz=blah', { foo: 'bar', baz: 'blah' }, false],
    ['x notin (a)', {}, true],
    ['z>1', { z: 'v2' }, false],
    ['x in (foo),y notin (alpha)', { x: 'foo', y: 'baz' }, true],
    ['x in (foo),y in (alpha)', { x: 'foo', y: 'baz' }, false],
    ['x notin (),y', { y: '' }, true],
    ['!x,y', { y: '' }, true],
    ['x notin (),!y', { y: '' }, false],
    ['x in ()', { y: 'baz' }, false],
  ];
  it.each(cases)('%j on %j → %s', (sel, labels, want) => {
    expect(parseLabelSelector(sel).matches(labels)).toBe(want);
  });

  it('reads only own properties of the label map', () => {
    expect(parseLabelSelector('constructor').matches({})).toBe(false);
    expect(parseLabelSelector('!toString').matches({})).toBe(true);
  });

  it('treats missing labels as an empty map and rejects non-maps', () => {
    expect(parseLabelSelector('!x').matches(undefined)).toBe(true);
    expect(() => parseLabelSelector('x').matches('x=y' as unknown as LabelSet)).toThrow(SelectorError);
  });
});

describe('newRequirement (TestRequirementConstructor)', () => {
  it.each([
    ['x1', 'in', [], "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty"],
    ['x2', 'notin', [], "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty"],
    ['x5', '=', ['bar', 'foo'], 'values: Invalid value: ["bar","foo"]: exact-match compatibility requires one single value'],
    ['x8', 'exists', ['foo'], 'values: Invalid value: ["foo"]: values set must be empty for exists and does not exist'],
    ['x13', 'gt', [], "values: Invalid value: []: for 'Gt', 'Lt' operators, exactly one value is required"],
    ['x14', 'gt', ['bar'], "values[0]: Invalid value: \"bar\": for 'Gt', 'Lt' operators, the value must be an integer"],
    ['x17', '=', ['a b'], `values[0][x17]: Invalid value: "a b": ${valueRegexMsg}`],
    [
      'x18',
      'unsupportedOp',
      [],
      'operator: Unsupported value: "unsupportedOp": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"',
    ],
  ] as const)('%s %s %j', (key, op, values, message) => {
    expect(() => newRequirement(key, op as never, values)).toThrow(message);
  });

  it('rejects a key longer than a DNS subdomain', () => {
    expect(() => newRequirement('a'.repeat(254), 'exists', [])).toThrow(/^key: Invalid value: "a+": name part must be no more than 63 bytes/);
  });

  it('aggregates several errors the way ToAggregate does', () => {
    expect(() => newRequirement('-k', 'in', [])).toThrow(
      `[key: Invalid value: "-k": ${keyNameRegexMsg}, values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty]`,
    );
  });

  it.each([
    ['x3', 'in', ['foo']],
    ['x6', 'exists', []],
    ['x7', '!', []],
    ['x11', 'gt', ['1']],
    ['x12', 'lt', ['6']],
  ] as const)('accepts %s %s %j', (key, op, values) => {
    expect(newRequirement(key, op, values).toString()).toContain(key);
  });

  it('rejects non-string keys and values with a typed error', () => {
    expect(() => newRequirement(7 as unknown as string, 'exists', [])).toThrow(SelectorParseError);
    expect(() => newRequirement('k', 'in', [1 as unknown as string])).toThrow(SelectorParseError);
  });
});

describe('string form (TestToString)', () => {
  const req = (key: string, op: Parameters<typeof newRequirement>[1], values: string[] = []) => newRequirement(key, op, values);
  it.each([
    [[req('x', 'in', ['abc', 'def']), req('y', 'notin', ['jkl']), req('z', 'exists')], 'x in (abc,def),y notin (jkl),z'],
    [[req('x', 'notin', ['abc', 'def']), req('y', '!=', ['jkl']), req('z', '!')], 'x notin (abc,def),y!=jkl,!z'],
    [[req('x', 'notin', ['abc']), req('y', 'in', ['jkl', 'mno']), req('z', 'notin', [''])], 'x notin (abc),y in (jkl,mno),z notin ()'],
    [[req('x', '=', ['abc']), req('y', '==', ['jkl']), req('z', '!=', ['a']), req('z', 'exists')], 'x=abc,y==jkl,z!=a,z'],
    [[req('x', 'gt', ['2']), req('y', 'lt', ['8']), req('z', 'exists')], 'x>2,y<8,z'],
    [[req('x', 'in', ['def', 'abc'])], 'x in (abc,def)'],
  ])('%#', (reqs, want) => {
    expect(selectorFromRequirements(reqs).toString()).toBe(want);
  });

  it('compares requirements by key, operator and values (TestRequirementEqual)', () => {
    expect(req('key', '=', ['foo']).equals(req('key', '=', ['foo']))).toBe(true);
    expect(req('key1', '=', ['foo']).equals(req('key2', '=', ['foo']))).toBe(false);
    expect(req('key', '=', ['foo']).equals(req('key', 'in', ['foo']))).toBe(false);
    expect(req('key', 'in', ['foo', 'bar']).equals(req('key', 'in', ['foobar']))).toBe(false);
  });

  it('add() accepts only requirements built by newRequirement', () => {
    const fake = { key: 'a', operator: 'exists', values: [], matches: () => true, equals: () => false } as unknown as Requirement;
    expect(() => everything().add(fake)).toThrow(SelectorError);
    expect(() => nothing().add(fake)).toThrow(SelectorError);
  });

  it('add() copies and re-sorts (TestAdd)', () => {
    const base = selectorFromRequirements([req('key', 'in', ['value'])]);
    const added = base.add(req('a', '=', ['b']));
    expect(added.toString()).toBe('a=b,key in (value)');
    expect(base.toString()).toBe('key in (value)');
  });
});

describe('requiresExactMatch (TestRequiresExactMatch)', () => {
  it.each([
    ['key in (value)', 'key', 'value'],
    ['key in (value,value2)', 'key', undefined],
    ['key in (value,value1),key2 in (value2)', 'key2', 'value2'],
    ['key=value', 'key', 'value'],
    ['key==value', 'key', 'value'],
    ['key!=value', 'key', undefined],
    ['key in (value),key2 in (value2)', 'key', 'value'],
    ['other=x', 'key', undefined],
  ])('%j pins %s to %j', (sel, label, want) => {
    expect(parseLabelSelector(sel).requiresExactMatch(label)).toBe(want);
  });
});

describe('everything and nothing', () => {
  it('everything() matches all and is empty; nothing() matches none and is not empty', () => {
    expect(everything().matches({ x: 'y' })).toBe(true);
    expect(everything().empty()).toBe(true);
    expect(nothing().matches({ x: 'y' })).toBe(false);
    expect(nothing().empty()).toBe(false);
    expect(nothing().toString()).toBe('');
    expect(nothing().add(newRequirement('a', 'exists', [])).matchesNothing()).toBe(true);
  });

  it.each(['', 'a', '!a', 'a=b', 'a!=b', 'a in (b)', 'a notin (b)', 'a,!a', 'a=b,a!=b'])(
    'a parsed %j never reports matchesNothing (TestMatchesNothing)',
    (sel) => {
      expect(parseLabelSelector(sel).matchesNothing()).toBe(false);
    },
  );
});

describe('selectorFromSet (TestSetMatches, TestValidatedSelectorFromSet)', () => {
  it('matches exactly the set and sorts keys', () => {
    const labelset = { foo: 'bar', baz: 'blah' };
    expect(selectorFromSet({}).matches(labelset)).toBe(true);
    expect(selectorFromSet({ foo: 'bar', baz: 'blah' }).matches(labelset)).toBe(true);
    expect(selectorFromSet({ foo: 'bar', other: 'x' }).matches(labelset)).toBe(false);
    expect(selectorFromSet({ app: 'foo', a: 'b' }).toString()).toBe('a=b,app=foo');
    expect(selectorFromSet(undefined).empty()).toBe(true);
  });

  it('validates keys and values', () => {
    const long = 'axahm2EJ8Phiephe2eixohbee9eGeiyees1thuozi1xoh0GiuH3diewi8iem7Nui';
    expect(() => selectorFromSet({ Key: long })).toThrow(`values[0][Key]: Invalid value: "${long}": must be no more than 63 bytes`);
    expect(() => selectorFromSet({ k: 1 as unknown as string })).toThrow(SelectorParseError);
  });
});

describe('selectorFromLabelSelector (LabelSelectorAsSelector)', () => {
  it('maps null to nothing and {} to everything', () => {
    expect(selectorFromLabelSelector(null).matchesNothing()).toBe(true);
    expect(selectorFromLabelSelector({}).empty()).toBe(true);
    expect(selectorFromLabelSelector({ matchLabels: {}, matchExpressions: [] }).empty()).toBe(true);
  });

  it('combines matchLabels and matchExpressions, sorted by key', () => {
    const sel = selectorFromLabelSelector({
      matchLabels: { foo: 'bar', baz: 'blah' },
      matchExpressions: [
        { key: 'x', operator: 'In', values: ['b', 'a'] },
        { key: 'a', operator: 'NotIn', values: ['z'] },
        { key: 'e', operator: 'Exists' },
        { key: 'd', operator: 'DoesNotExist' },
      ],
    });
    expect(sel.toString()).toBe('a notin (z),baz=blah,!d,e,foo=bar,x in (a,b)');
    expect(sel.matches({ foo: 'bar', baz: 'blah', x: 'a', e: '' })).toBe(true);
    expect(sel.matches({ foo: 'bar', baz: 'blah', x: 'a', e: '', d: '1' })).toBe(false);
  });

  it.each([
    [{ matchExpressions: [{ key: 'a', operator: 'In' }] }, "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'a', operator: 'NotIn', values: [] }] }, "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, 'values: Invalid value: ["x"]: values set must be empty for exists and does not exist'],
    [{ matchExpressions: [{ key: 'a', operator: 'Foo' }] }, '"Foo" is not a valid label selector operator'],
    [{ matchLabels: { 'a b': 'c' } }, `key: Invalid value: "a b": ${keyNameRegexMsg}`],
    [{ matchLabels: { k: 'v v' } }, `values[0][k]: Invalid value: "v v": ${valueRegexMsg}`],
  ])('%j → %s', (ps, message) => {
    let caught: unknown;
    try {
      selectorFromLabelSelector(ps);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SelectorParseError);
    expect((caught as Error).message).toBe(message);
  });

  it('rejects malformed shapes with a typed error', () => {
    expect(() => selectorFromLabelSelector('x' as never)).toThrow(SelectorParseError);
    expect(() => selectorFromLabelSelector({ matchExpressions: {} as never })).toThrow(SelectorParseError);
    expect(() => selectorFromLabelSelector({ matchExpressions: [null as never] })).toThrow(SelectorParseError);
    expect(() => selectorFromLabelSelector({ matchLabels: { a: 3 as never } })).toThrow(SelectorParseError);
  });
});

describe('validateLabels (ValidateLabels)', () => {
  it('accepts valid labels', () => {
    expect(validateLabels({ app: 'web', 'example.com/tier': '', 'a.b': 'A_b-1' }, 'metadata.labels')).toEqual([]);
    expect(validateLabels(undefined, 'metadata.labels')).toEqual([]);
  });

  it('reports bad keys and values at the map path with Kubernetes messages', () => {
    const errs = validateLabels({ 'bad key': 'ok', good: '-bad', 'Example.com/x': 'v' }, 'metadata.labels');
    expect(errs.map((e) => e.toString())).toEqual([
      `metadata.labels: Invalid value: "bad key": ${keyNameRegexMsg}`,
      `metadata.labels: Invalid value: "-bad": ${valueRegexMsg}`,
      'metadata.labels: Invalid value: "Example.com/x": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
    ]);
  });

  it('reports non-string values and non-object maps as type errors', () => {
    expect(validateLabels({ a: 1 }, 'metadata.labels').map((e) => e.type)).toEqual(['FieldValueTypeInvalid']);
    expect(validateLabels('x', 'metadata.labels').map((e) => e.type)).toEqual(['FieldValueTypeInvalid']);
  });

  it('validateQualifiedName wraps IsQualifiedName', () => {
    expect(validateQualifiedName('example.com/ok', 'f')).toEqual([]);
    expect(validateQualifiedName('only/one/slash', 'f').map((e) => e.field)).toEqual(['f']);
  });
});
