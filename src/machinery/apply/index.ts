/**
 * Server-side apply and managedFields tracking (structured-merge-diff + the apiserver field manager), pure.
 *
 *  - applyObject: apply a configuration over a live object, with conflicts and managedFields.
 *  - updateManagedFields: managedFields after a create/update/patch (computeManagedFields: the entries alone).
 *  - FieldPathSet and the FieldsV1 codec; ApplySchema (how lists and maps merge) and the built-in table.
 */
export { applyObject, type ApplyObjectOptions, type ApplyObjectResult } from './apply.js';
export {
  computeManagedFields,
  updateManagedFields,
  type ManagedFieldsResult,
  type UpdateManagedFieldsOptions,
  type UpdateManagedFieldsResult,
} from './update.js';
export {
  BEFORE_FIRST_APPLY_MANAGER,
  DEFAULT_MAX_UPDATE_MANAGERS,
  STRIPPED_FIELDS,
  setManagedFields,
} from './bookkeeping.js';
export { ApplyConflictError, isApplyConflict, describeManager, type ApplyConflict } from './conflict.js';
export {
  ApplyObjectError,
  FieldsV1Error,
  ManagedFieldsError,
  isApplyObjectError,
  isFieldsV1Error,
  isManagedFieldsError,
} from './errors.js';
export { FieldPathSet } from './field-path-set.js';
export { fieldSetFromFieldsV1, fieldSetToFieldsV1, fieldSetToJson, type FieldsV1 } from './fields-v1.js';
export {
  comparePathElements,
  fieldElement,
  fieldPath,
  indexElement,
  keyElement,
  pathToString,
  valueElement,
  type FieldPath,
  type KeyField,
  type PathElement,
} from './path.js';
export {
  applySchemaFromTable,
  deducedApplySchema,
  type ApplySchema,
  type ApplySchemaTable,
  type ApplyTypeInfo,
  type ListType,
  type MapKind,
  type MapType,
  type TableSchemaOptions,
} from './schema.js';
export { BUILTIN_APPLY_SCHEMA_TABLES, BUILTIN_EMPTY_OBJECTS, builtinApplySchema } from './builtin-apply-schema.js';
export { testApplySchema } from './test-schema.js';
export { toFieldSet, type ToFieldSetOptions } from './to-field-set.js';
export { compareObjects, type Comparison } from './compare.js';
export {
  buildManagerIdentifier,
  decodeManagedFields,
  encodeManagedFields,
  formatTime,
  type ManagedFieldsEntry,
  type ManagedFieldsOperation,
} from './managed-fields.js';
export { KUBECTL_MANAGER, LAST_APPLIED_CONFIG_ANNOTATION } from './last-applied.js';
