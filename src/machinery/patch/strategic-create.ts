/**
 * Creating strategic merge patches, as kubectl does: the two-way patch (`kubectl patch`-style diff of two versions)
 * and the three-way patch `kubectl apply` sends (last-applied configuration, new configuration, live object).
 * Results have their keys in lexical order (as Go's encoding/json writes them) and share nothing with the inputs.
 */
import { stringify } from 'yaml';
import { PatchError } from './errors.js';
import { deepClone, isJsonObject, sortKeysDeep, type JsonObject } from './json.js';
import { mergingMapsHaveConflicts } from './strategic-conflicts.js';
import { diffMaps } from './strategic-diff.js';
import { errBadJsonDoc } from './strategic-directives.js';
import { PATCH_MERGE_OPTIONS, mergeMap } from './strategic-merge.js';
import type { PatchSchema } from './strategic-schema.js';

/**
 * The patch that turns `original` into `modified` (Kubernetes' CreateTwoWayMergePatch, with `$setElementOrder`
 * lists): `applyStrategicMergePatch(original, result, schema)` yields `modified`, except that `null`s inside
 * `modified` are dropped.
 */
export function createTwoWayMergePatch(original: JsonObject, modified: JsonObject, schema: PatchSchema): JsonObject {
  return sortKeysDeep(diffMaps(own(original), own(modified), schema, { setElementOrder: true }));
}

export interface ThreeWayOptions {
  /** When false, a change in `modified` that collides with a change made to the live object since `original` throws
   * PatchError Conflict. kubectl apply passes true. */
  overwrite: boolean;
}

/**
 * kubectl apply's patch (Kubernetes' CreateThreeWayMergePatch): the difference from `current` (live) to `modified`
 * (new configuration) without deletions, plus the deletions from `original` (last-applied configuration) to
 * `modified`. Fields set on the live object by others and never in the configuration are left alone.
 * Without `overwrite`, throws PatchError Conflict when the patch and the live changes disagree.
 */
export function createThreeWayMergePatch(
  original: JsonObject | null,
  modified: JsonObject,
  current: JsonObject,
  schema: PatchSchema,
  options: ThreeWayOptions,
): JsonObject {
  const o = own(original ?? {});
  const m = own(modified);
  const c = own(current);
  const delta = diffMaps(c, m, schema, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(o, m, schema, { setElementOrder: true, ignoreChangesAndAdditions: true });
  const patch = mergeMap(deletions, delta, schema, PATCH_MERGE_OPTIONS);

  if (!options.overwrite) {
    const changed = diffMaps(o, c, schema, {});
    if (mergingMapsHaveConflicts(patch, changed, schema)) {
      throw new PatchError(
        'Conflict',
        `patch:\n${stringify(sortKeysDeep(patch))}\nconflicts with changes made from original to current:\n${stringify(sortKeysDeep(changed))}\n`,
      );
    }
  }
  return sortKeysDeep(patch);
}

/** A private deep copy of a document; the diff and merge steps alias and rewrite it. */
function own(doc: JsonObject): JsonObject {
  if (!isJsonObject(doc)) throw errBadJsonDoc();
  return deepClone(doc);
}
