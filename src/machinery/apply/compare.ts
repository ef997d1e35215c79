/**
 * Compares two objects field by field (SMD's `TypedValue.Compare`). A field absent on the left and present on the
 * right is *added*, the reverse *removed*, present on both with different values *modified*. Non-leaf fields (maps,
 * associative lists and their items) are reported as added/removed when the whole node appears/disappears, which is
 * why an Update's managedFields carry `"."` entries for maps and list items it created. `null` counts as present.
 */
import { FieldPathSet, insertPath } from './field-path-set.js';
import { valueEquals, type JsonValue } from './go-json.js';
import { fieldElement, pathToString, type PathElement } from './path.js';
import { TypeCursor, type ApplySchema } from './schema.js';
import { isAtomicMap, listItemElement, listKind, shapeOf, type Shape } from './typed.js';

export interface Comparison {
  readonly added: FieldPathSet;
  readonly modified: FieldPathSet;
  readonly removed: FieldPathSet;
}

/** Whether the comparison found no difference. */
export function isSame(c: Comparison): boolean {
  return c.added.isEmpty() && c.modified.isEmpty() && c.removed.isEmpty();
}

type Side = JsonValue | undefined;

function isEmptyish(v: Side): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v).length === 0;
}

/** The common container shape of two sides, or 'leaf' when they are scalars or disagree. */
function containerShape(l: Side, r: Side): 'map' | 'list' | 'leaf' {
  const shapes = [l, r].filter((v): v is JsonValue => v !== undefined && v !== null).map(shapeOf);
  if (shapes.length === 0) return 'leaf';
  const first: Shape = shapes[0]!;
  if (shapes.some((s) => s !== first)) return 'leaf';
  return first === 'map' || first === 'list' ? first : 'leaf';
}

/** Compares `lhs` (before) with `rhs` (after). Throws ApplyObjectError for list items that have no key. */
export function compareObjects(lhs: JsonValue, rhs: JsonValue, schema: ApplySchema | TypeCursor): Comparison {
  const cursor = schema instanceof TypeCursor ? schema : new TypeCursor(schema);
  const added = FieldPathSet.empty();
  const modified = FieldPathSet.empty();
  const removed = FieldPathSet.empty();

  const leaf = (l: Side, r: Side, path: PathElement[]) => {
    if (l === undefined) insertPath(added, path);
    else if (r === undefined) insertPath(removed, path);
    else if (!valueEquals(l, r)) insertPath(modified, path);
  };

  const walk = (l: Side, r: Side, path: PathElement[], tpath: string[]): void => {
    const shape = containerShape(l, r);
    if (shape === 'leaf') return leaf(l, r, path);
    const info = cursor.info(tpath);
    const bothEmpty = isEmptyish(l) && isEmptyish(r);
    if (shape === 'map') {
      if (isAtomicMap(info) || bothEmpty) return leaf(l, r, path);
      const lm = (l ?? {}) as Record<string, JsonValue>;
      const rm = (r ?? {}) as Record<string, JsonValue>;
      const keys = new Set([...Object.keys(lm), ...Object.keys(rm)]);
      for (const k of keys) {
        const lv = Object.prototype.hasOwnProperty.call(lm, k) ? lm[k] : undefined;
        const rv = Object.prototype.hasOwnProperty.call(rm, k) ? rm[k] : undefined;
        walk(lv, rv, [...path, fieldElement(k)], [...tpath, k]);
      }
    } else {
      if (listKind(info) === 'atomic' || bothEmpty) return leaf(l, r, path);
      visitListItems((l ?? []) as JsonValue[], (r ?? []) as JsonValue[], path, tpath);
    }
    if (l === undefined) insertPath(added, path);
    else if (r === undefined) insertPath(removed, path);
  };

  const visitListItems = (l: JsonValue[], r: JsonValue[], path: PathElement[], tpath: string[]) => {
    const info = cursor.info(tpath);
    const groups = new Map<string, { pe: PathElement; left: JsonValue[]; right: JsonValue[] }>();
    const group = (pe: PathElement) => {
      const id = pathToString([pe]);
      let g = groups.get(id);
      if (!g) {
        g = { pe, left: [], right: [] };
        groups.set(id, g);
      }
      return g;
    };
    l.forEach((item, i) => group(listItemElement(item, info, path, i)).left.push(item));
    r.forEach((item, i) => group(listItemElement(item, info, path, i)).right.push(item));
    for (const { pe, left, right } of groups.values()) {
      const itemPath = [...path, pe];
      if (left.length <= 1 && right.length <= 1) {
        walk(left[0], right[0], itemPath, tpath);
      } else if (left.length >= 2 && right.length >= 2) {
        // Duplicates before and after: compared as if atomic.
        if (!valueEquals(left, right)) insertPath(modified, itemPath);
      } else if (left.length >= 2) {
        // Duplicates resolved: the surviving item is new, the duplicate marker goes.
        if (right.length === 1) walk(undefined, right[0], itemPath, tpath);
        insertPath(removed, itemPath);
      } else {
        if (left.length === 1) walk(left[0], undefined, itemPath, tpath);
        insertPath(added, itemPath);
      }
    }
  };

  walk(lhs, rhs, [], []);
  return { added, modified, removed };
}
