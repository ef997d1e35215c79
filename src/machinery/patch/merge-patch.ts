/**
 * JSON merge patch (RFC 7386), as the API server applies `application/merge-patch+json` bodies: objects merge key by
 * key, `null` deletes a key, every other value (lists included) replaces. Inputs are never mutated and results share
 * no structure with them.
 */
import { PatchError } from './errors.js';
import { deepClone, deepEqual, hasKey, isJsonObject, setKey, type JsonObject, type JsonValue } from './json.js';

/**
 * Applies `patch` to `doc` per RFC 7386 §2. A patch that is not an object replaces the document whole; a `null` patch
 * is rejected with PatchError InvalidPatch (400), as Kubernetes' JSON merge patch library rejects it.
 */
export function applyMergePatch(doc: JsonValue, patch: JsonValue): JsonValue {
  if (patch === null) throw new PatchError('InvalidPatch', 'Invalid JSON Patch');
  return merge(doc, deepClone(patch));
}

function merge(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isJsonObject(patch)) return deepClone(patch);
  const out: JsonObject = isJsonObject(target) ? deepClone(target) : {};
  for (const key of Object.keys(patch)) {
    const value = patch[key]!;
    if (value === null) {
      delete out[key];
    } else {
      setKey(out, key, merge(hasKey(out, key) ? out[key] : undefined, value));
    }
  }
  return out;
}

/**
 * The JSON merge patch that turns `original` into `modified`: keys missing from `modified` become `null`, nested
 * objects are diffed recursively, every other changed value is carried whole. `applyMergePatch(original, result)`
 * equals `modified` whenever `modified` itself holds no `null` values inside objects (RFC 7386 cannot express those).
 */
export function createMergePatch(original: JsonValue, modified: JsonValue): JsonValue {
  if (!isJsonObject(original) || !isJsonObject(modified)) return deepClone(modified);
  return diff(deepClone(original), deepClone(modified));
}

function diff(original: JsonObject, modified: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const key of Object.keys(original)) {
    if (!hasKey(modified, key)) setKey(patch, key, null);
  }
  for (const key of Object.keys(modified)) {
    const after = modified[key]!;
    if (!hasKey(original, key)) {
      setKey(patch, key, deepClone(after));
      continue;
    }
    const before = original[key]!;
    if (isJsonObject(before) && isJsonObject(after)) {
      const sub = diff(before, after);
      if (Object.keys(sub).length > 0) setKey(patch, key, sub);
    } else if (!deepEqual(before, after)) {
      setKey(patch, key, deepClone(after));
    }
  }
  return patch;
}
