// Cases mirror k8s.io/apimachinery/pkg/labels/selector_test.go (TestSetSelectorParser, TestLexer*, TestParse*).
import { describe, expect, it } from 'vitest';
import { parseLabelRequirements, parseLabelSelector } from './label-parser.js';
import { SelectorParseError } from './labels.js';

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

describe('lexing (TestLexer, TestLexerSequence)', () => {
  it.each([
    ['key in ( value )', 'key in (value)'],
    ['key notin ( value1, value2 )', 'key notin (value1,value2)'],
    ['!key', '!key'],
    ['key>2', 'key>2'],
    ['key<1', 'key<1'],
    ['a\t=\r\nb', 'a=b'],
  ])('%j tokenizes like Kubernetes (→ %j)', (input, canonical) => {
    expect(parseLabelSelector(input).toString()).toBe(canonical);
  });

  it('takes the longest operator: "!=" over "!", "==" over "=", and ">" before "="', () => {
    expect(parseLabelSelector('a!=b').requirements()[0]!.operator).toBe('!=');
    expect(parseLabelSelector('a==b').requirements()[0]!.operator).toBe('==');
    expect(parseError('a>=1').message).toBe("unable to parse requirement: found '=', expected: identifier");
    expect(parseError('a===b').message).toBe("unable to parse requirement: found '=', expected: identifier");
  });

  it('treats "in" and "notin" as plain identifiers in key and value positions', () => {
    expect(parseLabelSelector('in=notin').toString()).toBe('in=notin');
    expect(parseLabelSelector('notin in (in)').toString()).toBe('notin in (in)');
  });

  it('treats a NUL character where a token starts as the end of input, as the Go byte lexer does', () => {
    expect(parseError('a, \0b').message).toBe("found '', expected: identifier after ','");
    // Inside a token the NUL is consumed as a terminator, so parsing continues after it.
    expect(parseLabelSelector('a,\0b').toString()).toBe('a,b');
  });
});

describe('set-based parsing (TestSetSelectorParser)', () => {
  it.each([
    ['\rx', 'x'],
    ['this-is-a-dns.domain.com/key-with-dash', 'this-is-a-dns.domain.com/key-with-dash'],
    ['this-is-another-dns.domain.com/key-with-dash in (so,what)', 'this-is-another-dns.domain.com/key-with-dash in (so,what)'],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', '0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)'],
    ['foo  in\t (abc)', 'foo in (abc)'],
    ['x notin\n (abc)', 'x notin (abc)'],
    ['x  notin\t\t(abc,def)', 'x notin (abc,def)'],
    ['x in (abc,)', 'x in (,abc)'],
    ['x in (abc,abc)', 'x in (abc)'],
    ['x in ()', 'x in ()'],
    ['x in (a,,)', 'x in (,a)'],
    ['x in (a,,,,,,)', 'x in (,a)'],
    ['x in (a,,a,,a,,a,,)', 'x in (,a)'],
    ['x notin (abc,,def),bar,z in (),w', 'bar,w,x notin (,abc,def),z in ()'],
    ['x,y in (a)', 'x,y in (a)'],
    ['x notin ( )', 'x notin ()'],
    ['x notin (, a)', 'x notin (,a)'],
    ['a ', 'a'],
    ['a in (x,y,notin, z,in)', 'a in (in,notin,x,y,z)'],
    ['x=a,y!=b,z in (h,i,j)', 'x=a,y!=b,z in (h,i,j)'],
  ])('%j → %j', (input, canonical) => {
    expect(parseLabelSelector(input).toString()).toBe(canonical);
  });

  it('keeps == distinct from = in the string form', () => {
    expect(parseLabelSelector('y==jkl,x=abc').toString()).toBe('x=abc,y==jkl');
  });

  it('returns sorted, de-duplicated requirement values', () => {
    const [r] = parseLabelRequirements('x in (c,a,b,a)');
    expect(r!.values).toEqual(['a', 'b', 'c']);
    expect(r!.operator).toBe('in');
  });
});

describe('parse errors carry Kubernetes messages', () => {
  it.each([
    ['x,,y', "found ',', expected: identifier after ','"],
    [',x,y', "found ',', expected: !, identifier, or 'end of string'"],
    ['x nott in (y)', 'unable to parse requirement: found \'nott\', expected: in, notin, =, ==, !=, gt, lt'],
    ['a in (xyz),', "found '', expected: identifier after ','"],
    ['a in (xyz)b notin ()', "found 'b', expected: ',' or 'end of string'"],
    ['a in (xyz abc)', "unable to parse requirement: found 'abc', expected: ',' or ')'"],
    ['a notin(', "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ['a (', 'unable to parse requirement: found \'(\', expected: in, notin, =, ==, !=, gt, lt'],
    ['(', "found '(', expected: !, identifier, or 'end of string'"],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x in y', "unable to parse requirement: found 'y' expected: '('"],
    ['x in (a=b)', "unable to parse requirement: found '=', expected: ',' or ')'"],
    ['x in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['x in (,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['x=(', "unable to parse requirement: found '(', expected: identifier"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['x<a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['x=a b', "found 'b', expected: ',' or 'end of string'"],
    ['-foo', `unable to parse requirement: <nil>: Invalid value: "-foo": ${keyNameRegexMsg}`],
    ['x=a||y', `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${valueRegexMsg}`],
    [`x=${'a'.repeat(64)}`, `unable to parse requirement: values[0][x]: Invalid value: "${'a'.repeat(64)}": must be no more than 63 bytes`],
  ])('%j', (input, message) => {
    expect(parseError(input).message).toBe(message);
  });

  it('exposes the field errors behind a validation failure', () => {
    const err = parseError('x=a b,c');
    expect(err.causes).toEqual([]);
    const withCause = parseError('Bad_Key-=v');
    expect(withCause.causes.map((c) => c.field)).toEqual(['<nil>']);
  });

  it('rejects a non-string selector with a typed error', () => {
    expect(() => parseLabelSelector(42 as unknown as string)).toThrow(SelectorParseError);
  });
});

