/**
 * patch: the four ways Kubernetes changes an object in place. JSON Patch (RFC 6902), JSON merge patch (RFC 7386),
 * strategic merge patch (apply, two-way and three-way creation) driven by a PatchSchema, and the PatchError they
 * all throw. Every function leaves its inputs untouched.
 */
export { PatchError, isPatchError, type PatchErrorReason } from './errors.js';
export type { JsonObject, JsonPrimitive, JsonValue } from './json.js';
export {
  MAX_JSON_PATCH_OPERATIONS,
  applyJsonPatch,
  parseJsonPatch,
  type ApplyJsonPatchOptions,
  type JsonPatchOperation,
} from './json-patch.js';
export { applyMergePatch, createMergePatch } from './merge-patch.js';
export {
  EMPTY_PATCH_SCHEMA,
  definePatchSchema,
  extendPatchSchema,
  lookupField,
  lookupPath,
  parsePatchStrategy,
  type FieldPatchMeta,
  type PatchFieldSpec,
  type PatchSchema,
  type PatchStrategy,
} from './strategic-schema.js';
export { applyStrategicMergePatch } from './strategic-apply.js';
export { createThreeWayMergePatch, createTwoWayMergePatch, type ThreeWayOptions } from './strategic-create.js';
