/**
 * The strategic merge patch directives and the small operations on them shared by apply, create and three-way:
 *   `$patch: replace|delete` (on a map, or an element of a merging list; `merge` is reserved and rejected, as in
 *   Kubernetes), `$retainKeys: [...]`, `$setElementOrder/<list>: [...]`, `$deleteFromPrimitiveList/<list>: [...]`.
 * Messages are Kubernetes' (k8s.io/apimachinery pkg/util/mergepatch) so clients see the same text.
 * Functions here mutate only values the caller owns (the entry points clone their inputs first).
 */
import { PatchError } from './errors.js';
import { compareStrings, deepEqual, goString, hasKey, isJsonObject, kindOf, type JsonKind, type JsonObject, type JsonValue } from './json.js';

export const DIRECTIVE_MARKER = '$patch';
export const DELETE_DIRECTIVE = 'delete';
export const REPLACE_DIRECTIVE = 'replace';
export const MERGE_DIRECTIVE = 'merge';
export const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList';
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder';

export const errBadJsonDoc = (): PatchError => new PatchError('InvalidDocument', 'invalid JSON document');
export const errBadPrimitiveList = (): PatchError => new PatchError('InvalidPatch', 'invalid patch format of primitive list');
export const errBadRetainKeys = (): PatchError => new PatchError('InvalidPatch', 'invalid patch format of retainKeys');
export const errBadSetElementOrder = (): PatchError =>
  new PatchError('InvalidPatch', 'invalid patch format of setElementOrder list');
export const errListOfLists = (): PatchError => new PatchError('ListOfLists', 'lists of lists are not supported');

export function errNoMergeKey(m: JsonObject, key: string): PatchError {
  return new PatchError('MissingMergeKey', `map: ${goString(m)} does not contain declared merge key: ${key}`);
}

export function errBadArgType(expected: 'map' | 'list', actual: JsonValue | undefined): PatchError {
  const got = actual === undefined ? '<nil>' : GO_TYPE[kindOf(actual)];
  return new PatchError('MergeFailed', `expected a ${GO_TYPE[expected]}, but received a ${got}`);
}

const GO_TYPE: Record<JsonKind, string> = {
  null: '<nil>',
  bool: 'bool',
  number: 'float64',
  string: 'string',
  list: '[]interface {}',
  map: 'map[string]interface {}',
};

export function errBadPatchType(directive: JsonValue, m: JsonObject): PatchError {
  return new PatchError('MergeFailed', `unknown patch type: ${goString(directive)} in map: ${goString(m)}`);
}

/** The original key of a `$prefix/key` directive key; throws the prefix's format error when malformed. */
export function extractKey(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST_PREFIX) throw errBadPrimitiveList();
    throw errBadSetElementOrder();
  }
  return key.slice(slash + 1);
}

/**
 * The kind shared by the elements of the given lists. Throws when a list holds lists, when kinds differ, or when
 * every list is empty (Go's sliceElementType).
 */
export function sliceElementKind(...lists: readonly JsonValue[][]): JsonKind {
  let kind: JsonKind | undefined;
  for (const list of lists) {
    for (const v of list) {
      const k = kindOf(v);
      if (kind === undefined) {
        if (k === 'list') throw errListOfLists();
        kind = k;
      } else if (kind !== k) {
        throw new PatchError('MergeFailed', `list element types are not identical: ${lists.map((l) => goString(l)).join(' ')}`);
      }
    }
  }
  if (kind === undefined) throw new PatchError('MergeFailed', 'no elements in any of the given slices');
  return kind;
}

/** Equality of list elements as Go's `==` on decoded JSON scalars (composites compare structurally). */
export function scalarEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a === b || deepEqual(a, b);
}

/**
 * Removes duplicates the way Kubernetes' deduplicateScalars does (a duplicate is overwritten by the current last
 * element), so element order matches Go's exactly. Returns a new list.
 */
export function deduplicateScalars(list: readonly JsonValue[]): JsonValue[] {
  const s = [...list];
  let last = s.length - 1;
  for (let i = 0; i < last; i++) {
    for (let j = i + 1; j <= last; j++) {
      if (scalarEqual(s[i], s[j])) {
        s[j] = s[last]!;
        s.length = last;
        last--;
        j--;
      }
    }
  }
  return s;
}

