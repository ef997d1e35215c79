/**
 * Typed errors of the apply module. Conflicts are ApiErrors (409) and live in conflict.ts; the errors here are the
 * ones Kubernetes reports as plain errors (the API server turns them into a 500 InternalError).
 */

/** A FieldsV1 document that cannot be decoded (not an object, a malformed `k:`/`v:`/`i:` key, ...). */
export class FieldsV1Error extends Error {
  override readonly name = 'FieldsV1Error';
}

/** A managedFields entry that cannot be decoded (bad operation, empty apiVersion, wrong fieldsType, bad FieldsV1). */
export class ManagedFieldsError extends Error {
  override readonly name = 'ManagedFieldsError';
}

/**
 * An object that does not fit its apply schema: duplicate keys in an applied list, a list-map item without its key
 * fields, a non-map item in a list of maps. Worded like SMD's typed-value errors.
 */
export class ApplyObjectError extends Error {
  override readonly name = 'ApplyObjectError';
}

export function isFieldsV1Error(err: unknown): err is FieldsV1Error {
  return err instanceof FieldsV1Error;
}

export function isManagedFieldsError(err: unknown): err is ManagedFieldsError {
  return err instanceof ManagedFieldsError;
}

export function isApplyObjectError(err: unknown): err is ApplyObjectError {
  return err instanceof ApplyObjectError;
}
