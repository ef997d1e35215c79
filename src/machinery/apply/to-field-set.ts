/**
 * The field set of an object (SMD's `TypedValue.ToFieldSet`): every scalar, every atomic list or map, every item of
 * an associative list, every key of a free-form map, and every field holding null or `{}`. A struct field holding a
 * non-empty object is *not* a member by itself; it is owned through its children.
 */
import { FieldPathSet, insertChildSet, insertPath } from './field-path-set.js';
import type { JsonValue } from './go-json.js';
import { fieldElement, pathToString, type FieldPath, type PathElement } from './path.js';
import { TypeCursor, type ApplySchema } from './schema.js';
import { isAtomicMap, isFreeFormMap, listItemElement, listKind, objectError, shapeOf } from './typed.js';

export interface ToFieldSetOptions {
  /**
   * Live objects may hold duplicate list keys (then the duplicated item is a member and is not descended into);
   * applied configurations may not (ApplyObjectError). Default false.
   */
  readonly allowDuplicates?: boolean;
}

function cursorOf(schema: ApplySchema | TypeCursor): TypeCursor {
  return schema instanceof TypeCursor ? schema : new TypeCursor(schema);
}

/** The set of fields `value` sets under `schema`. */
export function toFieldSet(value: JsonValue, schema: ApplySchema | TypeCursor, options: ToFieldSetOptions = {}): FieldPathSet {
  const cursor = cursorOf(schema);
  const set = FieldPathSet.empty();
  const allowDuplicates = options.allowDuplicates ?? false;

  const walk = (v: JsonValue, path: PathElement[], tpath: string[]): void => {
    const shape = shapeOf(v);
    if (shape === 'scalar' || shape === 'null') {
      insertPath(set, path);
      return;
    }
    const info = cursor.info(tpath);
    if (shape === 'map') {
      if (isAtomicMap(info)) {
        insertPath(set, path);
        return;
      }
      const m = v as Record<string, JsonValue>;
      for (const k of Object.keys(m)) {
        const child = m[k]!;
        const childPath = [...path, fieldElement(k)];
        walk(child, childPath, [...tpath, k]);
        const emptyMap = shapeOf(child) === 'map' && Object.keys(child as object).length === 0;
        if (child === null || emptyMap || isFreeFormMap(info)) insertPath(set, childPath);
      }
      return;
    }
    const items = v as JsonValue[];
    if (listKind(info) === 'atomic') {
      insertPath(set, path);
      return;
    }
    const pes = items.map((item, i) => listItemElement(item, info, path, i));
    const seen = new Map<string, number>();
    const key = (pe: PathElement) => pathToString([pe]);
    for (const pe of pes) seen.set(key(pe), (seen.get(key(pe)) ?? 0) + 1);
    const emittedDup = new Set<string>();
    pes.forEach((pe, i) => {
      const k = key(pe);
      if (seen.get(k)! > 1) {
        if (!allowDuplicates) throw objectError(path, `duplicate entries for key ${k}`);
        if (!emittedDup.has(k)) insertPath(set, [...path, pe]);
        emittedDup.add(k);
        return;
      }
      const itemPath = [...path, pe];
      walk(items[i]!, itemPath, tpath);
      insertPath(set, itemPath);
    });
  };

  walk(value, [], []);
  return set;
}

/**
 * The set plus, as members, every named struct field that has members below it (SMD's
 * `EnsureNamedFieldsAreMembers`): `spec.replicas` also owns `spec`, but `metadata.labels.app` does not own
 * `metadata.labels.app`'s parent map key-by-key (free-form maps are not named fields).
 */
export function ensureNamedFieldsAreMembers(set: FieldPathSet, schema: ApplySchema | TypeCursor): FieldPathSet {
  const cursor = cursorOf(schema);
  const visit = (s: FieldPathSet, tpath: string[]): FieldPathSet => {
    const info = cursor.info(tpath);
    const out = FieldPathSet.fromPaths(s.members.map((m): FieldPath => [m]));
    for (const c of s.children) {
      const named = c.pe.kind === 'field';
      if (named && !isFreeFormMap(info)) insertPath(out, [c.pe]);
      insertChildSet(out, c.pe, visit(c.set, named ? [...tpath, c.pe.name] : tpath));
    }
    return out;
  };
  return visit(set, []);
}
