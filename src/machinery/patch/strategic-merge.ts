/**
 * The strategic merge engine: merges a strategic merge patch map into an original map, following Kubernetes'
 * mergeMap / mergeSlice (k8s.io/apimachinery pkg/util/strategicpatch) step for step. It rewrites both of its
 * arguments in place, so the public entry points hand it private deep copies.
 *
 * Two modes, as in Kubernetes:
 *   - apply (mergeParallelList + ignoreUnmatchedNulls): directives are executed and removed, `null` deletes;
 *   - patch-merge (both off), used by the three-way diff: directives and `null`s are carried into the result so the
 *     merged patch still expresses them.
 */
import { PatchError } from './errors.js';
import { deepEqual, goString, hasKey, isJsonObject, kindOf, setKey, type JsonObject, type JsonValue } from './json.js';
import {
  DELETE_DIRECTIVE,
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  DIRECTIVE_MARKER,
  MERGE_DIRECTIVE,
  REPLACE_DIRECTIVE,
  RETAIN_KEYS_DIRECTIVE,
  SET_ELEMENT_ORDER_PREFIX,
  discardNullValues,
  errBadArgType,
  errBadPatchType,
  errBadRetainKeys,
  errBadSetElementOrder,
  errNoMergeKey,
  extractKey,
  extractToDeleteItems,
  findMapByKey,
  hasDirectiveMarker,
  removeDirectives,
  deduplicateScalars,
  scalarEqual,
  sliceElementKind,
} from './strategic-directives.js';
import { normalizeElementOrder, partitionMaps, partitionPrimitives } from './strategic-order.js';
import { lookupField, type FieldPatchMeta, type PatchSchema } from './strategic-schema.js';

export interface MergeOptions {
  /** Execute `$deleteFromPrimitiveList` / `$setElementOrder` / `$retainKeys` (apply) rather than carry them. */
  readonly mergeParallelList: boolean;
  /** Drop `null`s that have nothing to delete (apply) rather than keep them in the result. */
  readonly ignoreUnmatchedNulls: boolean;
}

export const APPLY_OPTIONS: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };
export const PATCH_MERGE_OPTIONS: MergeOptions = { mergeParallelList: false, ignoreUnmatchedNulls: false };

/** Merges `patch` into `original` (both owned by the caller and rewritten) and returns the result. */
export function mergeMap(original: JsonObject, patch: JsonObject, schema: PatchSchema, opts: MergeOptions): JsonObject {
  if (hasKey(patch, DIRECTIVE_MARKER)) return handleDirectiveInMergeMap(patch[DIRECTIVE_MARKER]!, patch);

  applyRetainKeysDirective(original, patch, opts);
  mergeSetElementOrderLists(original, patch, schema, opts);

  for (const patchKey of Object.keys(patch)) {
    const patchV = patch[patchKey]!;
    let key = patchKey;
    let isDeleteList = false;
    if (patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
      if (!opts.mergeParallelList) {
        setKey(original, patchKey, patchV);
        continue;
      }
      key = extractKey(patchKey, DELETE_FROM_PRIMITIVE_LIST_PREFIX);
      isDeleteList = true;
    }

    if (patchV === null) {
      delete original[key];
      if (opts.ignoreUnmatchedNulls) continue;
    }

    if (!hasKey(original, key) || kindOf(original[key]!) !== kindOf(patchV)) {
      // Not in the original (or of another type): take the patch value, minus directives.
      if (!isDeleteList) storePatchValue(original, key, patchV, opts);
      continue;
    }

    const kind = kindOf(patchV);
    if (kind === 'map') {
      const meta = lookupField(schema, key);
      const merged = meta.strategy === REPLACE_DIRECTIVE
        ? (patchV as JsonObject)
        : mergeMap(original[key] as JsonObject, patchV as JsonObject, meta.schema, opts);
      setKey(original, key, merged);
    } else if (kind === 'list') {
      const meta = lookupField(schema, key);
      setKey(original, key, mergeSliceHandler(original[key] as JsonValue[], patchV as JsonValue[], meta, isDeleteList, opts));
    } else {
      setKey(original, key, patchV);
    }
  }
  return original;
}

function storePatchValue(target: JsonObject, key: string, value: JsonValue, opts: MergeOptions): void {
  if (opts.ignoreUnmatchedNulls) discardNullValues(value);
  const r = removeDirectives(value);
  if (r.keep) setKey(target, key, r.value);
  else delete target[key];
}

/** `$patch` on a map: `replace` → the patch map without the marker; `delete` → an empty map. */
function handleDirectiveInMergeMap(directive: JsonValue, patch: JsonObject): JsonObject {
  if (directive === REPLACE_DIRECTIVE) {
    delete patch[DIRECTIVE_MARKER];
    return patch;
  }
  if (directive === DELETE_DIRECTIVE) return {};
  throw errBadPatchType(directive, patch);
}

