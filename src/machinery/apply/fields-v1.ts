/**
 * The FieldsV1 encoding of a FieldPathSet, byte-for-byte as SMD writes it: a JSON object whose keys are serialized path
 * elements in set order, `{}` for a member without children, and a `"."` key (written first) for a node that is both a
 * member and has children. E.g.
 * `{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{}}}}}`.
 */
import { FieldsV1Error } from './errors.js';
import { FieldPathSet, type ChildNode } from './field-path-set.js';
import { goJsonString, isJsonObject, type JsonObject, type JsonValue } from './go-json.js';
import { comparePathElements, deserializePathElement, fieldElement, serializePathElement, type PathElement } from './path.js';

/** A FieldsV1 document as it appears in `metadata.managedFields[].fieldsV1`. */
export type FieldsV1 = JsonObject;

/** `child` is the subset below `key` (null for a plain member); `self` says the key is also a member. */
type Emit = (key: string, child: FieldPathSet | null, self: boolean) => void;

/** Walks a node in SMD's order: `"."` first when asked and non-empty, then members and children merged in order. */
function walk(set: FieldPathSet, includeSelf: boolean, emitSelf: () => void, emit: Emit): void {
  if (includeSelf && !set.isEmpty()) emitSelf();
  const members = set.members;
  const children = set.children;
  let mi = 0;
  let ci = 0;
  while (mi < members.length || ci < children.length) {
    const m = members[mi];
    const c = children[ci];
    const order = m && c ? comparePathElements(m, c.pe) : m ? -1 : 1;
    if (order < 0) {
      emit(serializePathElement(m!), null, false);
      mi++;
    } else {
      const child = c!;
      emit(serializePathElement(child.pe), child.set, order === 0);
      ci++;
      if (order === 0) mi++;
    }
  }
}

/** A copy of a canonical FieldsV1 node: plain objects only, keys never `__proto__` (they all carry a prefix or are "."). */
function copyNode(node: JsonObject): JsonObject {
  const out: JsonObject = {};
  if (isBare(node)) return out;
  for (const k of Object.keys(node)) out[k] = copyNode(node[k] as JsonObject);
  return out;
}

/** Whether `v` has no enumerable property at all (own or inherited), without listing its keys. */
function isBare(v: object): boolean {
  for (const _ in v) return false;
  return true;
}

/** The FieldsV1 object of a set. Property order is the serialization order. */
export function fieldSetToFieldsV1(set: FieldPathSet): FieldsV1 {
  return buildNode(set, false);
}

/** `walk` written out for the object form, the hot one (every write encodes the writer's set). */
function buildNode(s: FieldPathSet, includeSelf: boolean): JsonObject {
  // A set decoded from a canonical node (or sharing such a subtree) is copied rather than encoded again.
  const source = s.source;
  if (source && source.self === includeSelf) return copyNode(source.node);
  const out: JsonObject = {};
  const members = s.members;
  const children = s.children;
  // Keys are "." or prefixed by an element type, never `__proto__`: plain assignment is safe.
  if (includeSelf && (members.length > 0 || children.length > 0)) out['.'] = {};
  let mi = 0;
  let ci = 0;
  while (mi < members.length || ci < children.length) {
    const m = members[mi];
    const c = children[ci];
    const order = m && c ? comparePathElements(m, c.pe) : m ? -1 : 1;
    if (order < 0) {
      out[elementKey(m!)] = {};
      mi++;
    } else {
      out[elementKey(c!.pe)] = buildNode(c!.set, order === 0);
      ci++;
      if (order === 0) mi++;
    }
  }
  return out;
}

/** Serialized field names (`f:` + name), remembered up to a bound. */
const fieldKeys = new Map<string, string>();

function elementKey(pe: PathElement): string {
  if (pe.kind !== 'field') return serializePathElement(pe);
  let key = fieldKeys.get(pe.name);
  if (key === undefined) {
    key = `f:${pe.name}`;
    if (fieldKeys.size >= MAX_PARSED_KEYS) fieldKeys.clear();
    fieldKeys.set(pe.name, key);
  }
  return key;
}

