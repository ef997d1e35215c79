/**
 * Field paths as structured-merge-diff models them. A path is a list of elements, each one of:
 * a field name (`f:`), the key fields of an item in a list of maps (`k:`), the value of an item in a set (`v:`), or an
 * index into a list (`i:`, only ever decoded, never produced). The total order, the serialized form and the
 * human-readable form (`.spec.containers[name="nginx"].image`) all match SMD's `fieldpath` package.
 */
import { FieldsV1Error } from './errors.js';
import { compareGoStrings, goFloatV, goJson, goJsonString, goQuote, isJsonObject, type JsonValue } from './go-json.js';

export interface KeyField {
  readonly name: string;
  readonly value: JsonValue;
}

export type PathElement =
  | { readonly kind: 'field'; readonly name: string }
  /** Key fields sorted by name. */
  | { readonly kind: 'key'; readonly fields: readonly KeyField[] }
  | { readonly kind: 'value'; readonly value: JsonValue }
  | { readonly kind: 'index'; readonly index: number };

export type FieldPath = readonly PathElement[];

export function fieldElement(name: string): PathElement {
  return { kind: 'field', name };
}

/** A key element; the fields are sorted by name as SMD requires. */
export function keyElement(fields: Readonly<Record<string, JsonValue>>): PathElement {
  const list = Object.keys(fields).map((name) => ({ name, value: fields[name]! }));
  return { kind: 'key', fields: sortKeyFields(list) };
}

/** A key element of these fields (distinct names, any order): sorts them by name. Takes ownership of the array. */
export function keyElementOf(fields: KeyField[]): PathElement {
  return { kind: 'key', fields: fields.length > 1 ? sortKeyFields(fields) : fields };
}

export function valueElement(value: JsonValue): PathElement {
  return { kind: 'value', value };
}

export function indexElement(index: number): PathElement {
  return { kind: 'index', index };
}

/** A path of field names, e.g. `fieldPath('spec', 'replicas')`. */
export function fieldPath(...names: string[]): FieldPath {
  return names.map(fieldElement);
}

function sortKeyFields(fields: KeyField[]): KeyField[] {
  return fields.sort((a, b) => compareGoStrings(a.name, b.name));
}

const kindRank = (v: JsonValue): number => {
  if (v === null) return 5;
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (Array.isArray(v)) return 3;
  return 4;
};

/** SMD's total order of values: numbers, then strings, booleans, lists, maps, and null last. */
export function compareValues(a: JsonValue, b: JsonValue): number {
  const ra = kindRank(a);
  const rb = kindRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (typeof a === 'number') return a === b ? 0 : a < (b as number) ? -1 : 1;
  if (typeof a === 'string') return compareGoStrings(a, b as string);
  if (typeof a === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (Array.isArray(a)) {
    const bl = b as JsonValue[];
    for (let i = 0; ; i++) {
      if (i >= a.length && i >= bl.length) return 0;
      if (i >= a.length) return -1;
      if (i >= bl.length) return 1;
      const c = compareValues(a[i]!, bl[i]!);
      if (c !== 0) return c;
    }
  }
  if (a === null) return 0;
  return compareMaps(a, b as Record<string, JsonValue>);
}

function compareMaps(a: Record<string, JsonValue>, b: Record<string, JsonValue>): number {
  const la = Object.keys(a).length;
  const lb = Object.keys(b).length;
  if (la === 0 && lb === 0) return 0;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareGoStrings);
  let i = 0;
  for (const k of keys) {
    const inA = Object.prototype.hasOwnProperty.call(a, k);
    const inB = Object.prototype.hasOwnProperty.call(b, k);
    let c: number;
    if (i === la) c = -1;
    else if (i === lb) c = 1;
    else if (!inA) c = 1;
    else if (!inB) c = -1;
    else c = compareValues(a[k]!, b[k]!);
    i++;
    if (c !== 0) return c;
  }
  return 0;
}

const elementRank = { field: 0, key: 1, value: 2, index: 3 } as const;

