/**
 * The FieldsV1 encoding of a FieldPathSet, byte-for-byte as SMD writes it: a JSON object whose keys are serialized path
 * elements in set order, `{}` for a member without children, and a `"."` key (written first) for a node that is both a
 * member and has children. E.g.
 * `{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{}}}}}`.
 */
import { FieldsV1Error } from './errors.js';
import { FieldPathSet, insertChildSet, insertPath } from './field-path-set.js';
import { goJsonString, isJsonObject, setOwn, type JsonObject, type JsonValue } from './go-json.js';
import { comparePathElements, deserializePathElement, serializePathElement, type PathElement } from './path.js';

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

/** The FieldsV1 object of a set. Property order is the serialization order. */
export function fieldSetToFieldsV1(set: FieldPathSet): FieldsV1 {
  const build = (s: FieldPathSet, includeSelf: boolean): JsonObject => {
    const out: JsonObject = {};
    walk(
      s,
      includeSelf,
      () => setOwn(out, '.', {}),
      (key, child, self) => setOwn(out, key, child ? build(child, self) : {}),
    );
    return out;
  };
  return build(set, false);
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
  return readNode(doc, '').children ?? FieldPathSet.empty();
}

function describe(v: JsonValue): string {
  if (v === null) return 'null';
  return Array.isArray(v) ? 'array' : typeof v;
}

/** Returns the node's children (null when it has none) and whether the node itself is a member. */
function readNode(node: JsonObject, where: string): { children: FieldPathSet | null; isMember: boolean } {
  let children: FieldPathSet | null = null;
  let isMember = false;
  for (const key of Object.keys(node)) {
    const value = node[key]!;
    if (key === '.') {
      isMember = true;
      continue;
    }
    let pe: PathElement | null;
    try {
      pe = deserializePathElement(key);
    } catch (err) {
      throw new FieldsV1Error(`parsing key as path element at ${where || 'root'}: ${(err as Error).message}`);
    }
    if (pe === null) continue;
    if (value !== null && !isJsonObject(value)) {
      throw new FieldsV1Error(`value of ${JSON.stringify(key)} at ${where || 'root'} must be an object, got ${describe(value)}`);
    }
    const sub = value === null ? { children: null, isMember: true } : readNode(value, `${where}/${key}`);
    children ??= FieldPathSet.empty();
    if (sub.isMember) insertPath(children, [pe]);
    if (sub.children) insertChildSet(children, pe, sub.children);
  }
  if (children === null) isMember = true;
  return { children, isMember };
}
