/**
 * Server-side apply of one configuration, with managedFields bookkeeping, as Kubernetes' field manager performs it
 * (`FieldManager.Apply` through the default manager stack). Pure: the caller supplies the live object, the time and
 * the schema, and stores the result.
 */
import { badRequest } from '../errors.js';
import {
  contextFor,
  managerId,
  recordBeforeFirstApply,
  setManagedFields,
  stripMeta,
  withoutManagedFields,
  type WriterIdentity,
} from './bookkeeping.js';
import { ManagedFieldsError } from './errors.js';
import type { FieldPathSet } from './field-path-set.js';
import { copyValue, isJsonObject, valueEquals, type JsonObject } from './go-json.js';
import { updateLastApplied, withLastAppliedConflicts } from './last-applied.js';
import {
  borrowManagedFields,
  emptyManaged,
  encodeManagedFields,
  formatTime,
  type ManagedFieldsEntry,
} from './managed-fields.js';
import { TypeCursor, type ApplySchema } from './schema.js';
import { applyConfiguration } from './updater.js';

export interface ApplyObjectOptions {
  /** The stored object, or null when the apply creates it. */
  readonly live: JsonObject | null;
  /** The applied configuration (a partial object with apiVersion and kind). */
  readonly applied: JsonObject;
  /** The field manager (`?fieldManager=`); empty means `unknown`. */
  readonly manager: string;
  /** `?force=true`: take conflicting fields over instead of failing. */
  readonly force?: boolean;
  readonly schema: ApplySchema;
  /** The group/version of the endpoint, e.g. `apps/v1`; the configuration must be in it. */
  readonly apiVersion: string;
  /** The kind of the endpoint; when given, the configuration's kind must match. */
  readonly kind?: string;
  /** The subresource applied to (`status`, `scale`), recorded in the entry. */
  readonly subresource?: string;
  /** Epoch milliseconds (`clock.now()`), stamped at second precision. */
  readonly now: number;
  /** Fields the resource's strategy resets for this endpoint (e.g. `[['status']]`): never owned, never conflicting. */
  readonly resetFields?: FieldPathSet | readonly (readonly string[])[];
}

export interface ApplyObjectResult {
  /** The object to store, with `metadata.managedFields` set (or removed when no manager is left). */
  readonly object: JsonObject;
  readonly managedFields: ManagedFieldsEntry[] | undefined;
  /** False when the apply changed nothing but (possibly) managedFields. */
  readonly changed: boolean;
}

function managedFieldsOf(obj: JsonObject): unknown {
  const meta = obj['metadata'];
  return isJsonObject(meta) ? meta['managedFields'] : undefined;
}

/**
 * Applies `applied` over `live` for `manager`.
 *
 * Guarantees: fields the configuration sets take its values; fields the manager applied before and no longer
 * applies are removed unless another manager owns them; with `force` false, changing a field another manager owns
 * throws ApplyConflictError (409) naming every such field and manager, while setting an owned field to the value it
 * already has makes the ownership shared. The first apply to an object whose managedFields are empty records the
 * object's existing fields under `before-first-apply`.
 *
 * Throws ApiError BadRequest for a configuration of the wrong version/kind or carrying managedFields,
 * ManagedFieldsError when the live managedFields cannot be decoded, ApplyObjectError when the configuration does not
 * fit the schema (e.g. duplicate list keys).
 */
export function applyObject(options: ApplyObjectOptions): ApplyObjectResult {
  const { applied, apiVersion } = options;
  const appliedVersion = typeof applied['apiVersion'] === 'string' ? applied['apiVersion'] : '';
  const appliedKind = typeof applied['kind'] === 'string' ? applied['kind'] : '';
  if (appliedVersion !== apiVersion || (options.kind !== undefined && appliedKind !== options.kind)) {
    throw badRequest(`invalid object type: ${appliedVersion}, Kind=${appliedKind}`);
  }
  const appliedManaged = managedFieldsOf(applied);
  if (appliedManaged !== undefined && appliedManaged !== null) throw badRequest('metadata.managedFields must be nil');

  const cursor = new TypeCursor(options.schema);
  const ctx = contextFor(cursor, options.resetFields);
  const who: WriterIdentity = { manager: options.manager, apiVersion, subresource: options.subresource ?? '' };
  const id = managerId(who, 'Apply');
  const live = options.live ? withoutManagedFields(options.live) : {};

  let managed = emptyManaged();
  if (options.live) {
    const entries = managedFieldsOf(options.live);
    try {
      managed = borrowManagedFields(Array.isArray(entries) ? (entries as ManagedFieldsEntry[]) : []);
    } catch (err) {
      if (err instanceof ManagedFieldsError) throw new ManagedFieldsError(`failed to decode managed fields: ${err.message}`);
      throw err;
    }
  }
  if (options.live && managed.fields.size === 0) managed = recordBeforeFirstApply(live, managed, { who, now: options.now, ctx });

  const result = withLastAppliedConflicts(
    { manager: options.manager, live: options.live ? live : null, apiVersion, cursor },
    (force) => applyConfiguration(live, applied, managed, { manager: id, apiVersion, force, ctx }),
    options.force ?? false,
  );

  const out = result.managed;
  stripMeta(out, id);
  if (result.object !== null) out.times.set(id, formatTime(options.now));
  const object = result.object ?? copyValue(live);
  updateLastApplied(object, applied, options.manager);
  const changed = result.object !== null || !valueEquals(live, object);
  const managedFields = encodeManagedFields(out);
  setManagedFields(object, managedFields);
  return { object, managedFields, changed };
}
