/**
 * resource.Quantity (k8s.io/apimachinery/pkg/api/resource): an exact decimal with a remembered format, e.g. `100m`,
 * `1536Mi`, `2e3`.
 *
 * Guarantees:
 * - No floating point anywhere: values are a BigInt mantissa times a power of ten, so `0.1 + 0.2` is exactly `300m`.
 * - Parsing rounds away from zero to nano precision (`0.1n` → `1n`), caps BinarySI magnitudes at 2^63-1, and turns a
 *   BinarySI value strictly between -1 and 1 into DecimalSI, as Kubernetes does. Every Quantity is a whole number of
 *   nano-units.
 * - `toString()` is the string Kubernetes emits: the canonical form (largest suffix with an integer mantissa, in the
 *   remembered format), except that a parsed string Kubernetes would re-emit verbatim is re-emitted verbatim (e.g.
 *   `1.500` and `+1` stay as written, because Go's ParseQuantity keeps them).
 * - Quantities are immutable; arithmetic returns new ones. Bad input throws QuantityParseError (strings) or
 *   QuantityError (other arguments) with Kubernetes' messages.
 *
 * Deliberate differences from Go, all on inputs Kubernetes mishandles: strings whose number part has no digit
 * (`.`, `m`, `+`) are rejected instead of reading as 0; decimal exponents beyond ±MAX_QUANTITY_EXPONENT are rejected
 * instead of wrapping to int32; DecimalSI values above 999E print with an `E` mantissa instead of losing their suffix;
 * value()/milliValue() round away from zero for negative values in every case.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

const FORMATS: readonly QuantityFormat[] = ['DecimalSI', 'BinarySI', 'DecimalExponent'];

/** A Quantity function was called with an argument of the wrong type or range. */
export class QuantityError extends Error {
  override readonly name: string = 'QuantityError';
}

export type QuantityParseErrorReason = 'FormatWrong' | 'Numeric' | 'Suffix';

/** A quantity string is malformed. The message is Kubernetes' (ErrFormatWrong / ErrNumeric / ErrSuffix). */
export class QuantityParseError extends QuantityError {
  override readonly name: string = 'QuantityParseError';
  constructor(readonly reason: QuantityParseErrorReason) {
    super(PARSE_MESSAGES[reason]);
  }
}

/** The pattern Kubernetes' ErrFormatWrong message cites. */
export const QUANTITY_PATTERN = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

const PARSE_MESSAGES: Record<QuantityParseErrorReason, string> = {
  FormatWrong: `quantities must match the regular expression '${QUANTITY_PATTERN}'`,
  Numeric: 'unable to parse numeric part of quantity',
  Suffix: "unable to parse quantity's suffix",
};

/** The largest decimal exponent (`1e10000`) accepted; Kubernetes silently wraps larger ones. */
export const MAX_QUANTITY_EXPONENT = 10_000;

const MAX_INT64 = 2n ** 63n - 1n;
const NANO = -9;

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIX_BY_EXPONENT: ReadonlyMap<number, string> = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_SUFFIX_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const SUFFIX_CHARS = 'eEinumkKMGTP';

interface Scanned {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString: Kubernetes' scanner, character for character. */
function scan(str: string): Scanned {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  const num = str.slice(pos, i) || '0';
  if (i >= end) return { positive, num, denom: '', suffix: '' };
  pos = i;
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, num, denom, suffix: '' };
    pos = i;
  }
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos]!)) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) throw new QuantityParseError('FormatWrong');
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

interface Suffix {
  base: 10 | 2;
  exponent: number;
  format: QuantityFormat;
}

function interpretSuffix(s: string): Suffix | undefined {
  if (Object.hasOwn(DECIMAL_SUFFIXES, s)) return { base: 10, exponent: DECIMAL_SUFFIXES[s]!, format: 'DecimalSI' };
  if (Object.hasOwn(BINARY_SUFFIXES, s)) return { base: 2, exponent: BINARY_SUFFIXES[s]!, format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E') && /^[+-]?[0-9]+$/.test(s.slice(1))) {
    const exponent = Number(s.slice(1));
    if (Math.abs(exponent) <= MAX_QUANTITY_EXPONENT) return { base: 10, exponent, format: 'DecimalExponent' };
  }
  return undefined;
}

/**
 * Whether Go's ParseQuantity takes its int64 fast path and keeps the input string as the Quantity's string form.
 * Mirrors the precision and "already canonical" tests in quantity.go exactly.
 */