/**
 * `$retainKeys`: when applying, every key of `original` not listed is cleared, and the patch may only set listed
 * keys (InvalidPatch otherwise). When merging patches the directive is carried over (and must agree).
 */
function applyRetainKeysDirective(original: JsonObject, patch: JsonObject, opts: MergeOptions): void {
  if (!hasKey(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const retain = patch[RETAIN_KEYS_DIRECTIVE]!;
  delete patch[RETAIN_KEYS_DIRECTIVE];

  if (!opts.mergeParallelList) {
    if (!hasKey(original, RETAIN_KEYS_DIRECTIVE)) setKey(original, RETAIN_KEYS_DIRECTIVE, retain);
    else if (!deepEqual(original[RETAIN_KEYS_DIRECTIVE]!, retain)) {
      throw new PatchError(
        'MergeFailed',
        `${goString(original[RETAIN_KEYS_DIRECTIVE]!)} and ${goString(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`,
      );
    }
    return;
  }

  if (!Array.isArray(retain)) throw errBadRetainKeys();
  const retained = (k: string): boolean => retain.some((r) => r === k);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) || k.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    if (!retained(k)) throw errBadRetainKeys();
  }
  for (const k of Object.keys(original)) if (!retained(k)) delete original[k];
}

/**
 * `$setElementOrder/<list>`: merges the named list (if the patch has it) and then orders the result: patch-named
 * elements in `$setElementOrder` order, server-only elements interleaved by their live order. Both the directive and
 * the list are removed from `patch` so the main loop does not see them again.
 */
function mergeSetElementOrderLists(original: JsonObject, patch: JsonObject, schema: PatchSchema, opts: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    const setOrder = patch[key]!;
    if (!opts.mergeParallelList) {
      if (!hasKey(original, key)) setKey(original, key, setOrder);
      else if (!deepEqual(original[key]!, setOrder)) throw errBadSetElementOrder();
    }
    delete patch[key];

    if (!Array.isArray(setOrder)) throw errBadArgType('list', setOrder);
    const listKey = extractKey(key, SET_ELEMENT_ORDER_PREFIX);
    const foundOriginal = hasKey(original, listKey);
    const foundPatch = hasKey(patch, listKey);
    const originalList = foundOriginal ? asList(original[listKey]!) : [];
    const patchList = foundPatch ? asList(patch[listKey]!) : [];
    const meta = lookupField(schema, listKey);
    const mergeKey = meta.mergeKey ?? '';
    validatePatchWithSetOrderList(patchList, setOrder, mergeKey);

    let merged: JsonValue[];
    let serverOrder = originalList;
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList).value as JsonValue[];
    else if (foundOriginal && foundPatch) {
      ({ result: merged, originalView: serverOrder } = mergeSliceTracked(originalList, patchList, meta, false, opts));
    } else continue;

    const { inPatch, serverOnly } = mergeKey === '' ? partitionPrimitives(merged, setOrder) : partitionMaps(merged, setOrder, mergeKey);
    const kind = sliceElementKind(serverOrder, patchList);
    const ordered = normalizeElementOrder(inPatch, serverOnly, { patchOrder: setOrder, serverOrder }, mergeKey, kind);
    setKey(original, listKey, ordered);
    delete patch[listKey];
  }
}

function asList(v: JsonValue): JsonValue[] {
  if (!Array.isArray(v)) throw errBadArgType('list', v);
  return v;
}

/**
 * The patch list must name its (non-delete) elements in the same relative order as `$setElementOrder`, and only
 * elements the order list names.
 */
