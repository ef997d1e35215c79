/**
 * Delete, as Kubernetes' registry does it: preconditions, graceful deletion (the strategy's grace period),
 * and the garbage collector's finalizers for Orphan / Foreground propagation. An object with finalizers or a grace
 * period is only marked (deletionTimestamp, deletionGracePeriodSeconds); it leaves the store when the last finalizer
 * is removed or when it is deleted again with grace period 0.
 */
import type { KubeObject } from '../../api/index.js';
import { conflict, deepCopy, notFound } from '../../machinery/index.js';
import { isConflict as isStoreConflict, isKeyNotFound } from '../../store/index.js';
import type { WriteOptions } from './context.js';
import { admissionAttrs } from './create.js';
import type { GenericRegistry } from './generic.js';
import type { DeleteOptions, PropagationPolicy } from './strategy.js';
import { rfc3339 } from './time.js';
import { conflictMessage } from './update.js';

export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

export interface DeleteResult {
  /** The object as it was deleted, or as it now is when deletion is pending. */
  object: KubeObject;
  /** True when the object left the store; false when it is marked and waits for finalizers or its grace period. */
  deleted: boolean;
}

const MAX_RETRIES = 16;

export async function deleteObject(
  reg: GenericRegistry,
  namespace: string,
  name: string,
  options: DeleteOptions = {},
  opts: WriteOptions = {},
): Promise<DeleteResult> {
  const s = reg.strategy;
  const key = reg.key(namespace, name);
  for (let attempt = 0; ; attempt++) {
    const res = await reg.deps.store.get(key);
    if (!res.kv) throw notFound(s.gr, name);
    const current = reg.decode(res.kv);
    checkPreconditions(reg, current, options);
    await reg.deps.admission?.validate(admissionAttrs(reg, 'DELETE', null, current, opts));

    const policy = propagationOf(options, s.defaultPropagation);
    const finalizers = gcFinalizers(current.metadata.finalizers ?? [], policy, options);
    const grace = Math.max(0, s.gracePeriod(current, options));
    const now = reg.deps.clock.now();
    const meta = current.metadata;
    let next: KubeObject | null = null;

    const held = s.holdsDeletion?.(current) ?? false;
    if (meta.deletionTimestamp) {
      // Already being deleted: a shorter grace period may bring the deadline forward; finalizers may change.
      const wantTs = rfc3339(now + grace * 1000);
      const shorten = grace < (meta.deletionGracePeriodSeconds ?? 0) && wantTs < meta.deletionTimestamp;
      const finalizersChanged = finalizers.join('\0') !== (meta.finalizers ?? []).join('\0');
      if (!held && !finalizers.length && (grace === 0 || (meta.deletionGracePeriodSeconds ?? 0) === 0)) {
        next = null; // delete now
      } else if (shorten || finalizersChanged) {
        next = deepCopy(current);
        if (shorten) {
          next.metadata.deletionTimestamp = wantTs;
          next.metadata.deletionGracePeriodSeconds = grace;
        }
        setFinalizers(next, finalizers);
      } else {
        return { object: current, deleted: false };
      }
    } else if (finalizers.length || grace > 0 || held) {
      next = deepCopy(current);
      s.markDeleting?.(next);
      next.metadata.deletionTimestamp = rfc3339(now + grace * 1000);
      next.metadata.deletionGracePeriodSeconds = grace;
      setFinalizers(next, finalizers);
      if (s.tracksGeneration) next.metadata.generation = (meta.generation ?? 0) + 1;
    }

    if (opts.dryRun) return { object: next ?? current, deleted: next === null };
    try {
      if (next) {
        const w = await reg.deps.store.update(key, reg.encode(next), res.kv.modRevision);
        return { object: reg.written(w.kv, next), deleted: false };
      }
      const d = await reg.deps.store.delete(key, { expectedModRevision: res.kv.modRevision });
      current.metadata.resourceVersion = String(d.revision);
      s.onDeleted?.(current);
      return { object: current, deleted: true };
    } catch (err) {
      if (!(isStoreConflict(err) || isKeyNotFound(err))) throw err;
      if (isKeyNotFound(err)) throw notFound(s.gr, name);
      if (attempt >= MAX_RETRIES) throw conflict(s.gr, name, conflictMessage);
    }
  }
}

function checkPreconditions(reg: GenericRegistry, obj: KubeObject, options: DeleteOptions): void {
  const p = options.preconditions;
  if (!p) return;
  const name = obj.metadata.name ?? '';
  if (p.uid && p.uid !== obj.metadata.uid) {
    throw conflict(reg.strategy.gr, name, `Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${obj.metadata.uid ?? ''}`);
  }
  if (p.resourceVersion && p.resourceVersion !== obj.metadata.resourceVersion) {
    throw conflict(
      reg.strategy.gr,
      name,
      `Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion ?? ''}`,
    );
  }
}

export function propagationOf(options: DeleteOptions, fallback: PropagationPolicy): PropagationPolicy {
  if (options.propagationPolicy) return options.propagationPolicy;
  if (options.orphanDependents === true) return 'Orphan';
  if (options.orphanDependents === false) return 'Background';
  return fallback;
}

/** The finalizers after applying the propagation policy (Kubernetes' deletionFinalizersForGarbageCollection). */
function gcFinalizers(existing: readonly string[], policy: PropagationPolicy, options: DeleteOptions): string[] {
  const explicit = !!options.propagationPolicy || options.orphanDependents !== undefined;
  let out = [...existing];
  const add = (f: string) => {
    if (!out.includes(f)) out.push(f);
  };
  const remove = (f: string) => {
    out = out.filter((x) => x !== f);
  };
  if (policy === 'Orphan') {
    add(FINALIZER_ORPHAN);
    remove(FINALIZER_FOREGROUND);
  } else if (policy === 'Foreground') {
    add(FINALIZER_FOREGROUND);
    remove(FINALIZER_ORPHAN);
  } else if (explicit) {
    remove(FINALIZER_ORPHAN);
  }
  return out;
}

function setFinalizers(obj: KubeObject, finalizers: string[]): void {
  if (finalizers.length) obj.metadata.finalizers = finalizers;
  else delete obj.metadata.finalizers;
}