function keepsInputString(s: Scanned, suffix: Suffix): boolean {
  const { num, denom } = s;
  if (suffix.format === 'BinarySI') {
    if (denom !== '') return false;
    const precision = 15 - num.length - Math.trunc((suffix.exponent * 3) / 10) - 1;
    if (precision < 0) return false;
    const value = BigInt(num);
    if (value << BigInt(suffix.exponent) > MAX_INT64) return false;
    return suffix.exponent % 10 === 0 && (value & 7n) !== 0n;
  }
  const precision = 18 - (num.length + denom.length);
  const scale = suffix.exponent - denom.length;
  if (precision < 0 || scale < NANO) return false;
  const shifted = num + denom;
  return scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/** Divides by 10^shift rounding away from zero; reports whether that was exact. */
function divRoundAway(u: bigint, shift: number): [bigint, boolean] {
  const d = pow10(shift);
  const q = abs(u) / d;
  const exact = abs(u) % d === 0n;
  const mag = exact ? q : q + 1n;
  return [u < 0n ? -mag : mag, exact];
}

function checkInteger(v: unknown, what: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  throw new QuantityError(`${what} must be a safe integer or a bigint, got ${String(v)}`);
}

function checkFormat(format: unknown): QuantityFormat {
  if (typeof format === 'string' && (FORMATS as readonly string[]).includes(format)) return format as QuantityFormat;
  throw new QuantityError(`unknown quantity format ${JSON.stringify(format)}`);
}

export class Quantity {
  /** The value is mantissa × 10^exponent; mantissa has no trailing zero digits and exponent ≥ -9 (0 for zero). */
  readonly #mantissa: bigint;
  readonly #exponent: number;
  readonly #verbatim: string | undefined;
  #canonical: string | undefined;
  /** The format the value is printed in. */
  readonly format: QuantityFormat;

  private constructor(mantissa: bigint, exponent: number, format: QuantityFormat, verbatim?: string) {
    let m = mantissa;
    let e = exponent;
    if (m === 0n) e = 0;
    while (m !== 0n && m % 10n === 0n) {
      m /= 10n;
      e++;
    }
    this.#mantissa = m;
    this.#exponent = e;
    this.format = format;
    this.#verbatim = verbatim;
  }

  /** ParseQuantity. Numbers are read through their JavaScript string form (as JSON numbers are). */
  static parse(input: string | number): Quantity {
    let str: string;
    if (typeof input === 'number') {
      if (!Number.isFinite(input)) throw new QuantityParseError('FormatWrong');
      str = String(input);
    } else if (typeof input === 'string') {
      str = input;
    } else {
      throw new QuantityParseError('FormatWrong');
    }
    if (str.length === 0) throw new QuantityParseError('FormatWrong');
    if (str === '0') return new Quantity(0n, 0, 'DecimalSI', '0');
    const s = scan(str);
    if (!/[0-9]/.test(str.slice(0, str.length - s.suffix.length))) throw new QuantityParseError('FormatWrong');
    const suffix = interpretSuffix(s.suffix);
    if (!suffix) throw new QuantityParseError('Suffix');
    let u = BigInt(s.num + s.denom);
    let e = -s.denom.length;
    if (suffix.base === 10) e += suffix.exponent;
    else u <<= BigInt(suffix.exponent);
    if (e < NANO) {
      [u] = divRoundAway(u, NANO - e);
      e = NANO;
    }
    let format = suffix.format;
    if (format === 'BinarySI') {
      if (u * pow10(Math.max(e, 0)) > MAX_INT64 * pow10(Math.max(-e, 0))) {
        u = MAX_INT64;
        e = 0;
      }
      // 0 < |value| < 1 cannot be shown in binary units.
      if (u !== 0n && e < 0 && u < pow10(-e)) format = 'DecimalSI';
    }
    if (!s.positive) u = -u;
    return new Quantity(u, e, format, keepsInputString(s, suffix) ? str : undefined);
  }

  /** NewQuantity: an integer value. */
  static fromValue(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(checkInteger(value, 'value'), 0, checkFormat(format));
  }

  /** NewMilliQuantity: value/1000. */
  static fromMilli(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(checkInteger(value, 'value'), -3, checkFormat(format));
  }

  /**
   * NewScaledQuantity: value × 10^scale, DecimalSI unless `options.format` says otherwise. Throws QuantityError if
   * the value is finer than nano-units (e.g. 1 × 10^-12), which no Quantity can hold.
   */
  static fromScaled(value: number | bigint, scale: number, options: { format?: QuantityFormat } = {}): Quantity {
    if (!Number.isSafeInteger(scale) || Math.abs(scale) > MAX_QUANTITY_EXPONENT) {
      throw new QuantityError(`scale must be an integer in [-${MAX_QUANTITY_EXPONENT}, ${MAX_QUANTITY_EXPONENT}], got ${String(scale)}`);
    }
    const q = new Quantity(checkInteger(value, 'value'), scale, checkFormat(options.format ?? 'DecimalSI'));
    if (q.#exponent < NANO) throw new QuantityError(`${String(value)}e${scale} is finer than the nano-unit precision of quantities`);
    return q;
  }

  static zero(format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(0n, 0, checkFormat(format));
  }

  isZero(): boolean {
    return this.#mantissa === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.#mantissa === 0n ? 0 : this.#mantissa < 0n ? -1 : 1;
  }

  /** Exact comparison: -1, 0 or 1. Formats are ignored. */
  cmp(other: Quantity): -1 | 0 | 1 {
    const [a, b] = this.#aligned(other);
    return a === b ? 0 : a < b ? -1 : 1;
  }

  equals(other: Quantity): boolean {
    return this.cmp(other) === 0;
  }

  /** this + other, exactly. Keeps this format unless this is zero, then takes other's (Kubernetes' Add). */
  add(other: Quantity): Quantity {
    const [a, b] = this.#aligned(other);
    return new Quantity(a + b, Math.min(this.#exponent, other.#exponent), this.isZero() ? other.format : this.format);
  }

  /** this - other, exactly. Same format rule as add. */
  sub(other: Quantity): Quantity {
    const [a, b] = this.#aligned(other);
    return new Quantity(a - b, Math.min(this.#exponent, other.#exponent), this.isZero() ? other.format : this.format);
  }

  neg(): Quantity {
    return new Quantity(-this.#mantissa, this.#exponent, this.format);
  }

  /** this × an integer, exactly. */
  mul(factor: number | bigint): Quantity {
    return new Quantity(this.#mantissa * checkInteger(factor, 'factor'), this.#exponent, this.format);
  }

  /** ScaledValue: the value in units of 10^scale, rounded away from zero, as an exact bigint. */
  scaledValue(scale: number): bigint {
    if (!Number.isSafeInteger(scale) || Math.abs(scale) > MAX_QUANTITY_EXPONENT) {
      throw new QuantityError(`scale must be an integer in [-${MAX_QUANTITY_EXPONENT}, ${MAX_QUANTITY_EXPONENT}], got ${String(scale)}`);
    }
    const shift = this.#exponent - scale;
    if (shift >= 0) return this.#mantissa * pow10(shift);
    return divRoundAway(this.#mantissa, -shift)[0];
  }

  /** Value(): rounded up (away from zero) to an integer. Exact up to 2^53; use scaledValue(0) beyond. */
  value(): number {
    return Number(this.scaledValue(0));
  }

  /** MilliValue(): ceil(q × 1000) away from zero. Exact up to 2^53; use scaledValue(-3) beyond. */
  milliValue(): number {
    return Number(this.scaledValue(-3));
  }

  /** AsApproximateFloat64: the nearest double. */
  asApproximateNumber(): number {
    return Number.parseFloat(`${this.#mantissa}e${this.#exponent}`);
  }

  /** The string Kubernetes emits for this quantity (see the module comment). */
  toString(): string {
    if (this.#verbatim !== undefined) return this.#verbatim;
    this.#canonical ??= this.#canonicalize();
    return this.#canonical;
  }

  /** Quantities serialize as their string. */
  toJSON(): string {
    return this.toString();
  }

  #aligned(other: Quantity): [bigint, bigint] {
    if (!(other instanceof Quantity)) throw new QuantityError('expected a Quantity');
    const e = Math.min(this.#exponent, other.#exponent);
    return [this.#mantissa * pow10(this.#exponent - e), other.#mantissa * pow10(other.#exponent - e)];
  }

  /** CanonicalizeBytes. */
  #canonicalize(): string {
    const m = this.#mantissa;
    if (m === 0n) return '0';
    let format = this.format;
    let integer: bigint | undefined;
    if (format === 'BinarySI') {
      const small = this.cmp(Quantity.fromValue(-1024)) > 0 && this.cmp(Quantity.fromValue(1024)) < 0;
      if (!small && this.#exponent >= 0) integer = m * pow10(this.#exponent);
      // A fractional BinarySI value would need rounding: show it exactly in DecimalSI instead.
      if (integer === undefined) format = 'DecimalSI';
    }
    if (integer !== undefined) {
      let power = 0;
      while (power < BINARY_SUFFIX_BY_POWER.length - 1 && integer % 1024n === 0n) {
        integer /= 1024n;
        power++;
      }
      return `${integer}${BINARY_SUFFIX_BY_POWER[power]}`;
    }
    let mantissa = m;
    let exponent = this.#exponent;
    while (exponent % 3 !== 0) {
      mantissa *= 10n;
      exponent--;
    }
    if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
    if (exponent > 18) {
      mantissa *= pow10(exponent - 18);
      exponent = 18;
    }
    return `${mantissa}${DECIMAL_SUFFIX_BY_EXPONENT.get(exponent)!}`;
  }
}

/** ParseQuantity; throws QuantityParseError. */
export function parseQuantity(input: string | number): Quantity {
  return Quantity.parse(input);
}

/** True if `input` parses as a quantity. */
export function isQuantityString(input: unknown): boolean {
  if (typeof input !== 'string' && typeof input !== 'number') return false;
  try {
    Quantity.parse(input);
    return true;
  } catch (err) {
    if (err instanceof QuantityParseError) return false;
    throw err;
  }
}