function validatePatchWithSetOrderList(patchList: JsonValue[], setOrder: JsonValue[], mergeKey: string): void {
  if (setOrder.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? extractToDeleteItems(patchList).keep : patchList;
  let p = 0;
  let s = 0;
  while (p < items.length && s < setOrder.length) {
    if (hasDirectiveMarker(items[p]!)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(items[p]!, setOrder[s]!, mergeKey)) p++;
    s++;
  }
  if (p < items.length && s >= setOrder.length) {
    throw new PatchError(
      'MergeFailed',
      `The order in patch list:\n${goString(patchList)}\n doesn't match ${SET_ELEMENT_ORDER_PREFIX} list:\n${goString(setOrder)}\n`,
    );
  }
}

function mergeKeyValueEqual(left: JsonValue, right: JsonValue, mergeKey: string): boolean {
  if (!mergeKey) return scalarEqual(left, right);
  if (!isJsonObject(left)) throw errBadArgType('map', left);
  if (!isJsonObject(right)) throw errBadArgType('map', right);
  if (!hasKey(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!hasKey(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return scalarEqual(left[mergeKey], right[mergeKey]);
}

/** A list field: merged when its strategy is `merge` (or for a deletion list), otherwise replaced by the patch. */
export function mergeSliceHandler(original: JsonValue[], patch: JsonValue[], meta: FieldPatchMeta, isDeleteList: boolean, opts: MergeOptions): JsonValue[] {
  return mergeSliceTracked(original, patch, meta, isDeleteList, opts).result;
}

/**
 * The merged list plus `originalView`: the original list as Go's caller sees it afterwards. Kubernetes deletes list
 * elements and appends new ones in the original slice's backing array, so the caller's view of the original (used
 * to order server-only items under `$setElementOrder`) has deleted elements shifted out, a stale tail, and appended
 * elements written over that tail. Emulating it keeps element order identical to Kubernetes'.
 */
interface TrackedMerge {
  result: JsonValue[];
  originalView: JsonValue[];
}

function mergeSliceTracked(original: JsonValue[], patch: JsonValue[], meta: FieldPatchMeta, isDeleteList: boolean, opts: MergeOptions): TrackedMerge {
  if (meta.strategy !== MERGE_DIRECTIVE && !isDeleteList) return { result: patch, originalView: original };
  if (original.length === 0 && patch.length === 0) return { result: original, originalView: original };
  const kind = sliceElementKind(original, patch);
  const mergeKey = meta.mergeKey ?? '';

  if (kind !== 'map') {
    if (opts.mergeParallelList && isDeleteList) {
      return { result: original.filter((v) => !patch.some((d) => scalarEqual(d, v))), originalView: original };
    }
    const merged = deduplicateScalars([...original, ...patch]);
    const { inPatch, serverOnly } = partitionPrimitives(merged, patch);
    const result = normalizeElementOrder(inPatch, serverOnly, { patchOrder: patch, serverOrder: original }, mergeKey, kind);
    return { result, originalView: original };
  }

  if (!mergeKey) throw new PatchError('MergeFailed', `cannot merge lists without merge key for ${meta.schema.name}`);
  const { base, additions, view } = applySpecialElements(original, patch, mergeKey);
  const merged = mergeElements(base, additions, mergeKey, meta.schema, opts);
  merged.slice(base.length).forEach((appended, k) => {
    if (base.length + k < view.length) view[base.length + k] = appended;
  });
  const { inPatch, serverOnly } = partitionMaps(merged, additions, mergeKey);
  const result = normalizeElementOrder(inPatch, serverOnly, { patchOrder: additions, serverOrder: base }, mergeKey, kind);
  return { result, originalView: view };
}

/**
 * Executes `$patch` elements of a merging list: `delete` removes every original element with that merge key value,
 * `replace` makes the patch's other elements the whole list; `merge` is reserved ("merging lists cannot yet be
 * specified in the patch"), anything else is an unknown patch type.
 */
function applySpecialElements(original: JsonValue[], patch: JsonValue[], mergeKey: string): { base: JsonValue[]; additions: JsonValue[]; view: JsonValue[] } {
  const view = [...original];
  let live = original.length;
  const plain: JsonValue[] = [];
  let replace = false;
  for (const v of patch) {
    const item = v as JsonObject;
    if (!hasKey(item, DIRECTIVE_MARKER)) {
      plain.push(v);
      continue;
    }
    const directive = item[DIRECTIVE_MARKER]!;
    if (directive === DELETE_DIRECTIVE) {
      if (!hasKey(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
      const value = item[mergeKey]!;
      for (let i = findMapByKey(view.slice(0, live), mergeKey, value); i >= 0; i = findMapByKey(view.slice(0, live), mergeKey, value)) {
        view.copyWithin(i, i + 1, live);
        live--;
      }
    } else if (directive === REPLACE_DIRECTIVE) {
      replace = true;
    } else if (directive === MERGE_DIRECTIVE) {
      throw new PatchError('MergeFailed', 'merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, item);
    }
  }
  if (replace) return { base: plain, additions: [], view };
  return { base: view.slice(0, live), additions: plain, view };
}

/** Merges each patch element into the original element with the same merge key value, or appends it. */
function mergeElements(original: JsonValue[], patch: JsonValue[], mergeKey: string, schema: PatchSchema, opts: MergeOptions): JsonValue[] {
  const out = [...original];
  for (const v of patch) {
    const item = v as JsonObject;
    if (!hasKey(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    const i = findMapByKey(out, mergeKey, item[mergeKey]!);
    if (i >= 0) out[i] = mergeMap(out[i] as JsonObject, item, schema, opts);
    else out.push(v);
  }
  return out;
}