/** SMD's order of path elements: field names, then keys, then values, then indexes. */
export function comparePathElements(a: PathElement, b: PathElement): number {
  if (a.kind !== b.kind) return elementRank[a.kind] < elementRank[b.kind] ? -1 : 1;
  switch (a.kind) {
    case 'field':
      return compareGoStrings(a.name, (b as typeof a).name);
    case 'key': {
      const bf = (b as typeof a).fields;
      for (let i = 0; ; i++) {
        if (i >= a.fields.length && i >= bf.length) return 0;
        if (i >= a.fields.length) return -1;
        if (i >= bf.length) return 1;
        const c = compareGoStrings(a.fields[i]!.name, bf[i]!.name) || compareValues(a.fields[i]!.value, bf[i]!.value);
        if (c !== 0) return c;
      }
    }
    case 'value':
      return compareValues(a.value, (b as typeof a).value);
    case 'index': {
      const bi = (b as typeof a).index;
      return a.index === bi ? 0 : a.index < bi ? -1 : 1;
    }
  }
}

/** Go's `value.ToString`: strings quoted with `%q`, numbers as Go prints a float64. */
function valueToString(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return goFloatV(v);
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(valueToString).join(',')}]`;
  return Object.keys(v)
    .sort(compareGoStrings)
    .map((k) => `${k}=${valueToString(v[k]!)}`)
    .join('');
}

/** The human-readable form SMD prints: `.name`, `[k=v,k2=v2]`, `[=value]`, `[3]`. */
export function pathElementToString(pe: PathElement): string {
  switch (pe.kind) {
    case 'field':
      return `.${pe.name}`;
    case 'key':
      return `[${pe.fields.map((f) => `${f.name}=${valueToString(f.value)}`).join(',')}]`;
    case 'value':
      return `[=${valueToString(pe.value)}]`;
    case 'index':
      return `[${pe.index}]`;
  }
}

/** E.g. `.spec.template.spec.containers[name="nginx"].image`. */
export function pathToString(path: FieldPath): string {
  return path.map(pathElementToString).join('');
}

/** The FieldsV1 key of an element: `f:name`, `k:{"name":"nginx"}` (Go JSON, fields by name), `v:"x"`, `i:0`. */
export function serializePathElement(pe: PathElement): string {
  switch (pe.kind) {
    case 'field':
      return `f:${pe.name}`;
    case 'key':
      return `k:{${pe.fields.map((f) => `${goJsonString(f.name)}:${goJson(f.value)}`).join(',')}}`;
    case 'value':
      return `v:${goJson(pe.value)}`;
    case 'index':
      return `i:${pe.index}`;
  }
}

/**
 * Parses a FieldsV1 key. Returns null for an unknown element type (a newer server's; SMD drops those) and throws
 * FieldsV1Error for a malformed key.
 */
export function deserializePathElement(s: string): PathElement | null {
  if (s.length < 2) throw new FieldsV1Error(`key must be 2 characters long: ${JSON.stringify(s)}`);
  if (s[1] !== ':') throw new FieldsV1Error(`missing colon: ${s}`);
  const body = s.slice(2);
  switch (s[0]) {
    case 'f':
      return fieldElement(body);
    case 'v':
      return valueElement(parseJson(body, s));
    case 'k': {
      const obj = parseJson(body, s);
      if (!isJsonObject(obj)) throw new FieldsV1Error(`key ${JSON.stringify(s)}: k: must hold a JSON object`);
      return keyElement(obj);
    }
    case 'i': {
      if (!/^[+-]?\d+$/.test(body)) throw new FieldsV1Error(`key ${JSON.stringify(s)}: invalid index ${JSON.stringify(body)}`);
      const index = Number(body);
      if (!Number.isSafeInteger(index)) throw new FieldsV1Error(`key ${JSON.stringify(s)}: index out of range`);
      return indexElement(index);
    }
    default:
      return null;
  }
}

function parseJson(text: string, key: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (err) {
    throw new FieldsV1Error(`key ${JSON.stringify(key)}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
