/**
 * managedFields for non-apply writes (create, update, patch), as Kubernetes' `FieldManager.UpdateNoErrors` computes
 * them through the default manager stack.
 */
import {
  capUpdateManagers,
  contextFor,
  DEFAULT_MAX_UPDATE_MANAGERS,
  setManagedFields,
  trackedUpdate,
  withoutManagedFields,
  withoutManagedFieldsView,
  type WriterIdentity,
} from './bookkeeping.js';
import { isApplyObjectError, isManagedFieldsError } from './errors.js';
import type { FieldPathSet } from './field-path-set.js';
import { isJsonObject, type JsonObject } from './go-json.js';
import {
  borrowManagedFields,
  emptyManaged,
  encodeManagedFields,
  isResetManagedFields,
  type Managed,
  type ManagedFieldsEntry,
} from './managed-fields.js';
import { TypeCursor, type ApplySchema } from './schema.js';

export interface UpdateManagedFieldsOptions {
  /** The stored object, or null for a create. */
  readonly old: JsonObject | null;
  /** The object about to be stored (after admission and defaulting); its managedFields are the request's. */
  readonly updated: JsonObject;
  /** The field manager (`?fieldManager=`, else the user agent's program name); empty means `unknown`. */
  readonly manager: string;
  /** Always Update here (applies go through applyObject); accepted for symmetry with managedFields entries. */
  readonly operation?: 'Update';
  /** Set for writes to a subresource (`status`, `scale`): the request's managedFields are then ignored. */
  readonly subresource?: string;
  readonly schema: ApplySchema;
  /** The group/version of the endpoint, e.g. `apps/v1`. */
  readonly apiVersion: string;
  /** Epoch milliseconds (`clock.now()`), stamped at second precision. */
  readonly now: number;
  /** Fields the resource's strategy resets for this endpoint (e.g. `[['status']]`, or `[['spec']]` for status). */
  readonly resetFields?: FieldPathSet | readonly (readonly string[])[];
  /** Default DEFAULT_MAX_UPDATE_MANAGERS (10). */
  readonly maxUpdateManagers?: number;
}

export interface UpdateManagedFieldsResult {
  /** A copy of `updated` with `metadata.managedFields` set, or removed when nothing is tracked. */
  readonly object: JsonObject;
  readonly managedFields: ManagedFieldsEntry[] | undefined;
  /**
   * Set when the objects did not fit the schema; the old object's managedFields were kept instead (Kubernetes'
   * UpdateNoErrors never fails a write over managedFields).
   */
  readonly error?: Error;
}

function entriesOf(obj: JsonObject | null): ManagedFieldsEntry[] | null | undefined {
  if (!obj) return undefined;
  const meta = obj['metadata'];
  if (!isJsonObject(meta)) return undefined;
  const mf = meta['managedFields'];
  if (mf === null) return null;
  return Array.isArray(mf) ? (mf as unknown as ManagedFieldsEntry[]) : undefined;
}

function decodeOrEmpty(entries: ManagedFieldsEntry[] | null | undefined): Managed {
  try {
    return borrowManagedFields(entries ?? []);
  } catch (err) {
    if (isManagedFieldsError(err)) return emptyManaged();
    throw err;
  }
}

/**
 * The managedFields to start from (Kubernetes' decodeLiveOrNew): the live ones for a subresource; none when the
 * request resets them (`[]` or `[{}]`); the request's when they decode and are non-empty; otherwise the live ones.
 */
function startingManaged(old: JsonObject | null, updated: JsonObject, isSubresource: boolean): Managed {
  if (isSubresource) return decodeOrEmpty(entriesOf(old));
  const requested = entriesOf(updated);
  if (isResetManagedFields(requested)) return emptyManaged();
  if (requested) {
    try {
      const m = borrowManagedFields(requested);
      if (m.fields.size > 0) return m;
    } catch (err) {
      if (!isManagedFieldsError(err)) throw err;
    }
  }
  return decodeOrEmpty(entriesOf(old));
}

/** What `computeManagedFields` gives: the managedFields alone, without a copy of the object. */
export interface ManagedFieldsResult {
  /** The entries to store in `metadata.managedFields`; undefined when nothing is tracked (the field is omitted). */
  readonly managedFields: ManagedFieldsEntry[] | undefined;
  /** As UpdateManagedFieldsResult.error (the old object's entries are then returned, as they are). */
  readonly error?: Error;
}

/**
 * The managedFields `updateManagedFields` would set, without copying the object: what a caller that stores
 * `updated` itself needs. Same guarantees; neither input is modified, and the entries share nothing with the inputs
 * except in the error case (the old object's own entries).
 */
export function computeManagedFields(options: UpdateManagedFieldsOptions): ManagedFieldsResult {
  const isSubresource = Boolean(options.subresource);
  const cursor = new TypeCursor(options.schema);
  const managed = startingManaged(options.old, options.updated, isSubresource);

  if (managed.fields.size === 0 && options.old !== null) return { managedFields: undefined };

  const next = withoutManagedFieldsView(options.updated);
  const live = options.old ? withoutManagedFieldsView(options.old) : cursor.frozenEmptyObject();
  const who: WriterIdentity = { manager: options.manager, apiVersion: options.apiVersion, subresource: options.subresource ?? '' };
  let out: Managed;
  try {
    out = trackedUpdate(live, next, managed, { who, now: options.now, ctx: contextFor(cursor, options.resetFields) });
  } catch (err) {
    if (!isApplyObjectError(err)) throw err;
    return { managedFields: entriesOf(options.old) ?? undefined, error: err };
  }
  capUpdateManagers(out, options.maxUpdateManagers ?? DEFAULT_MAX_UPDATE_MANAGERS);
  return { managedFields: encodeManagedFields(out) };
}

/**
 * Computes the managedFields of `updated` written by `manager` with operation Update.
 *
 * Guarantees: every field the write adds or changes is owned by this manager's Update entry (manager + apiVersion +
 * subresource) and by no other manager; removed fields are owned by nobody; managers left without fields are
 * dropped; the entry's time is `now` only when the write changed something it now owns; reset fields and the
 * stripped metadata fields are never owned. An update of an object with no managedFields (or one resetting them)
 * leaves it untracked; a create is always tracked. More than `maxUpdateManagers` Update entries are merged into
 * `ancient-changes` buckets.
 */
export function updateManagedFields(options: UpdateManagedFieldsOptions): UpdateManagedFieldsResult {
  const r = computeManagedFields(options);
  const object = withoutManagedFields(options.updated);
  setManagedFields(object, r.managedFields);
  return r.error ? { object, managedFields: r.managedFields, error: r.error } : { object, managedFields: r.managedFields };
}
