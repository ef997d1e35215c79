/**
 * JSON values and the Go renderings server-side apply depends on: Go's `encoding/json` string escaping and sorted map
 * keys (the text of `k:`/`v:` path elements), Go's byte-wise string order (the order of a FieldsV1 object's keys) and
 * Go's `%q` / `%v` (the text of a field path in a conflict message).
 */

export type JsonPrimitive = null | boolean | number | string;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Sets an own data property, so that a `__proto__` key in user JSON stays an ordinary key. */
export function setOwn(obj: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** Compares strings by Unicode code point, which is the byte order of their UTF-8 encodings (Go's `strings.Compare`). */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (a code point above U+FFFF) sorts after every BMP unit, which UTF-16 order gets wrong for U+E000..U+FFFF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

const hex = (c: number, width: number) => c.toString(16).padStart(width, '0');

/** Printable ASCII that Go's JSON writer copies unchanged: no `"` or `\\`, and (HTML-safe) no `<`, `>`, `&`. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const PLAIN_HTML_SAFE = /^[\x20\x21\x23-\x25\x27-\x3b\x3d\x3f-\x5b\x5d-\x7e]*$/;

/** Whether `s` is printable ASCII without `"` or `\\`: Go's `%q` (and its JSON writer for keys) copy it unchanged. */
export function isPlainGoString(s: string): boolean {
  return PLAIN.test(s);
}

/**
 * A JSON string as SMD's JSON writer (json-iterator, standard-library compatible) writes it: `"`, `\\`, `\n`, `\r`,
 * `\t` escaped short, other control characters as `\u00XX`, U+2028/U+2029 escaped, lone surrogates as `\ufffd`.
 * With `escapeHtml` (how values are written; object keys are not) `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`.
 */
export function goJsonString(s: string, escapeHtml = true): string {
  if ((escapeHtml ? PLAIN_HTML_SAFE : PLAIN).test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || c === 0x2028 || c === 0x2029) out += `\\u${hex(c, 4)}`;
    else if (escapeHtml && (c === 0x3c || c === 0x3e || c === 0x26)) out += `\\u${hex(c, 4)}`;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      out += s[i]! + s[i + 1]!;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else out += s[i]!;
  }
  return out + '"';
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** A JSON value as Go marshals a decoded `interface{}`: compact, HTML-safe strings, map keys sorted byte-wise. */
export function goJson(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const keys = Object.keys(v).sort(compareGoStrings);
  return `{${keys.map((k) => `${goJsonString(k)}:${goJson(v[k]!)}`).join(',')}}`;
}

/** Go's `strconv.Quote` (`%q`): printable characters kept, the rest escaped Go-style. */
export function goQuote(s: string): string {
  if (PLAIN.test(s)) return `"${s}"`;
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c === 0x07) out += '\\a';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0b) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${hex(c, 2)}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad || c === 0x2028 || c === 0x2029 || c === 0xfeff) out += `\\u${hex(c, 4)}`;
    else out += ch;
  }
  return out + '"';
}

/** Go's `%v` of a float64 (how a key value decoded from managedFields prints): shortest digits, `e+06` past 1e6. */
export function goFloatV(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  // Integers below 1e6 print in full, as String does.
  if (Number.isInteger(n) && n > -1e6 && n < 1e6) return String(n);
  const [mantissa, expText] = n.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(n);
}

/**
 * Structural equality with SMD's rules: numbers compare numerically, `null` equals only `null`, key order is ignored.
 */
export function valueEquals(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => valueEquals(x, b[i]!));
  }
  if (Array.isArray(b)) return false;
  const ak = Object.keys(a);
  if (ak.length !== Object.keys(b).length) return false;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(b, k) && valueEquals(a[k]!, b[k]!));
}

/** A deep copy of a JSON value that keeps `__proto__` keys as ordinary keys. */
export function copyValue<T extends JsonValue>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => copyValue(x)) as T;
  const out: JsonObject = {};
  for (const k of Object.keys(v)) setOwn(out, k, copyValue(v[k]!));
  return out as T;
}
