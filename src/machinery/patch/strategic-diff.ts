/**
 * The strategic merge diff: computes the patch that turns one map into another, following Kubernetes' diffMaps /
 * diffLists. Fields present only in `modified` are added, changed scalars and non-merging lists are replaced,
 * fields missing from `modified` become `null`, merging lists of maps get `$patch: delete` elements, merging lists
 * of primitives get a `$deleteFromPrimitiveList/<field>` list, and (with setElementOrder) changed merging lists carry
 * a `$setElementOrder/<field>` list. Maps with the retainKeys strategy get a `$retainKeys` list.
 * The result may share structure with `modified`; the public entry points pass private copies.
 */
import { PatchError } from './errors.js';
import { compareStrings, deepEqual, goString, hasKey, kindOf, setKey, type JsonObject, type JsonValue } from './json.js';
import {
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  DIRECTIVE_MARKER,
  MERGE_DIRECTIVE,
  REPLACE_DIRECTIVE,
  RETAIN_KEYS_DIRECTIVE,
  SET_ELEMENT_ORDER_PREFIX,
  createDeleteDirective,
  deduplicateScalars,
  hasAdditionalNewField,
  mergeKeyValue,
  scalarEqual,
  sliceElementKind,
  sortScalars,
} from './strategic-directives.js';
import { normalizeSliceOrder } from './strategic-order.js';
import { lookupField, type PatchSchema } from './strategic-schema.js';

export interface DiffOptions {
  /** Emit `$setElementOrder/<field>` lists for merging lists whose content or order changed. */
  readonly setElementOrder?: boolean;
  /** Only record deletions (the three-way "deletions" pass). */
  readonly ignoreChangesAndAdditions?: boolean;
  /** Never record deletions (the three-way "delta" pass). */
  readonly ignoreDeletions?: boolean;
  /** Emit `$retainKeys` for this map (set from the field's retainKeys strategy). */
  readonly buildRetainKeysDirective?: boolean;
}

/** The strategic merge patch from `original` to `modified`. */
export function diffMaps(original: JsonObject, modified: JsonObject, schema: PatchSchema, opts: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeys: JsonValue[] = [];

  for (const key of Object.keys(modified)) {
    const modifiedValue = modified[key]!;
    if (opts.buildRetainKeysDirective && modifiedValue !== null) retainKeys.push(key);

    if (!hasKey(original, key)) {
      if (!opts.ignoreChangesAndAdditions) setKey(patch, key, modifiedValue);
      continue;
    }
    const originalValue = original[key]!;

    if (key === DIRECTIVE_MARKER) {
      if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string') {
        throw new PatchError('MergeFailed', `invalid value for special key: ${DIRECTIVE_MARKER}`);
      }
      if (originalValue !== modifiedValue) setKey(patch, key, modifiedValue);
      continue;
    }

    if (kindOf(originalValue) !== kindOf(modifiedValue)) {
      if (!opts.ignoreChangesAndAdditions) setKey(patch, key, modifiedValue);
      continue;
    }

    switch (kindOf(originalValue)) {
      case 'map':
        diffMapField(key, originalValue as JsonObject, modifiedValue as JsonObject, { patch, schema, opts });
        break;
      case 'list':
        diffListField(key, originalValue as JsonValue[], modifiedValue as JsonValue[], { patch, schema, opts });
        break;
      default:
        replaceIfNotEqual(key, originalValue, modifiedValue, patch, opts);
    }
  }

  if (!opts.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!hasKey(modified, key)) setKey(patch, key, null);
  }
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))) {
    setKey(patch, RETAIN_KEYS_DIRECTIVE, sortScalars(retainKeys));
  }
  return patch;
}

interface FieldContext {
  readonly patch: JsonObject;
  readonly schema: PatchSchema;
  readonly opts: DiffOptions;
}

function replaceIfNotEqual(key: string, original: JsonValue, modified: JsonValue, patch: JsonObject, opts: DiffOptions): void {
  if (opts.ignoreChangesAndAdditions || deepEqual(original, modified)) return;
  setKey(patch, key, modified);
}

function diffMapField(key: string, original: JsonObject, modified: JsonObject, ctx: FieldContext): void {
  const meta = lookupField(ctx.schema, key);
  if (meta.strategy === REPLACE_DIRECTIVE) {
    // The whole map is atomic: Kubernetes sends it whenever changes are wanted, equal or not.
    if (!ctx.opts.ignoreChangesAndAdditions) setKey(ctx.patch, key, modified);
    return;
  }
  const sub = diffMaps(original, modified, meta.schema, { ...ctx.opts, buildRetainKeysDirective: meta.retainKeys });
  if (Object.keys(sub).length > 0) setKey(ctx.patch, key, sub);
}

function diffListField(key: string, original: JsonValue[], modified: JsonValue[], ctx: FieldContext): void {
  const meta = lookupField(ctx.schema, key);
  if (meta.strategy !== MERGE_DIRECTIVE) {
    replaceIfNotEqual(key, original, modified, ctx.patch, ctx.opts);
    return;
  }
  const opts = { ...ctx.opts, buildRetainKeysDirective: meta.retainKeys };
  const { patchList, deleteList, setOrderList } = diffLists(original, modified, meta.schema, meta.mergeKey ?? '', opts);
  if (patchList.length > 0) setKey(ctx.patch, key, patchList);
  if (deleteList.length > 0) setKey(ctx.patch, `${DELETE_FROM_PRIMITIVE_LIST_PREFIX}/${key}`, deleteList);
  if (setOrderList.length > 0) setKey(ctx.patch, `${SET_ELEMENT_ORDER_PREFIX}/${key}`, setOrderList);
}

