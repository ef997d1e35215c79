/**
 * The structured-merge-diff `merge.Updater`: ownership bookkeeping for one write, over a Managed map keyed by manager
 * identifier. `updateOwnership` is used for create/update/patch (the writer takes every field it changed), and
 * `applyConfiguration` for server-side apply (merge, prune what the applier stopped applying, detect conflicts).
 *
 * All managers are assumed to speak field paths that are valid in the current version (skiff converts no versions).
 */
import { conflictsFromManagers, ApplyConflictError } from './conflict.js';
import { compareIgnoring, type Comparison } from './compare.js';
import { FieldPathSet } from './field-path-set.js';
import { valueEquals, type JsonObject } from './go-json.js';
import { copyManaged, type Managed } from './managed-fields.js';
import { mergeObjects, removeItems } from './merge.js';
import type { TypeCursor } from './schema.js';
import { ensureNamedFieldsAreMembers, toFieldSet } from './to-field-set.js';

export interface UpdaterContext {
  readonly cursor: TypeCursor;
  /** Fields the strategy resets (e.g. `status` on the main resource): never owned, never conflicting. */
  readonly ignore: FieldPathSet;
}

function filter(set: FieldPathSet, ctx: UpdaterContext): FieldPathSet {
  return ctx.ignore.isEmpty() ? set : set.recursiveDifference(ctx.ignore);
}

/** The comparison without the ignored fields (walked once, never collected). */
function filteredComparison(live: JsonObject, next: JsonObject, ctx: UpdaterContext): Comparison {
  return compareIgnoring(live, next, ctx.cursor, ctx.ignore);
}

/**
 * Takes changed fields away from every manager but `workflow`: fields modified or added are conflicts (thrown as
 * ApplyConflictError unless `force`), fields removed are simply dropped. Managers left with nothing are deleted.
 */
function reassign(live: JsonObject, next: JsonObject, managed: Managed, workflow: string, force: boolean, ctx: UpdaterContext): Comparison {
  const compare = filteredComparison(live, next, ctx);
  const conflicts = new Map<string, FieldPathSet>();
  // Nothing to take away when the writer is the only manager.
  const others = [...managed.fields.keys()].some((id) => id !== workflow);
  const changed = others ? compare.modified.union(compare.added) : FieldPathSet.empty();
  for (const [id, vs] of managed.fields) {
    if (id === workflow) continue;
    const c = vs.set.intersection(changed);
    if (!c.isEmpty()) conflicts.set(id, c);
  }
  if (!force && conflicts.size > 0) throw new ApplyConflictError(conflictsFromManagers(conflicts));
  for (const [id, vs] of managed.fields) {
    if (id === workflow) continue;
    let set = vs.set;
    const c = conflicts.get(id);
    if (c) set = set.difference(c);
    if (!compare.removed.isEmpty()) set = set.difference(compare.removed);
    if (set !== vs.set) managed.fields.set(id, { ...vs, set });
  }
  for (const [id, vs] of managed.fields) if (vs.set.isEmpty()) managed.fields.delete(id);
  return compare;
}

/**
 * Ownership after a non-apply write of `next` over `live` by `manager`: the manager gets every added or modified
 * field (others lose them) and loses what was removed. Returns a new Managed; the input is not modified.
 */
export function updateOwnership(
  live: JsonObject,
  next: JsonObject,
  managedIn: Managed,
  opts: { manager: string; apiVersion: string; ctx: UpdaterContext },
): Managed {
  const managed = copyManaged(managedIn);
  const compare = reassign(live, next, managed, opts.manager, true, opts.ctx);
  const previous = managed.fields.get(opts.manager)?.set ?? FieldPathSet.empty();
  const set = filter(previous.difference(compare.removed).union(compare.modified).union(compare.added), opts.ctx);
  if (set.isEmpty()) managed.fields.delete(opts.manager);
  else managed.fields.set(opts.manager, { set, apiVersion: opts.apiVersion, applied: false });
  return managed;
}

export interface ApplyResult {
  /** The merged object, or null when applying changed nothing. */
  readonly object: JsonObject | null;
  readonly managed: Managed;
}

/**
 * Server-side apply of `config` over `live` by `manager`: merges, records the applier's new field set, prunes fields
 * the applier owned last time and no longer applies (unless someone else owns them), and reassigns ownership.
 * Throws ApplyConflictError when, without `force`, the result changes fields other managers own.
 */
export function applyConfiguration(
  live: JsonObject,
  config: JsonObject,
  managedIn: Managed,
  opts: { manager: string; apiVersion: string; force: boolean; ctx: UpdaterContext },
): ApplyResult {
  const { ctx } = opts;
  const managed = copyManaged(managedIn);
  const merged = mergeObjects(live, config, ctx.cursor);
  const lastSet = managed.fields.get(opts.manager)?.set;
  const set = filter(toFieldSet(config, ctx.cursor), ctx);
  managed.fields.set(opts.manager, { set, apiVersion: opts.apiVersion, applied: true });
  const next = prune(merged, managed, lastSet, ctx);
  reassign(live, next, managed, opts.manager, opts.force, ctx);
  return { object: valueEquals(live, next) ? null : next, managed };
}

/**
 * Removes a field, list or map item iff the applier applied it last time, does not apply it now, and no manager
 * (including the applier's new configuration) owns it. SMD's prune → addBackOwnedItems → addBackDanglingItems.
 */
function prune(merged: JsonObject, managed: Managed, lastSet: FieldPathSet | undefined, ctx: UpdaterContext): JsonObject {
  if (!lastSet || lastSet.isEmpty()) return merged;
  const { cursor } = ctx;
  const named = (s: FieldPathSet) => ensureNamedFieldsAreMembers(s, cursor);
  const fieldsOf = (o: JsonObject) => named(toFieldSet(o, cursor, { allowDuplicates: true }));

  const last = named(lastSet);
  const pruned = removeItems(merged, last, cursor);

  let owned = FieldPathSet.empty();
  for (const vs of managed.fields.values()) owned = owned.union(vs.set);
  const mergedSet = fieldsOf(merged);
  const ownedBack = removeItems(merged, mergedSet.difference(fieldsOf(pruned).union(named(owned))), cursor);

  return removeItems(merged, mergedSet.difference(fieldsOf(ownedBack)).intersection(last), cursor);
}