/** A copy sorted by Go `%v` text, the order Kubernetes gives `$retainKeys` lists and primitive diffs. */
export function sortScalars(list: readonly JsonValue[]): JsonValue[] {
  return [...list].sort((a, b) => compareStrings(goString(a), goString(b)));
}

/** The merge key value of `item`, or a typed error when `item` is not a map or lacks the key. */
export function mergeKeyValue(item: JsonValue, mergeKey: string): JsonValue {
  if (!isJsonObject(item)) throw errBadArgType('map', item);
  if (!hasKey(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
  return item[mergeKey]!;
}

/** Index of the first map in `list` whose `key` equals `value`; -1 when none. Throws when an element is not a map. */
export function findMapByKey(list: readonly JsonValue[], key: string, value: JsonValue): number {
  for (let i = 0; i < list.length; i++) {
    const item = list[i]!;
    if (!isJsonObject(item)) throw new PatchError('MergeFailed', `value for key ${i} is not a map`);
    if (hasKey(item, key) && scalarEqual(item[key], value)) return i;
  }
  return -1;
}

export function createDeleteDirective(mergeKey: string, value: JsonValue): JsonObject {
  return { [mergeKey]: value, [DIRECTIVE_MARKER]: DELETE_DIRECTIVE };
}

/**
 * Strips directives from a value about to be stored: a map carrying `$patch` is dropped (keep = false), and so are
 * such maps inside lists and as map values. Rewrites `v` in place and returns it.
 */
export function removeDirectives(v: JsonValue): { value: JsonValue; keep: boolean } {
  if (isJsonObject(v)) {
    if (hasKey(v, DIRECTIVE_MARKER)) return { value: null, keep: false };
    for (const k of Object.keys(v)) {
      const r = removeDirectives(v[k]!);
      if (r.keep) v[k] = r.value;
      else delete v[k];
    }
    return { value: v, keep: true };
  }
  if (Array.isArray(v)) {
    const out: JsonValue[] = [];
    for (const e of v) {
      const r = removeDirectives(e);
      if (r.keep) out.push(r.value);
    }
    return { value: out, keep: true };
  }
  return { value: v, keep: true };
}

/** True for the keys the strategic merge patch reserves for its directives. */
export function isDirectiveKey(key: string): boolean {
  return (
    key === DIRECTIVE_MARKER ||
    key === RETAIN_KEYS_DIRECTIVE ||
    key.startsWith(`${SET_ELEMENT_ORDER_PREFIX}/`) ||
    key.startsWith(`${DELETE_FROM_PRIMITIVE_LIST_PREFIX}/`)
  );
}

/** Removes directive keys from every map in `v`, in place (what Kubernetes' typed decoding does to a patch result). */
export function stripDirectiveKeys(v: JsonValue): void {
  if (Array.isArray(v)) {
    for (const e of v) stripDirectiveKeys(e);
  } else if (isJsonObject(v)) {
    for (const k of Object.keys(v)) {
      if (isDirectiveKey(k)) delete v[k];
      else stripDirectiveKeys(v[k]!);
    }
  }
}

/** Drops every `null`-valued key from maps nested anywhere in `v` (in place); nulls inside lists stay. */
export function discardNullValues(v: JsonValue): void {
  if (isJsonObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNullValues(v[k]!);
    }
  } else if (Array.isArray(v)) {
    for (const e of v) discardNullValues(e);
  }
}

/** True when a list element is a map carrying `$patch`. */
export function hasDirectiveMarker(item: JsonValue): boolean {
  return isJsonObject(item) && hasKey(item, DIRECTIVE_MARKER);
}

/** Splits a list of maps into elements to keep and `$patch: delete` elements, preserving order. */
export function extractToDeleteItems(list: readonly JsonValue[]): { keep: JsonValue[]; toDelete: JsonValue[] } {
  const keep: JsonValue[] = [];
  const toDelete: JsonValue[] = [];
  for (const v of list) {
    if (!isJsonObject(v)) throw errBadArgType('map', v);
    if (v[DIRECTIVE_MARKER] === DELETE_DIRECTIVE) toDelete.push(v);
    else keep.push(v);
  }
  return { keep, toDelete };
}

/** Keys in `original` (with a non-null value) that `modified` lacks: a `$retainKeys` directive must clear them. */
export function hasAdditionalNewField(original: JsonObject, modified: JsonObject): boolean {
  return Object.keys(original).some((k) => original[k] !== null && !hasKey(modified, k));
}
