// Cases mirror k8s.io/apimachinery/pkg/api/resource/quantity_test.go.
import { describe, expect, it } from 'vitest';
import {
  Quantity,
  QuantityError,
  type QuantityFormat,
  QuantityParseError,
  QUANTITY_PATTERN,
  isQuantityString,
  parseQuantity,
} from './quantity.js';

const q = (s: string) => Quantity.parse(s);
/** decQuantity(i, exponent, format) from quantity_test.go. */
const dec = (i: number | bigint, exponent: number, format: QuantityFormat = 'DecimalSI') => Quantity.fromScaled(i, exponent, { format });
const MAX_INT64 = 2n ** 63n - 1n;

describe('brief examples', () => {
  it.each([
    ['100m', '100m'],
    ['1500m', '1500m'],
    ['1.5Gi', '1536Mi'],
    ['2e3', '2e3'],
    ['1000m', '1'],
    ['1.5', '1500m'],
  ])('%s prints as %s', (input, want) => {
    expect(q(input).toString()).toBe(want);
  });

  it('adds without float drift: 0.1 + 0.2 = 300m', () => {
    const sum = q('0.1').add(q('0.2'));
    expect(sum.toString()).toBe('300m');
    expect(sum.equals(q('300m'))).toBe(true);
  });
});

