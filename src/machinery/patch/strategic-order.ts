/**
 * Element order of merged lists (the "preserve order in strategic merge patch" design): items named by the patch (or
 * its `$setElementOrder` list) take the patch's relative order, items only the server has keep their live relative
 * order, and the two are interleaved by the live order where both are known. Ported from Kubernetes'
 * normalizeElementOrder / mergeSortedSlice so results are element-for-element identical.
 */
import { isJsonObject, hasKey, type JsonKind, type JsonValue } from './json.js';
import { extractToDeleteItems, findMapByKey, mergeKeyValue, scalarEqual } from './strategic-directives.js';

/** Index in `list` of the element matching `item` (by merge key value for maps, by value otherwise); -1 if none. */
export function indexOfElement(list: readonly JsonValue[], item: JsonValue, mergeKey: string, kind: JsonKind): number {
  const key = (v: JsonValue): JsonValue => {
    if (kind !== 'map') return v;
    return isJsonObject(v) && hasKey(v, mergeKey) ? v[mergeKey]! : null;
  };
  const wanted = key(item);
  return list.findIndex((v) => scalarEqual(key(v), wanted));
}

/** Every element of every list must be a map holding `mergeKey`. */
export function validateMergeKeyInLists(mergeKey: string, ...lists: readonly JsonValue[][]): void {
  for (const list of lists) for (const item of list) mergeKeyValue(item, mergeKey);
}

/**
 * Sorts `toSort` by the positions of its elements in `order`; for maps, `$patch: delete` elements move to the end.
 * Uses Go's comparator (an element missing from `order` compares as "less") with insertion sort, which is what Go's
 * sort.SliceStable runs for lists of up to 20 elements; for consistent comparisons every stable sort agrees.
 */
export function normalizeSliceOrder(toSort: readonly JsonValue[], order: readonly JsonValue[], mergeKey: string, kind: JsonKind): JsonValue[] {
  let items = [...toSort];
  let toDelete: JsonValue[] = [];
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, items, [...order]);
    ({ keep: items, toDelete } = extractToDeleteItems(items));
  }
  const less = (a: JsonValue, b: JsonValue): boolean => {
    const ia = indexOfElement(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexOfElement(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && less(items[j]!, items[j - 1]!); j--) {
      const t = items[j]!;
      items[j] = items[j - 1]!;
      items[j - 1] = t;
    }
  }
  return [...items, ...toDelete];
}

/**
 * Interleaves two ordered, non-overlapping lists: each `left` (server-only) item is placed before the first `right`
 * (patch) item that comes after it in `serverOrder`. Relative order within each list is kept.
 */
export function mergeSortedSlice(left: readonly JsonValue[], right: readonly JsonValue[], serverOrder: readonly JsonValue[], mergeKey: string, kind: JsonKind): JsonValue[] {
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]!);
    else if (j >= right.length) out.push(left[i++]!);
    else {
      const li = indexOfElement(serverOrder, left[i]!, mergeKey, kind);
      const ri = indexOfElement(serverOrder, right[j]!, mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]!);
      else out.push(right[j++]!);
    }
  }
  return out;
}

/** Sorts patch items by `patchOrder`, server-only items by `serverOrder`, then interleaves them. */
export function normalizeElementOrder(
  patch: readonly JsonValue[],
  serverOnly: readonly JsonValue[],
  orders: { patchOrder: readonly JsonValue[]; serverOrder: readonly JsonValue[] },
  mergeKey: string,
  kind: JsonKind,
): JsonValue[] {
  const p = normalizeSliceOrder(patch, orders.patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, orders.serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, orders.serverOrder, mergeKey, kind);
}

/** Splits `list` into elements present in `by` (by value) and the rest, preserving order. */
export function partitionPrimitives(list: readonly JsonValue[], by: readonly JsonValue[]): { inPatch: JsonValue[]; serverOnly: JsonValue[] } {
  const inPatch: JsonValue[] = [];
  const serverOnly: JsonValue[] = [];
  for (const v of list) (by.some((b) => scalarEqual(b, v)) ? inPatch : serverOnly).push(v);
  return { inPatch, serverOnly };
}

/** Splits a list of maps into elements whose merge key value appears in `by` and the rest, preserving order. */
export function partitionMaps(list: readonly JsonValue[], by: readonly JsonValue[], mergeKey: string): { inPatch: JsonValue[]; serverOnly: JsonValue[] } {
  const inPatch: JsonValue[] = [];
  const serverOnly: JsonValue[] = [];
  for (const v of list) {
    const value = mergeKeyValue(v, mergeKey);
    (findMapByKey(by, mergeKey, value) >= 0 ? inPatch : serverOnly).push(v);
  }
  return { inPatch, serverOnly };
}
