/**
 * Conflict detection for the three-way merge patch (Kubernetes' MergingMapsHaveConflicts): two patches conflict when
 * they set the same key to different values, one replaces or deletes a map the other edits key by key, or they
 * disagree on a non-merging list. Merging lists of primitives never conflict; merging lists of maps are compared
 * element by element through their merge keys.
 */
import { PatchError } from './errors.js';
import { deepEqual, goString, hasKey, isJsonObject, kindOf, type JsonObject, type JsonValue } from './json.js';
import {
  DIRECTIVE_MARKER,
  MERGE_DIRECTIVE,
  REPLACE_DIRECTIVE,
  RETAIN_KEYS_DIRECTIVE,
  deduplicateScalars,
  sliceElementKind,
  sortScalars,
} from './strategic-directives.js';
import { EMPTY_PATCH_SCHEMA, lookupField, type PatchSchema, type PatchStrategy } from './strategic-schema.js';

/** True when applying `left` and `right` in either order could give different results. */
export function mergingMapsHaveConflicts(left: JsonObject, right: JsonObject, schema: PatchSchema): boolean {
  return fieldsHaveConflicts(left, right, { schema });
}

interface FieldMeta {
  readonly schema: PatchSchema;
  readonly strategy?: PatchStrategy;
  readonly mergeKey?: string;
}

function fieldsHaveConflicts(left: JsonValue, right: JsonValue | undefined, meta: FieldMeta): boolean {
  if (right === undefined) return true;
  if (isJsonObject(left)) {
    if (!isJsonObject(right)) return true;
    const l = hasKey(left, DIRECTIVE_MARKER);
    const r = hasKey(right, DIRECTIVE_MARKER);
    if ((l || r) && (l !== r || left[DIRECTIVE_MARKER] !== right[DIRECTIVE_MARKER])) return true;
    if (meta.strategy === REPLACE_DIRECTIVE) return false;
    return mapsHaveConflicts(left, right, meta.schema);
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right)) return true;
    return slicesHaveConflicts(left, right, meta);
  }
  return !deepEqual(left, right);
}

function mapsHaveConflicts(left: JsonObject, right: JsonObject, schema: PatchSchema): boolean {
  for (const key of Object.keys(left)) {
    if (key === DIRECTIVE_MARKER || key === RETAIN_KEYS_DIRECTIVE || !hasKey(right, key)) continue;
    const leftValue = left[key]!;
    const kind = kindOf(leftValue);
    const meta: FieldMeta = kind === 'map' || kind === 'list' ? lookupField(schema, key) : { schema: EMPTY_PATCH_SCHEMA };
    if (fieldsHaveConflicts(leftValue, right[key], meta)) return true;
  }
  return false;
}

function slicesHaveConflicts(left: JsonValue[], right: JsonValue[], meta: FieldMeta): boolean {
  const kind = sliceElementKind(left, right);
  if (meta.strategy === MERGE_DIRECTIVE) {
    if (kind !== 'map') return false;
    const l = byMergeKey(left, meta.mergeKey ?? '');
    const r = byMergeKey(right, meta.mergeKey ?? '');
    for (const [k, v] of l) {
      if (r.has(k) && fieldsHaveConflicts(v, r.get(k), { schema: meta.schema })) return true;
    }
    return false;
  }
  if (left.length !== right.length) return true;
  const l = kind === 'map' ? left : sortScalars(deduplicateScalars(left));
  const r = kind === 'map' ? right : sortScalars(deduplicateScalars(right));
  return l.some((v, i) => fieldsHaveConflicts(v, r[i], { schema: meta.schema }));
}

function byMergeKey(list: JsonValue[], mergeKey: string): Map<string, JsonValue> {
  const out = new Map<string, JsonValue>();
  for (const v of list) {
    if (!isJsonObject(v)) throw new PatchError('MergeFailed', `invalid element type in merging list:${goString(list)}`);
    if (!hasKey(v, mergeKey)) {
      throw new PatchError('MissingMergeKey', `cannot find merge key \`${mergeKey}\` in merging list element:${goString(v)}`);
    }
    out.set(goString(v[mergeKey]!), v);
  }
  return out;
}
