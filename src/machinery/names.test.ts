// Cases mirror k8s.io/apimachinery/pkg/util/validation/validation_test.go, pkg/api/validate/content/*_test.go,
// pkg/api/validation/generic_test.go and k8s.io/apiserver/pkg/storage/names/generate_test.go.
import { describe, expect, it } from 'vitest';
import {
  MAX_GENERATED_NAME_LENGTH,
  NAME_SUFFIX_ALPHABET,
  NameInputError,
  type RandomBytesSource,
  generateName,
  generateNameSuffix,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isPrefixedLabelKey,
  isQualifiedName,
  isValidLabelValue,
  isValidPathSegmentName,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  randomNameString,
  regexError,
  safeEncodeString,
  validateMetadataName,
  validateObjectName,
} from './names.js';

const labelMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const subdomainMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const dns1035Msg =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

const labelGood = ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', 'a'.repeat(63)];
const labelBad = [
  '', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2',
  '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', 'a'.repeat(64),
];

describe('isDNS1123Label (TestIsDNS1123Label)', () => {
  it.each(labelGood)('accepts %j', (v) => expect(isDNS1123Label(v)).toEqual([]));
  it.each(labelBad)('rejects %j', (v) => expect(isDNS1123Label(v)).not.toEqual([]));

  it('words its messages exactly as Kubernetes', () => {
    expect(isDNS1123Label('My-Name')).toEqual([labelMsg]);
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 bytes']);
    expect(isDNS1123Label('-'.repeat(64))).toEqual(['must be no more than 63 bytes', labelMsg]);
  });

  it('measures length in UTF-8 bytes', () => {
    expect(isDNS1123Label('é'.repeat(32))).toContain('must be no more than 63 bytes');
  });

  it('throws a typed error for a non-string', () => {
    expect(() => isDNS1123Label(5 as unknown as string)).toThrow(NameInputError);
  });
});

