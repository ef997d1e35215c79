/**
 * JSON value helpers shared by the patch implementations: a JSON type, deep clone / equality that never share
 * structure, Go-compatible kind and `%v` formatting (the strategic merge patch algorithm sorts and compares by them),
 * and a prototype-safe property setter (a `__proto__` key in user JSON stays an ordinary key).
 */
import { PatchError } from './errors.js';

export type JsonPrimitive = null | boolean | number | string;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** The Go kind of a decoded JSON value: the strategic merge patch compares kinds, never JS `typeof`. */
export type JsonKind = 'null' | 'bool' | 'number' | 'string' | 'list' | 'map';

/** The kind of `v`; throws PatchError InvalidDocument for a value JSON cannot hold (undefined, a function, ...). */
export function kindOf(v: JsonValue): JsonKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'object':
      return 'map';
    default:
      throw new PatchError('InvalidDocument', `not a JSON value: ${typeof v}`);
  }
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function hasKey(o: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** Sets `o[key] = value` as an own data property, also for `__proto__`. */
export function setKey(o: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    o[key] = value;
  }
}

/**
 * A deep copy sharing no objects or arrays with `v`, normalised as its JSON text would be: object keys holding
 * `undefined` are dropped and `undefined` list elements become `null` (objects built in code may hold them).
 */
export function deepClone<T extends JsonValue>(v: T): T {
  if (Array.isArray(v)) return v.map((e) => (e === undefined ? null : deepClone(e))) as T;
  if (isJsonObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v)) {
      if (v[k] !== undefined) setKey(out, k, deepClone(v[k]!));
    }
    return out as T;
  }
  return v;
}

/** Structural equality of two JSON values (object key order is irrelevant, list order is not). */
export function deepEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((e, i) => deepEqual(e, b[i]!));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => hasKey(b, k) && deepEqual(a[k]!, b[k]!));
  }
  return false;
}

/** A copy with every object's keys in lexical order, as Go's encoding/json emits maps. */
export function sortKeysDeep<T extends JsonValue>(v: T): T {
  if (Array.isArray(v)) return v.map((e) => sortKeysDeep(e)) as T;
  if (isJsonObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v).sort(compareStrings)) setKey(out, k, sortKeysDeep(v[k]!));
    return out as T;
  }
  return v;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Go's `fmt.Sprintf("%v", v)` for a decoded JSON value. Numbers are Go float64s: shortest representation, exponent
 * form when the decimal exponent is < -4 or >= 21 (e.g. 1e+21). Used for ordering only.
 */
export function goString(v: JsonValue): string {
  switch (kindOf(v)) {
    case 'null':
      return '<nil>';
    case 'number':
      return goFloat(v as number);
    case 'list':
      return `[${(v as JsonValue[]).map(goString).join(' ')}]`;
    case 'map': {
      const o = v as JsonObject;
      return `map[${Object.keys(o).sort(compareStrings).map((k) => `${k}:${goString(o[k]!)}`).join(' ')}]`;
    }
    default:
      return String(v);
  }
}

function goFloat(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa, expText] = n.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(n);
}
