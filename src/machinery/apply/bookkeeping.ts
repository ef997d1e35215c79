/**
 * The field manager's bookkeeping layers around the Updater, as Kubernetes stacks them
 * (`NewDefaultFieldManager`): strip metadata from the writer's set, stamp times, record the fields an untracked
 * object already had under `before-first-apply`, and cap the number of Update entries.
 */
import { FieldPathSet } from './field-path-set.js';
import { compareGoStrings, copyValue, isJsonObject, setOwn, type JsonObject } from './go-json.js';
import { buildManagerIdentifier, formatTime, type Managed, type ManagedFieldsEntry } from './managed-fields.js';
import { fieldPath, type FieldPath } from './path.js';
import type { TypeCursor } from './schema.js';
import { updateOwnership, type UpdaterContext } from './updater.js';

/** Kubernetes' DefaultMaxUpdateManagers: more Update entries than this are merged into `ancient-changes` buckets. */
export const DEFAULT_MAX_UPDATE_MANAGERS = 10;

/** The manager that takes the fields an object had before its managedFields were first tracked. */
export const BEFORE_FIRST_APPLY_MANAGER = 'before-first-apply';

const ANCIENT_CHANGES_MANAGER = 'ancient-changes';

/**
 * Fields never tracked (Kubernetes' `stripMetaManager`): type meta, `metadata` itself, and the system-owned metadata
 * fields. The difference is not recursive, so `metadata.labels` etc. stay tracked.
 */
export const STRIPPED_FIELDS: FieldPathSet = FieldPathSet.fromPaths(
  [
    ['apiVersion'],
    ['kind'],
    ['metadata'],
    ['metadata', 'name'],
    ['metadata', 'namespace'],
    ['metadata', 'creationTimestamp'],
    ['metadata', 'selfLink'],
    ['metadata', 'uid'],
    ['metadata', 'clusterName'],
    ['metadata', 'generation'],
    ['metadata', 'managedFields'],
    ['metadata', 'resourceVersion'],
  ].map((p): FieldPath => fieldPath(...p)),
);

/** Removes the stripped fields from one manager's set; drops the manager when nothing is left. */
export function stripMeta(managed: Managed, id: string): void {
  const vs = managed.fields.get(id);
  if (!vs) return;
  const set = vs.set.difference(STRIPPED_FIELDS);
  if (set.isEmpty()) managed.fields.delete(id);
  else managed.fields.set(id, { ...vs, set });
}

export interface WriterIdentity {
  readonly manager: string;
  readonly apiVersion: string;
  readonly subresource: string;
}

/** Kubernetes' buildManagerInfo: an empty manager name becomes `unknown`. */
export function managerId(who: WriterIdentity, operation: 'Apply' | 'Update'): string {
  return buildManagerIdentifier({ manager: who.manager || 'unknown', operation, apiVersion: who.apiVersion, subresource: who.subresource });
}

/**
 * A non-apply write through the lower layers (managedFieldsUpdater → stripMeta → Updater): the change is computed
 * for a temporary "current operation" and, if it owns anything, merged into the writer's entry with time `now`.
 */
export function trackedUpdate(
  live: JsonObject,
  next: JsonObject,
  managed: Managed,
  opts: { who: WriterIdentity; now: number; ctx: UpdaterContext },
): Managed {
  const self = 'current-operation';
  const out = updateOwnership(live, next, managed, { manager: self, apiVersion: opts.who.apiVersion, ctx: opts.ctx });
  stripMeta(out, self);
  const mine = out.fields.get(self);
  if (mine) {
    out.fields.delete(self);
    const id = managerId(opts.who, 'Update');
    const previous = out.fields.get(id);
    out.fields.set(id, { ...mine, set: previous ? mine.set.union(previous.set) : mine.set });
    out.times.set(id, formatTime(opts.now));
  }
  return out;
}

/** The live object's fields before its first apply go to `before-first-apply` (an Update from the empty object). */
export function recordBeforeFirstApply(
  live: JsonObject,
  managed: Managed,
  opts: { who: WriterIdentity; now: number; ctx: UpdaterContext },
): Managed {
  const who = { ...opts.who, manager: BEFORE_FIRST_APPLY_MANAGER };
  return trackedUpdate(opts.ctx.cursor.frozenEmptyObject(), live, managed, { ...opts, who });
}

function seconds(t: string | undefined): number {
  const ms = t === undefined ? NaN : Date.parse(t);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

/**
 * Keeps at most `max` Update entries: the oldest are merged, per apiVersion, into an `ancient-changes` entry carrying
 * the time of the newest entry merged into it (Kubernetes' capManagersManager).
 */
export function capUpdateManagers(managed: Managed, max: number): void {
  const updaters = [...managed.fields].filter(([, vs]) => !vs.applied).map(([id]) => id);
  if (updaters.length <= max) return;
  updaters.sort((a, b) => seconds(managed.times.get(a)) - seconds(managed.times.get(b)) || compareGoStrings(a, b));
  const firstOfVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > max; i++) {
    const id = updaters[i]!;
    const vs = managed.fields.get(id);
    if (!vs) continue;
    const time = managed.times.get(id);
    const bucket = buildManagerIdentifier({ manager: ANCIENT_CHANGES_MANAGER, operation: 'Update', apiVersion: vs.apiVersion });
    const first = firstOfVersion.get(vs.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(vs.apiVersion, id);
      continue;
    }
    if (!managed.fields.has(bucket)) {
      managed.fields.set(bucket, managed.fields.get(first)!);
      managed.fields.delete(first);
    }
    managed.fields.set(bucket, { ...vs, set: vs.set.union(managed.fields.get(bucket)!.set) });
    managed.fields.delete(id);
    length--;
    managed.times.set(bucket, time);
  }
}

/** A copy of `obj` without `metadata.managedFields`. */
export function withoutManagedFields(obj: JsonObject): JsonObject {
  const out = copyValue(obj);
  const meta = out['metadata'];
  if (isJsonObject(meta)) delete meta['managedFields'];
  return out;
}

/**
 * `obj` as it reads without `metadata.managedFields`, for reading only: `obj` itself when it has none, else a shallow
 * copy of it and of its metadata (same key order) that shares everything else with `obj`.
 */
export function withoutManagedFieldsView(obj: JsonObject): JsonObject {
  const meta = obj['metadata'];
  if (!isJsonObject(meta) || !Object.prototype.hasOwnProperty.call(meta, 'managedFields')) return obj;
  const { managedFields: _dropped, ...rest } = meta;
  return { ...obj, metadata: rest };
}

/** Writes the entries into `obj.metadata.managedFields` (removing the field when there are none). Mutates `obj`. */
export function setManagedFields(obj: JsonObject, entries: ManagedFieldsEntry[] | undefined): void {
  let meta = obj['metadata'];
  if (!isJsonObject(meta)) {
    if (!entries) return;
    meta = {};
    setOwn(obj, 'metadata', meta);
  }
  if (entries) setOwn(meta, 'managedFields', entries as unknown as JsonObject[]);
  else delete meta['managedFields'];
}

/** Turns reset-field paths into a set. */
export function resetFieldSet(reset: FieldPathSet | readonly (readonly string[])[] | undefined): FieldPathSet {
  if (!reset) return FieldPathSet.empty();
  if (reset instanceof FieldPathSet) return reset;
  return FieldPathSet.fromPaths(reset.map((p) => fieldPath(...p)));
}

export function contextFor(cursor: TypeCursor, reset: FieldPathSet | readonly (readonly string[])[] | undefined): UpdaterContext {
  return { cursor, ignore: resetFieldSet(reset) };
}