describe('isDNS1123Subdomain (TestIsDNS1123Subdomain)', () => {
  const good = [
    ...labelGood.slice(0, -1),
    'a.a', 'ab.a', 'abc.a', 'a1.a', 'a-1.a', 'a--1--2--b.a', 'a.1', 'ab.1', 'abc.1', 'a1.1', 'a-1.1', 'a--1--2--b.1',
    '0.a', '01.a', '012.a', '1a.a', '1-a.a', '0.1', '01.1', '012.1', '1a.1', '1-a.1', '1--a--b--2.1',
    'a.b.c.d.e', 'aa.bb.cc.dd.ee', '1.2.3.4.5', '11.22.33.44.55', 'a'.repeat(253),
  ];
  const bad = [
    '', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2',
    '.', 'a.', '.a', 'a..b', '1.', '.1', '1..2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2',
    'A.a', 'aB.a', 'ab.A', 'A1.a', 'a1.A', 'A.1', 'aB.1', 'A1.1', '1A.1', '0.A', '01.A', '012.A', '1A.a', '1a.A',
    'A.B.C.D.E', 'AA.BB.CC.DD.EE', 'a.B.c.d.e', 'aa.bB.cc.dd.ee', 'a@b', 'a,b', 'a;b', 'a:b', 'a%b', 'a?b', 'a$b',
    'a'.repeat(254),
  ];
  it.each(good)('accepts %j', (v) => expect(isDNS1123Subdomain(v)).toEqual([]));
  it.each(bad)('rejects %j', (v) => expect(isDNS1123Subdomain(v)).not.toEqual([]));

  it('words its messages exactly as Kubernetes', () => {
    expect(isDNS1123Subdomain('Foo')).toEqual([subdomainMsg]);
    expect(isDNS1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 bytes']);
  });
});

describe('isDNS1035Label (TestIsDNS1035Label)', () => {
  it.each(['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', 'a'.repeat(63)])('accepts %j', (v) => expect(isDNS1035Label(v)).toEqual([]));
  it.each(['0', '01', '012', '1a', '1-a', '1--a--b--2', ...labelBad])('rejects %j', (v) => expect(isDNS1035Label(v)).not.toEqual([]));
  it('words its message exactly as Kubernetes', () => expect(isDNS1035Label('1abc')).toEqual([dns1035Msg]));
});

describe('qualified names and label values (TestIsQualifiedName, TestIsValidLabelValue)', () => {
  it.each([
    'simple', 'now-with-dashes', '1-starts-with-num', '1234', 'simple/simple', 'now-with-dashes/simple',
    'now-with-dashes/now-with-dashes', 'now.with.dots/simple', 'now-with.dashes-and.dots/simple', '1-num.2-num/3-num',
    '1234/5678', '1.2.3.4/5678', 'Uppercase_Is_OK_123', 'example.com/Uppercase_Is_OK_123', 'requests.storage-foo',
    'a'.repeat(63), `${'a'.repeat(253)}/${'b'.repeat(63)}`,
  ])('accepts key %j', (v) => expect(isQualifiedName(v)).toEqual([]));

  it.each([
    'nospecialchars%^=@', 'cantendwithadash-', '-cantstartwithadash-', 'only/one/slash', 'Example.com/abc',
    'example_com/abc', 'example.com/', '/simple', 'a'.repeat(64), `${'a'.repeat(254)}/abc`,
  ])('rejects key %j', (v) => expect(isQualifiedName(v)).not.toEqual([]));

  it('prefixes part errors as Kubernetes does', () => {
    expect(isQualifiedName('/simple')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('example.com/')).toEqual([
      'name part must be non-empty',
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
    expect(isQualifiedName('a'.repeat(64))).toEqual(['name part must be no more than 63 bytes']);
  });

  it('isPrefixedLabelKey requires a prefix', () => {
    expect(isPrefixedLabelKey('example.com/key')).toEqual([]);
    expect(isPrefixedLabelKey('key')).toEqual(["must include a prefix (e.g. 'example.com/key')"]);
  });

  it.each(['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', 'a'.repeat(63), ''])(
    'accepts value %j',
    (v) => expect(isValidLabelValue(v)).toEqual([]),
  );
  it.each(['nospecialchars%^=@', 'Tama-nui-te-rā.is.Māori.sun', '\\backslashes\\are\\bad', '-starts-with-dash', 'ends-with-dash-', '.starts.with.dot', 'ends.with.dot.', 'a'.repeat(64)])(
    'rejects value %j',
    (v) => expect(isValidLabelValue(v)).not.toEqual([]),
  );
});

describe('name rules (generic.go)', () => {
  it('allows a trailing dash in a generateName prefix, masking the last two characters as Kubernetes does', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-', false)).toEqual([subdomainMsg]);
    expect(nameIsDNSLabel('web-', true)).toEqual([]);
    expect(nameIsDNS1035Label('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain(`${'a'.repeat(253)}-`, true)).toEqual([]);
  });

  it('chooses the validator by rule', () => {
    expect(validateObjectName('a.b', 'DNS1123Subdomain')).toEqual([]);
    expect(validateObjectName('a.b', 'DNS1123Label')).toEqual(['must not contain dots']);
    expect(validateObjectName('1svc', 'DNS1035Label')).toEqual([dns1035Msg]);
    expect(validateObjectName('system:admin', 'PathSegment')).toEqual([]);
    expect(validateObjectName('..', 'PathSegment')).toEqual(["may not be '..'"]);
    expect(validateObjectName('a/b%', 'PathSegment')).toEqual(["may not contain '/'", "may not contain '%'"]);
    expect(validateObjectName('.', 'PathSegment', { prefix: true })).toEqual([]);
    expect(() => validateObjectName('a', 'Nope' as never)).toThrow(NameInputError);
  });

  it('isValidPathSegmentName follows content.IsPathSegmentName', () => {
    expect(isValidPathSegmentName('.')).toEqual(["may not be '.'"]);
    expect(isValidPathSegmentName('')).toEqual([]);
  });

  it('validateMetadataName reports generateName, name and the required message', () => {
    expect(validateMetadataName({ name: 'ok' }, 'DNS1123Subdomain')).toEqual([]);
    expect(validateMetadataName({}, 'DNS1123Subdomain').map(String)).toEqual(['metadata.name: Required value: name or generateName is required']);
    expect(validateMetadataName({ name: 'Bad', generateName: 'Bad-' }, 'DNS1123Label').map(String)).toEqual([
      `metadata.generateName: Invalid value: "Bad-": ${labelMsg}`,
      `metadata.name: Invalid value: "Bad": ${labelMsg}`,
    ]);
    expect(() => validateMetadataName({ name: 3 as never }, 'DNS1123Label')).toThrow(NameInputError);
  });

  it('regexError keeps Kubernetes spacing', () => {
    expect(regexError('m', 're', 'a', 'b')).toBe("m (e.g. 'a',  or 'b', regex used for validation is 're')");
    expect(regexError('m', 're')).toBe("m (regex used for validation is 're')");
  });
});

/** A byte source that replays `bytes` cyclically. */
function replay(bytes: number[]): RandomBytesSource {
  let i = 0;
  return (n) => Uint8Array.from({ length: n }, () => bytes[i++ % bytes.length]!);
}

describe('name generation (generate.go, util/rand)', () => {
  it('maps the low five bits onto the alphabet and skips values ≥ 27', () => {
    expect(randomNameString(5, replay([0, 1, 31, 26, 32 + 2, 27]))).toBe('bc9db');
    expect(randomNameString(4, replay([0, 1, 31, 26, 34]))).toBe('bc9d');
  });

  it('generateNameSuffix returns 5 alphabet characters from the crypto default', () => {
    const s = generateNameSuffix();
    expect(s).toMatch(new RegExp(`^[${NAME_SUFFIX_ALPHABET}]{5}$`));
  });

  it('appends the suffix to the base (TestSimpleNameGenerator)', () => {
    const name = generateName('foo', { random: replay([0]) });
    expect(name).toBe('foobbbbb');
  });

  it('truncates a long base so the name is at most 63 bytes', () => {
    const name = generateName('a'.repeat(100), { random: replay([2]) });
    expect(name).toBe(`${'a'.repeat(MAX_GENERATED_NAME_LENGTH)}ddddd`);
    expect(name.length).toBe(63);
    const multi = generateName('é'.repeat(40), { random: replay([2]) });
    expect(Buffer.byteLength(multi)).toBeLessThanOrEqual(63);
    expect(multi.startsWith('é'.repeat(29))).toBe(true);
  });

  it('rejects broken random sources and bad arguments with typed errors', () => {
    expect(() => randomNameString(5, () => new Uint8Array(1))).toThrow(NameInputError);
    expect(() => randomNameString(5, () => new Uint8Array(10).fill(31))).toThrow(NameInputError);
    expect(() => randomNameString(-1)).toThrow(NameInputError);
    expect(() => generateName(undefined as unknown as string)).toThrow(NameInputError);
  });

  it('safeEncodeString maps characters onto the alphabet deterministically', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    expect(safeEncodeString('abc')).toBe(safeEncodeString('abc'));
  });
});
