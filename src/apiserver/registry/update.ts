/**
 * Updates (PUT, PATCH, status writes, server-side apply) through one optimistic-concurrency loop, Kubernetes'
 * GuaranteedUpdate: read the stored object, compute the new one, and write it only if nothing changed in between;
 * on a lost race, recompute — unless the client pinned a resourceVersion, which yields 409 Conflict.
 *
 * An update that leaves an object being deleted with no finalizers and no grace period deletes it (as Kubernetes
 * does when the last finalizer is removed).
 */
import type { KubeObject } from '../../api/index.js';
import { conflict, deepCopy, deepEqual, fieldErrors, invalid, notFound } from '../../machinery/index.js';
import { isConflict as isStoreConflict, isKeyExists, isKeyNotFound } from '../../store/index.js';
import type { WriteOptions } from './context.js';
import { admissionAttrs, createObject } from './create.js';
import type { GenericRegistry } from './generic.js';
import type { WriteTarget } from './strategy.js';

export interface UpdateOptions extends WriteOptions {
  /** Which part of the object this write may change. */
  target?: WriteTarget;
  /** Create the object when absent even if the strategy does not allow create-on-update (server-side apply). */
  forceAllowCreate?: boolean;
}

/**
 * Computes the desired object from the current one (null when absent). It receives a private copy it may change
 * and return. Throwing aborts the update with that error.
 */
export type TryUpdate = (current: KubeObject | null) => Promise<KubeObject> | KubeObject;

export interface UpdateResult {
  object: KubeObject;
  created: boolean;
  /** The update removed the object (last finalizer gone while deleting). */
  deleted: boolean;
}

const MAX_RETRIES = 16;

export const conflictMessage = 'the object has been modified; please apply your changes to the latest version and try again';

export async function updateObject(
  reg: GenericRegistry,
  namespace: string,
  name: string,
  tryUpdate: TryUpdate,
  opts: UpdateOptions = {},
): Promise<UpdateResult> {
  const s = reg.strategy;
  const key = reg.key(namespace, name);
  const target = opts.target ?? 'main';
  for (let attempt = 0; ; attempt++) {
    const res = await reg.deps.store.get(key);
    if (!res.kv) {
      if (!(s.allowCreateOnUpdate || opts.forceAllowCreate) || target !== 'main') throw notFound(s.gr, name);
      const desired = await tryUpdate(null);
      desired.metadata ??= {};
      if (desired.metadata.name && desired.metadata.name !== name) {
        throw invalid({ group: s.gvk.group, kind: s.gvk.kind }, name, [
          fieldErrors.invalid('metadata.name', desired.metadata.name, 'the name of the object does not match the name on the URL'),
        ]);
      }
      desired.metadata.name = name;
      delete desired.metadata.resourceVersion;
      try {
        return { object: await createObject(reg, namespace, desired, opts), created: true, deleted: false };
      } catch (err) {
        if (isKeyExists(err) && attempt < MAX_RETRIES) continue;
        throw err;
      }
    }
    // Read-only from here on (it may be the watch cache's shared object); tryUpdate gets its own copy.
    const current = reg.stored(res.kv) as KubeObject;
    const desired = await tryUpdate(deepCopy(current));
    if (typeof desired.metadata !== 'object' || desired.metadata === null) desired.metadata = {};
    const meta = desired.metadata;
    const pinned = meta.resourceVersion;
    if (pinned && pinned !== current.metadata.resourceVersion) throw conflict(s.gr, name, conflictMessage);
    if (!pinned && !s.allowUnconditionalUpdate) {
      throw invalid({ group: s.gvk.group, kind: s.gvk.kind }, name, [
        fieldErrors.invalid('metadata.resourceVersion', '', 'must be specified for an update'),
      ]);
    }
    if (meta.name !== undefined && meta.name !== name) {
      throw invalid({ group: s.gvk.group, kind: s.gvk.kind }, name, [
        fieldErrors.invalid('metadata.name', meta.name, 'field is immutable'),
      ]);
    }
    meta.name = name;
    if (s.namespaced) {
      if (meta.namespace && meta.namespace !== namespace) {
        throw invalid({ group: s.gvk.group, kind: s.gvk.kind }, name, [
          fieldErrors.invalid('metadata.namespace', meta.namespace, 'field is immutable'),
        ]);
      }
      meta.namespace = namespace;
    }
    desired.apiVersion = current.apiVersion;
    desired.kind = current.kind;
    // System fields a client cannot change through an update.
    meta.uid = current.metadata.uid;
    meta.creationTimestamp = current.metadata.creationTimestamp;
    copyOrDelete(meta, current.metadata, 'deletionTimestamp');
    copyOrDelete(meta, current.metadata, 'deletionGracePeriodSeconds');
    copyOrDelete(meta, current.metadata, 'generation');
    delete meta.selfLink;
    meta.resourceVersion = current.metadata.resourceVersion;

    if (target === 'main') s.applyDefaults(desired);
    if (target !== 'internal') s.prepareForUpdate(desired, current, target);
    if (s.tracksGeneration && specChanged(desired, current)) meta.generation = (current.metadata.generation ?? 0) + 1;
    if (target !== 'internal' && !opts.internal) {
      await reg.deps.admission?.mutate(admissionAttrs(reg, 'UPDATE', desired, current, opts));
      const errs = s.validateUpdate(desired, current, target);
      if (errs.length) throw invalid({ group: s.gvk.group, kind: s.gvk.kind }, name, errs);
      await reg.deps.admission?.validate(admissionAttrs(reg, 'UPDATE', desired, current, opts));
    }
    // A write that changes nothing is not written (and does not touch managedFields), as in Kubernetes.
    if (deepEqual(desired, current)) return { object: current, created: false, deleted: false };
    if (!opts.managedFieldsDone) reg.deps.fieldManager?.recordUpdate(current, desired, {
      manager: opts.fieldManager ?? '',
      subresource: opts.subresource ?? '',
      now: reg.deps.clock.now(),
    });
    const finishDelete =
      !!meta.deletionTimestamp && !meta.finalizers?.length && (meta.deletionGracePeriodSeconds ?? 0) === 0 && !s.holdsDeletion?.(desired);
    if (opts.dryRun) return { object: desired, created: false, deleted: finishDelete };
    try {
      if (finishDelete) {
        const del = await reg.deps.store.delete(key, { expectedModRevision: res.kv.modRevision });
        desired.metadata.resourceVersion = String(del.revision);
        s.onDeleted?.(desired);
        return { object: desired, created: false, deleted: true };
      }
      const w = await reg.deps.store.update(key, reg.encode(desired), res.kv.modRevision);
      return { object: reg.written(w.kv, desired), created: false, deleted: false };
    } catch (err) {
      if (!(isStoreConflict(err) || isKeyNotFound(err))) throw err;
      if (pinned) throw conflict(s.gr, name, conflictMessage);
      if (attempt >= MAX_RETRIES) throw conflict(s.gr, name, conflictMessage);
    }
  }
}

function copyOrDelete<T extends object, K extends keyof T>(to: T, from: T, k: K): void {
  if (from[k] === undefined) delete to[k];
  else to[k] = from[k];
}

/** Anything outside metadata and status changed (what bumps metadata.generation). */
export function specChanged(a: KubeObject, b: KubeObject): boolean {
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (k === 'metadata' || k === 'status' || k === 'apiVersion' || k === 'kind') continue;
    if (!deepEqual(a[k], b[k])) return true;
  }
  return false;
}