interface ListDiff {
  patchList: JsonValue[];
  deleteList: JsonValue[];
  setOrderList: JsonValue[];
}

function diffLists(original: JsonValue[], modified: JsonValue[], schema: PatchSchema, mergeKey: string, opts: DiffOptions): ListDiff {
  if (original.length === 0) {
    if (modified.length === 0 || opts.ignoreChangesAndAdditions) return { patchList: [], deleteList: [], setOrderList: [] };
    return { patchList: modified, deleteList: [], setOrderList: [] };
  }
  const kind = sliceElementKind(original, modified);
  if (kind === 'map') {
    const { patch, deletions } = diffListsOfMaps(original, modified, schema, mergeKey, opts);
    const patchList = [...normalizeSliceOrder(patch, modified, mergeKey, kind), ...deletions];
    const orderSame = isOrderSame(original, modified, mergeKey);
    const changed = patchList.length > 0;
    const wanted = (!opts.ignoreChangesAndAdditions && (changed || !orderSame)) || (!opts.ignoreDeletions && changed);
    const setOrderList = opts.setElementOrder && wanted
      ? modified.map((v) => ({ [mergeKey]: (v as JsonObject)[mergeKey] ?? null }))
      : [];
    return { patchList, deleteList: [], setOrderList };
  }
  const { additions, deletions } = diffListsOfScalars(original, modified, opts);
  const patchList = normalizeSliceOrder(additions, modified, mergeKey, kind);
  const wanted = (!opts.ignoreDeletions && deletions.length > 0) || (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified));
  return { patchList, deleteList: deletions, setOrderList: opts.setElementOrder && wanted ? modified : [] };
}

function isOrderSame(original: JsonValue[], modified: JsonValue[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return modified.every((m, i) => scalarEqual(mergeKeyValue(original[i]!, mergeKey), mergeKeyValue(m, mergeKey)));
}

/** Walks both lists sorted by Go `%v` text: equal → kept, only in modified → added, only in original → deleted. */
function diffListsOfScalars(original: JsonValue[], modified: JsonValue[], opts: DiffOptions): { additions: JsonValue[]; deletions: JsonValue[] } {
  const o = sortScalars(original);
  const m = sortScalars(modified);
  const additions: JsonValue[] = [];
  const deletions: JsonValue[] = [];
  let oi = 0;
  let mi = 0;
  while (oi < o.length || mi < m.length) {
    const os = oi < o.length ? goString(o[oi]!) : undefined;
    const ms = mi < m.length ? goString(m[mi]!) : undefined;
    if (os !== undefined && ms !== undefined && os === ms) {
      oi++;
      mi++;
    } else if (os === undefined || (ms !== undefined && os > ms)) {
      if (!opts.ignoreChangesAndAdditions) additions.push(m[mi]!);
      mi++;
    } else {
      if (!opts.ignoreDeletions) deletions.push(o[oi]!);
      oi++;
    }
  }
  return { additions, deletions: deduplicateScalars(deletions) };
}

/**
 * Walks both lists of maps sorted by merge key text: matching elements are diffed recursively (the merge key is
 * added to a non-empty element patch), new elements are carried whole, missing ones become delete directives.
 */
function diffListsOfMaps(original: JsonValue[], modified: JsonValue[], schema: PatchSchema, mergeKey: string, opts: DiffOptions): { patch: JsonValue[]; deletions: JsonValue[] } {
  const o = sortByMergeKey(original, mergeKey);
  const m = sortByMergeKey(modified, mergeKey);
  const patch: JsonValue[] = [];
  const deletions: JsonValue[] = [];
  let oi = 0;
  let mi = 0;
  while (oi < o.length || mi < m.length) {
    const oe = oi < o.length ? elementAt(o, oi, mergeKey) : undefined;
    const me = mi < m.length ? elementAt(m, mi, mergeKey) : undefined;
    if (oe && me && oe.text === me.text) {
      const sub = diffMaps(oe.map, me.map, schema, opts);
      if (Object.keys(sub).length > 0) {
        setKey(sub, mergeKey, me.key);
        patch.push(sub);
      }
      oi++;
      mi++;
    } else if (!oe || (me && oe.text > me.text)) {
      if (!opts.ignoreChangesAndAdditions) patch.push(me!.map);
      mi++;
    } else {
      if (!opts.ignoreDeletions) deletions.push(createDeleteDirective(mergeKey, oe.key));
      oi++;
    }
  }
  return { patch, deletions };
}

function elementAt(list: JsonValue[], i: number, mergeKey: string): { map: JsonObject; key: JsonValue; text: string } {
  const item = list[i]!;
  const key = mergeKeyValue(item, mergeKey);
  return { map: item as JsonObject, key, text: goString(key) };
}

/** A copy of a list of maps (its kind was checked by the caller) sorted by the `%v` text of each element's merge key (elements lacking it sort as "<nil>"). */
function sortByMergeKey(list: JsonValue[], mergeKey: string): JsonValue[] {
  const text = (v: JsonValue): string => goString((v as JsonObject)[mergeKey] ?? null);
  return [...list].sort((a, b) => compareStrings(text(a), text(b)));
}