/** The FieldsV1 JSON text of a set, exactly as the Go implementation writes it (Go string escaping, no spaces). */
export function fieldSetToJson(set: FieldPathSet): string {
  const write = (s: FieldPathSet, includeSelf: boolean): string => {
    const parts: string[] = [];
    walk(
      s,
      includeSelf,
      () => parts.push('".":{}'),
      (key, child, self) => parts.push(`${goJsonString(key, false)}:${child ? write(child, self) : '{}'}`),
    );
    return `{${parts.join(',')}}`;
  };
  return write(set, false);
}

/**
 * Decodes FieldsV1 (the parsed object, or JSON text). Keys of an unknown element type are dropped, as SMD does;
 * anything else malformed throws FieldsV1Error.
 */
export function fieldSetFromFieldsV1(fields: FieldsV1 | string): FieldPathSet {
  return readNode(documentOf(fields), [], false).children ?? FieldPathSet.empty();
}

/**
 * As fieldSetFromFieldsV1, but the set borrows the document: a canonical document (one encoding gives back as is,
 * which is what servers write) is only checked now and read level by level as the set is used, and encoding the set,
 * or any unchanged subtree of it, copies the document instead of encoding again. The document must not change while
 * the set (or a set made from it) is in use. Throws the same errors as fieldSetFromFieldsV1, at once.
 */
export function borrowFieldSet(fields: FieldsV1 | string): FieldPathSet {
  const doc = documentOf(fields);
  if (checkNode(doc, [])) return lazySet(doc);
  return readNode(doc, [], true).children ?? FieldPathSet.empty();
}