describe('parse (TestQuantityParse)', () => {
  const table: Array<[string, Quantity, QuantityFormat]> = [
    ['0', dec(0, 0), 'DecimalSI'],
    ['0n', dec(0, 0), 'DecimalSI'],
    ['0u', dec(0, 0), 'DecimalSI'],
    ['0m', dec(0, 0), 'DecimalSI'],
    ['0Ki', dec(0, 0), 'BinarySI'],
    ['0k', dec(0, 0), 'DecimalSI'],
    ['0Mi', dec(0, 0), 'BinarySI'],
    ['0Ti', dec(0, 0), 'BinarySI'],
    ['1', dec(1, 0), 'DecimalSI'],
    ['1Ki', dec(1024, 0), 'BinarySI'],
    ['8Ki', dec(8 * 1024, 0), 'BinarySI'],
    ['7Mi', dec(7 * 1024 * 1024, 0), 'BinarySI'],
    ['6Gi', dec(6 * 1024 ** 3, 0), 'BinarySI'],
    ['5Ti', dec(5 * 1024 ** 4, 0), 'BinarySI'],
    ['4Pi', dec(4n * 1024n ** 5n, 0), 'BinarySI'],
    ['3Ei', dec(3n * 1024n ** 6n, 0), 'BinarySI'],
    ['10Ti', dec(10 * 1024 ** 4, 0), 'BinarySI'],
    ['100Ti', dec(100 * 1024 ** 4, 0), 'BinarySI'],
    ['5n', dec(5, -9), 'DecimalSI'],
    ['4u', dec(4, -6), 'DecimalSI'],
    ['3m', dec(3, -3), 'DecimalSI'],
    ['8k', dec(8, 3), 'DecimalSI'],
    ['50k', dec(5, 4), 'DecimalSI'],
    ['7M', dec(7, 6), 'DecimalSI'],
    ['6G', dec(6, 9), 'DecimalSI'],
    ['5T', dec(5, 12), 'DecimalSI'],
    ['40T', dec(4, 13), 'DecimalSI'],
    ['300T', dec(3, 14), 'DecimalSI'],
    ['2P', dec(2, 15), 'DecimalSI'],
    ['1E', dec(1, 18), 'DecimalSI'],
    ['1E-3', dec(1, -3), 'DecimalExponent'],
    ['1e3', dec(1, 3), 'DecimalExponent'],
    ['1E6', dec(1, 6), 'DecimalExponent'],
    ['1e9', dec(1, 9), 'DecimalExponent'],
    ['1E12', dec(1, 12), 'DecimalExponent'],
    ['1e15', dec(1, 15), 'DecimalExponent'],
    ['1E18', dec(1, 18), 'DecimalExponent'],
    ['1e14', dec(1, 14), 'DecimalExponent'],
    ['1e13', dec(1, 13), 'DecimalExponent'],
    ['100.035k', dec(100035, 0), 'DecimalSI'],
    ['0.001', dec(1, -3), 'DecimalSI'],
    ['0.0005k', dec(5, -1), 'DecimalSI'],
    ['0.005', dec(5, -3), 'DecimalSI'],
    ['0.05', dec(5, -2), 'DecimalSI'],
    ['0.5', dec(5, -1), 'DecimalSI'],
    ['0.00050k', dec(5, -1), 'DecimalSI'],
    ['0.00500', dec(5, -3), 'DecimalSI'],
    ['0.05000', dec(5, -2), 'DecimalSI'],
    ['0.50000', dec(5, -1), 'DecimalSI'],
    ['0.5e0', dec(5, -1), 'DecimalExponent'],
    ['0.5e-1', dec(5, -2), 'DecimalExponent'],
    ['0.5e-2', dec(5, -3), 'DecimalExponent'],
    ['10.035M', dec(10035, 3), 'DecimalSI'],
    ['1.2e3', dec(12, 2), 'DecimalExponent'],
    ['1.3E+6', dec(13, 5), 'DecimalExponent'],
    ['1.40e9', dec(14, 8), 'DecimalExponent'],
    ['1.53E12', dec(153, 10), 'DecimalExponent'],
    ['1.6e15', dec(16, 14), 'DecimalExponent'],
    ['1.7E18', dec(17, 17), 'DecimalExponent'],
    ['9.01', dec(901, -2), 'DecimalSI'],
    ['8.1k', dec(81, 2), 'DecimalSI'],
    ['7.123456M', dec(7123456, 0), 'DecimalSI'],
    ['6.987654321G', dec(6987654321, 0), 'DecimalSI'],
    ['5.444T', dec(5444, 9), 'DecimalSI'],
    ['40.1T', dec(401, 11), 'DecimalSI'],
    ['300.2T', dec(3002, 11), 'DecimalSI'],
    ['2.5P', dec(25, 14), 'DecimalSI'],
    ['1.01E', dec(101, 16), 'DecimalSI'],
    // Things that saturate or round.
    ['3.001n', dec(4, -9), 'DecimalSI'],
    ['1.1E-9', dec(2, -9), 'DecimalExponent'],
    ['0.0000000001', dec(1, -9), 'DecimalSI'],
    ['0.0000000005', dec(1, -9), 'DecimalSI'],
    ['0.00000000050', dec(1, -9), 'DecimalSI'],
    ['0.5e-9', dec(1, -9), 'DecimalExponent'],
    ['0.9n', dec(1, -9), 'DecimalSI'],
    ['0.00000012345', dec(124, -9), 'DecimalSI'],
    ['0.00000012354', dec(124, -9), 'DecimalSI'],
    ['9Ei', dec(MAX_INT64, 0), 'BinarySI'],
    ['9223372036854775807Ki', dec(MAX_INT64, 0), 'BinarySI'],
    ['12E', dec(12, 18), 'DecimalSI'],
    // Fractional binary.
    ['100.035Ki', dec(10243584, -2), 'BinarySI'],
    ['0.5Mi', dec(0.5 * 1024 * 1024, 0), 'BinarySI'],
    ['0.05Gi', dec(536870912, -1), 'BinarySI'],
    ['0.025Ti', dec(274877906944, -1), 'BinarySI'],
    // Things written by trolls.
    ['0.000000000001Ki', dec(2, -9), 'DecimalSI'],
    ['.001', dec(1, -3), 'DecimalSI'],
    ['.0001k', dec(100, -3), 'DecimalSI'],
    ['1.', dec(1, 0), 'DecimalSI'],
    ['1.G', dec(1, 9), 'DecimalSI'],
  ];

  it.each(table)('%s', (input, want, format) => {
    const got = q(input);
    expect(got.cmp(want)).toBe(0);
    expect(got.format).toBe(format);
  });

  it.each(table)('-%s is the negation with the same format', (input, want, format) => {
    const got = q(`-${input}`);
    expect(got.cmp(want.neg())).toBe(0);
    expect(got.format).toBe(format);
  });

  it.each(table)('+%s equals %s', (input, want, format) => {
    const got = q(`+${input}`);
    expect(got.cmp(want)).toBe(0);
    expect(got.format).toBe(format);
  });

  const formatWrong = `quantities must match the regular expression '${QUANTITY_PATTERN}'`;
  it.each([
    ['', formatWrong],
    ['1.1.M', formatWrong],
    ['1+1.0M', formatWrong],
    ['0.1mi', "unable to parse quantity's suffix"],
    ['0.1am', formatWrong],
    ['aoeu', formatWrong],
    ['.5i', "unable to parse quantity's suffix"],
    ['1i', "unable to parse quantity's suffix"],
    ['-3.01i', "unable to parse quantity's suffix"],
    ['-3.01e-', "unable to parse quantity's suffix"],
    [' 1', formatWrong],
    ['1 ', formatWrong],
    ['Non-Numeric', formatWrong],
    ['1ki', "unable to parse quantity's suffix"],
    ['1e', "unable to parse quantity's suffix"],
    ['1e100000', "unable to parse quantity's suffix"],
    // Kubernetes' scanner reads these as 0; they do not match its published pattern, so they are rejected here.
    ['.', formatWrong],
    ['m', formatWrong],
    ['+', formatWrong],
    ['Ki', formatWrong],
  ])('%j is rejected: %s', (input, message) => {
    let caught: unknown;
    try {
      q(input);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(QuantityParseError);
    expect((caught as Error).message).toBe(message);
  });

  it('rejects non-strings with a typed error and reads numbers through their string form', () => {
    expect(() => Quantity.parse(null as unknown as string)).toThrow(QuantityParseError);
    expect(() => Quantity.parse(Number.NaN)).toThrow(QuantityParseError);
    expect(Quantity.parse(0.25).toString()).toBe('250m');
    // JSON 1e+21 reaches Go as the text "1e+21", which ParseQuantity keeps verbatim.
    expect(Quantity.parse(1e21).toString()).toBe('1e+21');
    expect(parseQuantity(2).toString()).toBe('2');
    expect(isQuantityString('1Gi')).toBe(true);
    expect(isQuantityString('1Gb')).toBe(false);
    expect(isQuantityString({})).toBe(false);
  });
});

describe('string form (TestQuantityString)', () => {
  const table: Array<[Quantity, string, string]> = [
    [dec(1024 * 1024 * 1024, 0, 'BinarySI'), '1Gi', '1024Mi'],
    [dec(300 * 1024 * 1024, 0, 'BinarySI'), '300Mi', '307200Ki'],
    [dec(6 * 1024, 0, 'BinarySI'), '6Ki', ''],
    [dec(1001 * 1024 ** 3, 0, 'BinarySI'), '1001Gi', '1025024Mi'],
    [dec(1024 ** 4, 0, 'BinarySI'), '1Ti', '1024Gi'],
    [dec(5, 0, 'BinarySI'), '5', '5000m'],
    [dec(500, -3, 'BinarySI'), '500m', '0.5'],
    [dec(1, 9), '1G', '1000M'],
    [dec(1000, 6), '1G', '0.001T'],
    [dec(1000000, 3), '1G', ''],
    [dec(1000000000, 0), '1G', ''],
    [dec(1, -3), '1m', '1000u'],
    [dec(80, -3), '80m', ''],
    [dec(1080, -3), '1080m', '1.08'],
    [dec(108, -2), '1080m', '1080000000n'],
    [dec(10800, -4), '1080m', ''],
    [dec(300, 6), '300M', ''],
    [dec(1, 12), '1T', ''],
    [dec(1234567, 6), '1234567M', ''],
    [dec(1234567, -3, 'BinarySI'), '1234567m', ''],
    [dec(3, 3), '3k', ''],
    [dec(1025, 0, 'BinarySI'), '1025', ''],
    [dec(0, 0), '0', ''],
    [dec(0, 0, 'BinarySI'), '0', ''],
    [dec(1, 9, 'DecimalExponent'), '1e9', '.001e12'],
    [dec(1, -3, 'DecimalExponent'), '1e-3', '0.001e0'],
    [dec(1, -9, 'DecimalExponent'), '1e-9', '1000e-12'],
    [dec(80, -3, 'DecimalExponent'), '80e-3', ''],
    [dec(300, 6, 'DecimalExponent'), '300e6', ''],
    [dec(1, 12, 'DecimalExponent'), '1e12', ''],
    [dec(1, 3, 'DecimalExponent'), '1e3', ''],
    [dec(3, 3, 'DecimalExponent'), '3e3', ''],
    [dec(0, 0, 'DecimalExponent'), '0', '00'],
    [dec(1, -9), '1n', ''],
    [dec(80, -9), '80n', ''],
    [dec(1080, -9), '1080n', ''],
    [dec(108, -8), '1080n', ''],
    [dec(1, -6), '1u', ''],
    [dec(80, -6), '80u', ''],
    [dec(1080, -6), '1080u', ''],
  ];

  it.each(table)('%# prints %s; it and %j parse back to it', (quantity, want, alternate) => {
    expect(quantity.toString()).toBe(want);
    expect(q(want).toString()).toBe(want);
    if (alternate) expect(q(alternate).toString()).toBe(want);
    if (!quantity.isZero()) expect(quantity.neg().toString()).toBe(`-${want}`);
  });

  it.each([
    ['1Ki', '1Ki'],
    ['1Mi', '1Mi'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
  ])('parse then emit %s → %s (TestQuantityParseEmit)', (input, want) => {
    expect(q(input).toString()).toBe(want);
    expect(q(`-${input}`).toString()).toBe(`-${want}`);
  });

  it.each([
    ['-999999999999999999', ''],
    ['999999999999999999.1', '999999999999999999100m'],
    ['-9999999999999999999', ''],
    ['1000000000000000000', '1E'],
    ['9999999999999999999.0', '9999999999999999999'],
    ['9999999999999999999000m', '9999999999999999999'],
    ['1.0000000000000000001E', '1000000000000000000100m'],
    ['1.000000000000000001E', '1000000000000000001'],
    ['10E', ''],
    ['10000000000000000000', '10E'],
    ['-10.0E', '-10E'],
    ['10000000000000000000000m', '10E'],
    ['10.0000000000000000001E', '10000000000000000000100m'],
    ['-9223372036854775809', ''],
    ['9223372036854775807000m', '9223372036854775807'],
    ['9223372036854775808.1', '9223372036854775808100m'],
  ])('%s re-serializes as %j or itself (TestParseQuantity)', (input, canonical) => {
    expect(q(input).toString()).toBe(canonical || input);
  });

  it("re-emits input verbatim exactly where Go's ParseQuantity keeps it", () => {
    expect(q('1.500').toString()).toBe('1.500');
    expect(q('+1').toString()).toBe('+1');
    expect(q('1E3').toString()).toBe('1E3');
    expect(q('1025Ki').toString()).toBe('1025Ki');
    expect(q('+8Ki').toString()).toBe('8Ki');
    expect(q('1.000').toString()).toBe('1');
    expect(q('1.0').toString()).toBe('1');
    // Arithmetic always produces the canonical form.
    expect(q('1.500').add(Quantity.zero()).toString()).toBe('1500m');
  });

  it('keeps a suffix above E instead of dropping it', () => {
    expect(q('1000E').toString()).toBe('1000E');
    expect(q('1e21').toString()).toBe('1e21');
  });

  it('serializes to JSON as its string', () => {
    expect(JSON.stringify({ cpu: q('250m'), mem: q('1.5Gi') })).toBe('{"cpu":"250m","mem":"1536Mi"}');
  });
});

describe('arithmetic', () => {
  it.each(['100m', '1Gi'])('adding or subtracting zero preserves the suffix of %s', (s) => {
    const zero = q('0');
    expect(q(s).add(zero).toString()).toBe(s);
    expect(zero.add(q(s)).toString()).toBe(s);
    expect(q(s).sub(zero).toString()).toBe(s);
    expect(zero.sub(q(s)).toString()).toBe(q(s).neg().toString());
  });

  it.each([
    ['0', '0', 0],
    ['100m', '50m', 1],
    ['50m', '100m', -1],
    ['10000T', '100Gi', 1],
    ['1Ki', '1024', 0],
    ['-1', '1m', -1],
  ] as const)('cmp(%s, %s) = %d (TestQuantityCmp)', (a, b, want) => {
    expect(q(a).cmp(q(b))).toBe(want);
    expect(q(b).cmp(q(a))).toBe(-want || 0);
  });

  it('add and sub follow TestAdd / TestSub, keeping the left format unless it is zero', () => {
    expect(dec(10, 0).add(dec(1, 1)).equals(dec(20, 0))).toBe(true);
    const mixed = dec(10, 0, 'BinarySI').add(dec(1, 0));
    expect(mixed.equals(dec(11, 0))).toBe(true);
    expect(mixed.format).toBe('BinarySI');
    expect(dec(10, 0).sub(dec(1, 0, 'BinarySI')).format).toBe('DecimalSI');
    expect(Quantity.zero().sub(dec(50, 0)).equals(dec(-50, 0))).toBe(true);
    expect(dec(10, 0).sub(dec(1, 1)).isZero()).toBe(true);
  });

  it('mul is exact beyond int64 (TestMul)', () => {
    expect(dec(MAX_INT64, 0).mul(2).equals(dec(MAX_INT64 * 2n, 0))).toBe(true);
    expect(dec(-50, 0).mul(-50).equals(dec(2500, 0))).toBe(true);
    expect(dec(50, 0).mul(0).isZero()).toBe(true);
    expect(() => dec(1, 0).mul(1.5)).toThrow(QuantityError);
  });

  it('add and sub cancel across scales (TestAddSubRoundTripAcrossScales)', () => {
    let acc = Quantity.zero();
    const parts: Quantity[] = [];
    for (let i = 1; i <= 100; i++) {
      const part = Quantity.fromScaled(BigInt(i) * 7919n ** 3n, (i % 20) - 9);
      parts.push(part);
      acc = acc.add(part);
    }
    for (const part of parts) acc = acc.sub(part);
    expect(acc.isZero()).toBe(true);
    expect(acc.toString()).toBe('0');
  });

  it('negation round-trips and does not mutate (TestQuantityNeg)', () => {
    const a = dec(901, -2);
    expect(a.neg().toString()).toBe('-9010m');
    expect(a.toString()).toBe('9010m');
    expect(a.neg().neg().equals(a)).toBe(true);
  });

  it('rejects non-Quantity operands with a typed error', () => {
    expect(() => q('1').add('1' as unknown as Quantity)).toThrow(QuantityError);
    expect(() => q('1').cmp({} as Quantity)).toThrow(QuantityError);
  });
});

describe('values', () => {
  it.each([
    ['1.5', 2, 1500],
    ['-1.5', -2, -1500],
    ['100m', 1, 100],
    ['1n', 1, 1],
    ['-1n', -1, -1],
    ['1Gi', 1073741824, 1073741824000],
    ['0', 0, 0],
  ])('%s: value %d, milliValue %d (rounded away from zero)', (s, value, milli) => {
    expect(q(s).value()).toBe(value);
    expect(q(s).milliValue()).toBe(milli);
  });

  it.each([
    [-9, -9, 1n],
    [-9, -6, 1n],
    [-9, 0, 1n],
    [-6, -9, 1000n],
    [-3, -9, 1000000n],
    [-3, 0, 1n],
    [0, -9, 1000000000n],
    [0, -3, 1000n],
    [2, -2, 10000n],
  ])('fromScaled(1, %d).scaledValue(%d) = %d (TestScaledValue)', (from, to, want) => {
    expect(Quantity.fromScaled(1, from).scaledValue(to)).toBe(want);
  });

  it('scaledValue is exact past 2^63', () => {
    expect(q('9Ei').scaledValue(0)).toBe(MAX_INT64);
    expect(q('10E').scaledValue(-3)).toBe(10n ** 22n);
  });

  it('asApproximateNumber returns the nearest double', () => {
    expect(q('1.5Gi').asApproximateNumber()).toBe(1610612736);
    expect(q('100m').asApproximateNumber()).toBe(0.1);
  });
});

describe('constructors (TestMilliNewSet, TestNewSet, TestNewScaledSet)', () => {
  it.each([
    [1, 'DecimalSI', '1m'],
    [1000, 'DecimalSI', '1'],
    [1234000, 'DecimalSI', '1234'],
    [1024, 'BinarySI', '1024m'],
    [1024 * 1024, 'BinarySI', '1048576m'],
  ] as const)('fromMilli(%d, %s) → %s', (v, format, want) => {
    expect(Quantity.fromMilli(v, format).toString()).toBe(want);
    expect(q(want).milliValue()).toBe(v);
  });

  it.each([
    [1, 'DecimalSI', '1'],
    [1000, 'DecimalSI', '1k'],
    [1234000, 'DecimalSI', '1234k'],
    [1024, 'BinarySI', '1Ki'],
    [1000000, 'DecimalExponent', '1e6'],
    [1024 * 1024, 'BinarySI', '1Mi'],
  ] as const)('fromValue(%d, %s) → %s', (v, format, want) => {
    expect(Quantity.fromValue(v, format).toString()).toBe(want);
    expect(q(want).value()).toBe(v);
  });

  it.each([
    [1, -9, '1n'],
    [1000, -9, '1u'],
    [1, -6, '1u'],
    [1000, -6, '1m'],
    [1, -3, '1m'],
    [1000, -3, '1'],
    [1, 0, '1'],
    [0, -9, '0'],
    [0, 0, '0'],
  ])('fromScaled(%d, %d) → %s', (v, scale, want) => {
    expect(Quantity.fromScaled(v, scale).toString()).toBe(want);
    expect(q(want).scaledValue(scale)).toBe(BigInt(v));
  });

  it('rejects bad arguments with typed errors', () => {
    expect(() => Quantity.fromValue(1.5)).toThrow(QuantityError);
    expect(() => Quantity.fromValue(1, 'Bogus' as QuantityFormat)).toThrow(QuantityError);
    expect(() => Quantity.fromScaled(1, -12)).toThrow(QuantityError);
    expect(() => Quantity.fromScaled(1, 0.5)).toThrow(QuantityError);
    expect(Quantity.fromScaled(1000, -12).toString()).toBe('1n');
    expect(() => q('1').scaledValue(Number.NaN)).toThrow(QuantityError);
  });
});
