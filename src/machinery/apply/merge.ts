/**
 * Merging an applied configuration into a live object and removing items from an object, following SMD's
 * `TypedValue.Merge` (leaves: the applied value wins) and `RemoveItems`.
 *
 * Differences from the Go implementation are confined to the JSON rendering: where SMD would write a `null` (a field
 * the configuration sets to null, a map or list left empty by a removal), the field is omitted, which is what a Go
 * client reading the result back sees.
 */
import type { FieldPathSet } from './field-path-set.js';
import { copyValue, setOwn, type JsonObject, type JsonValue } from './go-json.js';
import { fieldElement, pathToString, type PathElement } from './path.js';
import type { TypeCursor } from './schema.js';
import { hasOwn, isAtomicMap, listItemElement, listKind, shapeOf } from './typed.js';

type Side = JsonValue | undefined;

function isEmptyish(v: Side): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v).length === 0;
}

function containerShape(l: Side, r: Side): 'map' | 'list' | 'leaf' {
  const shapes = [l, r].filter((v): v is JsonValue => v !== undefined && v !== null).map(shapeOf);
  if (shapes.length === 0 || shapes.some((s) => s !== shapes[0])) return 'leaf';
  return shapes[0] === 'map' || shapes[0] === 'list' ? shapes[0] : 'leaf';
}

/**
 * `config` merged into `live`: maps merged key by key, associative lists item by item (items keep the live order
 * around the configuration's order, new items where the configuration puts them), atomic values replaced.
 */
export function mergeObjects(live: JsonObject, config: JsonObject, cursor: TypeCursor): JsonObject {
  const out = merge(live, config, [], [], cursor);
  return out !== undefined && out !== null && shapeOf(out) === 'map' ? (out as JsonObject) : {};
}

function merge(l: Side, r: Side, path: PathElement[], tpath: string[], cursor: TypeCursor): Side {
  const shape = containerShape(l, r);
  if (shape === 'leaf') return copyValue((r === undefined ? l : r)!);
  const info = cursor.info(tpath);
  if (shape === 'map') {
    if (isAtomicMap(info) || (isEmptyish(l) && isEmptyish(r))) return copyValue((r === undefined ? l : r)!);
    const lm = (l ?? {}) as JsonObject;
    const rm = (r ?? {}) as JsonObject;
    const out: JsonObject = {};
    const keys = [...Object.keys(lm), ...Object.keys(rm).filter((k) => !hasOwn(lm, k))];
    for (const k of keys) {
      const v = merge(hasOwn(lm, k) ? lm[k] : undefined, hasOwn(rm, k) ? rm[k] : undefined, [...path, fieldElement(k)], [...tpath, k], cursor);
      if (v !== undefined && v !== null) setOwn(out, k, v);
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (listKind(info) === 'atomic' || (isEmptyish(l) && isEmptyish(r))) return copyValue((r === undefined ? l : r)!);
  const items = mergeListItems((l ?? []) as JsonValue[], (r ?? []) as JsonValue[], path, tpath, cursor);
  return items.length > 0 ? items : undefined;
}

/** SMD's list merge order: shared items follow the configuration's order; live-only items keep their place. */
function mergeListItems(l: JsonValue[], r: JsonValue[], path: PathElement[], tpath: string[], cursor: TypeCursor): JsonValue[] {
  const info = cursor.info(tpath);
  const id = (pe: PathElement) => pathToString([pe]);
  const rPEs = r.map((item, i) => listItemElement(item, info, path, i));
  const lPEs = l.map((item, i) => listItemElement(item, info, path, i));
  const observedR = new Map<string, JsonValue>();
  rPEs.forEach((pe, i) => observedR.set(id(pe), r[i]!));
  // A duplicated live key maps to undefined: it is not merged with the applied item.
  const observedL = new Map<string, JsonValue | undefined>();
  lPEs.forEach((pe, i) => observedL.set(id(pe), observedL.has(id(pe)) ? undefined : l[i]!));

  const sharedOrder = rPEs.filter((pe) => observedL.has(id(pe))).map(id);
  let nextShared = sharedOrder.shift();
  const mergedR = new Set<string>();
  const out: JsonValue[] = [];
  const push = (pe: PathElement, lv: Side, rv: Side) => {
    const v = merge(lv, rv, [...path, pe], tpath, cursor);
    if (v !== undefined) out.push(v);
  };

  let li = 0;
  let ri = 0;
  while (li < l.length || ri < r.length) {
    if (li < l.length && ri < r.length) {
      const lid = id(lPEs[li]!);
      if (lid === id(rPEs[ri]!)) {
        mergedR.add(lid);
        push(lPEs[li]!, observedL.get(lid), observedR.get(lid));
        li++;
        ri++;
        nextShared = sharedOrder.shift();
        continue;
      }
      if (observedR.has(lid) && nextShared !== undefined && nextShared !== lid) {
        // A shared item, but not the next one in the configuration's order.
        li++;
        continue;
      }
    }
    if (li < l.length) {
      const lid = id(lPEs[li]!);
      if (!observedR.has(lid)) {
        push(lPEs[li]!, l[li]!, undefined);
        li++;
        continue;
      } else if (mergedR.has(lid)) {
        li++;
      }
    }
    if (ri < r.length) {
      const pe = rPEs[ri]!;
      const rid = id(pe);
      mergedR.add(rid);
      push(pe, observedL.get(rid), observedR.get(rid));
      ri++;
      if (nextShared === rid) nextShared = sharedOrder.shift();
    }
  }
  return out;
}

/**
 * `value` without the fields in `toRemove` (a member removes the field or list item with everything below it).
 * Maps and lists left empty by the removal are omitted from their parent.
 */
export function removeItems(value: JsonObject, toRemove: FieldPathSet, cursor: TypeCursor): JsonObject {
  if (toRemove.isEmpty()) return value;
  const out = remove(value, toRemove, [], [], cursor);
  return out !== undefined && shapeOf(out) === 'map' ? (out as JsonObject) : {};
}

function remove(v: JsonValue, toRemove: FieldPathSet, path: PathElement[], tpath: string[], cursor: TypeCursor): JsonValue | undefined {
  const shape = shapeOf(v);
  if (shape === 'map') {
    const m = v as JsonObject;
    if (isAtomicMap(cursor.info(tpath)) || Object.keys(m).length === 0) return v;
    const out: JsonObject = {};
    for (const k of Object.keys(m)) {
      const pe = fieldElement(k);
      if (toRemove.hasMember(pe)) continue;
      const sub = toRemove.withPrefix(pe);
      const child = sub.isEmpty() ? m[k]! : remove(m[k]!, sub, [...path, pe], [...tpath, k], cursor);
      if (child !== undefined) setOwn(out, k, child);
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (shape === 'list') {
    const items = v as JsonValue[];
    const info = cursor.info(tpath);
    if (items.length === 0 || listKind(info) === 'atomic') return v;
    const out: JsonValue[] = [];
    items.forEach((item, i) => {
      const pe = listItemElement(item, info, path, i);
      if (toRemove.hasMember(pe)) return;
      const sub = toRemove.withPrefix(pe);
      const kept = sub.isEmpty() ? item : remove(item, sub, [...path, pe], tpath, cursor);
      if (kept !== undefined) out.push(kept);
    });
    return out.length > 0 ? out : undefined;
  }
  return v;
}