function documentOf(fields: FieldsV1 | string): JsonObject {
  let doc: JsonValue;
  if (typeof fields === 'string') {
    try {
      doc = JSON.parse(fields) as JsonValue;
    } catch (err) {
      throw new FieldsV1Error(`invalid FieldsV1 JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  } else {
    doc = fields;
  }
  if (!isJsonObject(doc)) throw new FieldsV1Error(`FieldsV1 must be a JSON object, got ${describe(doc)}`);
  return doc;
}

/**
 * Walks a node exactly as readNode does, throwing the same errors in the same order, and says whether it is
 * canonical: every key is a known element written as serializing it gives, in strictly increasing order, values are
 * `{}` or canonical nodes, `"."` (with `{}`) only first and only beside other keys.
 */
function checkNode(node: JsonObject, where: string[]): boolean {
  if (isBare(node)) return true;
  const keys = Object.keys(node);
  if (keys.length === 0) return true;
  let canonical = true;
  let known = false;
  let last: PathElement | null = null;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = node[key]!;
    if (key === '.') {
      if (i !== 0 || !isEmptyObject(value)) canonical = false;
      continue;
    }
    const parsed = parseKey(key, where);
    if (parsed === null) {
      canonical = false;
      continue;
    }
    if (!parsed.canonical || (last !== null && comparePathElements(last, parsed.pe) >= 0)) canonical = false;
    last = parsed.pe;
    if (value !== null && !isJsonObject(value)) {
      throw new FieldsV1Error(`value of ${JSON.stringify(key)} at ${whereText(where)} must be an object, got ${describe(value)}`);
    }
    known = true;
    if (value === null) {
      canonical = false;
    } else {
      where.push(key);
      if (!checkNode(value, where)) canonical = false;
      where.pop();
    }
  }
  return canonical && known;
}

/** The set of a checked canonical node, read on use. */
function lazySet(node: JsonObject): FieldPathSet {
  return FieldPathSet.lazy({ node, self: Object.prototype.hasOwnProperty.call(node, '.') }, readLevel);
}

/** One level of a checked canonical node: keys are in order, values `{}` (members) or canonical nodes. */
function readLevel(node: JsonObject): { members: PathElement[]; children: ChildNode[] } {
  const members: PathElement[] = [];
  const children: ChildNode[] = [];
  for (const key of Object.keys(node)) {
    if (key === '.') continue;
    const pe = parseKey(key, [])!.pe;
    const value = node[key] as JsonObject;
    if (isEmptyObject(value)) {
      members.push(pe);
      continue;
    }
    const set = lazySet(value);
    if (set.source!.self) members.push(pe);
    children.push({ pe, set });
  }
  return { members, children };
}

function describe(v: JsonValue): string {
  if (v === null) return 'null';
  return Array.isArray(v) ? 'array' : typeof v;
}

interface ReadNode {
  /** The node's children (null when it has none). */
  readonly children: FieldPathSet | null;
  /** Whether the node itself is a member (of its parent). */
  readonly isMember: boolean;
  /** Whether the node is exactly what encoding gives back (see FieldPathSet.source). */
  readonly canonical: boolean;
}

const LEAF: ReadNode = { children: null, isMember: true, canonical: true };
const NULL_LEAF: ReadNode = { children: null, isMember: true, canonical: false };

function isEmptyObject(v: JsonValue | undefined): boolean {
  return isJsonObject(v) && (isBare(v) || Object.keys(v).length === 0);
}

/**
 * Reads one node. Members and children are collected in key order and sorted once; of equal elements the first
 * member is kept, and children under equal elements are united with the last element kept (as inserting them one by
 * one into a set does). With `borrow`, canonical subtrees remember their node (FieldPathSet.source).
 */
function readNode(node: JsonObject, where: string[], borrow: boolean): ReadNode {
  const keys = Object.keys(node);
  if (keys.length === 0) return LEAF;
  let isMember = false;
  let known = false;
  let canonical = true;
  let ordered = true;
  let last: PathElement | null = null;
  const members: PathElement[] = [];
  const children: ChildNode[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = node[key]!;
    if (key === '.') {
      isMember = true;
      if (i !== 0 || !isEmptyObject(value)) canonical = false;
      continue;
    }
    const parsed = parseKey(key, where);
    if (parsed === null) {
      canonical = false;
      continue;
    }
    const pe = parsed.pe;
    if (!parsed.canonical) canonical = false;
    if (last !== null && comparePathElements(last, pe) >= 0) ordered = false;
    last = pe;
    if (value !== null && !isJsonObject(value)) {
      throw new FieldsV1Error(`value of ${JSON.stringify(key)} at ${whereText(where)} must be an object, got ${describe(value)}`);
    }
    let sub = NULL_LEAF;
    if (value !== null) {
      where.push(key);
      sub = readNode(value, where, borrow);
      where.pop();
    }
    known = true;
    if (!sub.canonical) canonical = false;
    if (sub.isMember) members.push(pe);
    if (sub.children) children.push({ pe, set: sub.children });
  }
  if (!known) return { children: null, isMember: true, canonical: false };
  if (!ordered) return { children: FieldPathSet.fromParts(members, children, { keep: 'last' }), isMember, canonical: false };
  // In order, each element once: canonical when every key is written back as is, "." first when present.
  const source = canonical && borrow ? { node, self: isMember } : undefined;
  return { children: FieldPathSet.ofSorted(members, children, source), isMember, canonical };
}

interface ParsedKey {
  readonly pe: PathElement;
  /** Whether serializing `pe` gives the key back. */
  readonly canonical: boolean;
}

/** Parsed keys, shared by every decode (elements are immutable); forgotten all at once past the bound. */
const MAX_PARSED_KEYS = 8192;
const parsedKeys = new Map<string, ParsedKey>();

/** The element of a FieldsV1 key; null for an unknown element type. Throws FieldsV1Error for a malformed key. */
function parseKey(key: string, where: readonly string[]): ParsedKey | null {
  const known = parsedKeys.get(key);
  if (known) return known;
  let parsed: ParsedKey;
  if (key.charCodeAt(0) === 0x66 && key.charCodeAt(1) === 0x3a) {
    // f:<name>, serialized back as is.
    parsed = { pe: fieldElement(key.slice(2)), canonical: true };
  } else {
    let pe: PathElement | null;
    try {
      pe = deserializePathElement(key);
    } catch (err) {
      throw new FieldsV1Error(`parsing key as path element at ${whereText(where)}: ${(err as Error).message}`);
    }
    if (pe === null) return null;
    parsed = { pe, canonical: serializePathElement(pe) === key };
  }
  if (parsedKeys.size >= MAX_PARSED_KEYS) parsedKeys.clear();
  parsedKeys.set(key, parsed);
  return parsed;
}

function whereText(where: readonly string[]): string {
  return where.length === 0 ? 'root' : where.map((k) => `/${k}`).join('');
}
