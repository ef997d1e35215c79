/**
 * Applying a strategic merge patch (`application/strategic-merge-patch+json`), as Kubernetes'
 * StrategicMergePatchUsingLookupPatchMeta does: maps merge key by key, `null` deletes, lists whose field has the
 * `merge` strategy merge (maps by merge key, primitives as a set), other lists are replaced whole, and the directives
 * `$patch`, `$retainKeys`, `$setElementOrder/<list>` and `$deleteFromPrimitiveList/<list>` are executed. Fields the
 * schema does not know merge as in a JSON merge patch.
 */
import { PatchError } from './errors.js';
import { deepClone, isJsonObject, type JsonObject } from './json.js';
import { errBadJsonDoc, stripDirectiveKeys } from './strategic-directives.js';
import { APPLY_OPTIONS, mergeMap } from './strategic-merge.js';
import type { PatchSchema } from './strategic-schema.js';

/**
 * Applies `patch` to `original` under `schema` and returns the result. Neither input is mutated and the result shares
 * no structure with them. Directive keys that Kubernetes leaves in values it stores verbatim (a `$retainKeys` inside
 * a newly added element, say) are removed from the result, as Kubernetes' decoding into typed objects removes them. Throws PatchError: InvalidDocument / InvalidPatch when an input is not a JSON object,
 * otherwise the reason of the failing step (see errors.ts for the HTTP codes Kubernetes uses).
 */
export function applyStrategicMergePatch(original: JsonObject, patch: JsonObject, schema: PatchSchema): JsonObject {
  if (!isJsonObject(original)) throw errBadJsonDoc();
  if (!isJsonObject(patch)) throw new PatchError('InvalidPatch', 'invalid JSON document');
  const result = mergeMap(deepClone(original), deepClone(patch), schema, APPLY_OPTIONS);
  stripDirectiveKeys(result);
  return result;
}
