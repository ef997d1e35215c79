/**
 * Controller references and claiming (kubernetes apimachinery metav1.GetControllerOf / NewControllerRef and
 * pkg/controller/controller_ref_manager.go).
 *
 * `claimObjects` decides, for each candidate, whether the controller owns it, exactly as BaseControllerRefManager's
 * ClaimObject does:
 * - owned by another controller → ignored;
 * - owned by us and matching → claimed;
 * - owned by us but no longer matching → released (unless we are being deleted);
 * - an orphan that matches, is not being deleted, and lives in our namespace → adopted (unless we are being deleted),
 *   after `canAdopt` confirmed — once per claim — with a fresh read that we still exist and are not being deleted.
 * Adoption and release are strategic-merge PATCHes of `metadata.ownerReferences` that also carry the dependent's uid,
 * so they fail instead of touching a same-named replacement. A NotFound dependent is skipped, never an error.
 */
import type { KubeObject, OwnerReference } from '../../api/index.js';
import { isInvalid, isNotFound, type Selector } from '../../machinery/index.js';
import { ControllerError } from './errors.js';

/** The owner reference with `controller: true`, if any (metav1.GetControllerOf). */
export function getControllerOf(obj: Readonly<KubeObject>): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** True when `obj`'s controller reference points at `owner` (by uid). */
export function isControlledBy(obj: Readonly<KubeObject>, owner: Readonly<KubeObject>): boolean {
  const ref = getControllerOf(obj);
  return ref !== undefined && owner.metadata.uid !== undefined && ref.uid === owner.metadata.uid;
}

export interface OwnerKind {
  apiVersion: string;
  kind: string;
}

/** metav1.NewControllerRef: controller and blockOwnerDeletion set. */
export function newControllerRef(owner: Readonly<KubeObject>, kind: OwnerKind): OwnerReference {
  return {
    apiVersion: kind.apiVersion,
    kind: kind.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The strategic-merge patch that makes `owner` the controller of the object with uid `dependentUid`. */
export function adoptPatch(owner: Readonly<KubeObject>, kind: OwnerKind, dependentUid: string): Record<string, unknown> {
  return { metadata: { ownerReferences: [newControllerRef(owner, kind)], uid: dependentUid } };
}

/** The strategic-merge patch that removes `ownerUid`'s reference from the object with uid `dependentUid`. */
export function releasePatch(dependentUid: string, ownerUid: string): Record<string, unknown> {
  return { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid: dependentUid } };
}

/**
 * controller.RecheckDeletionTimestamp: a `canAdopt` that fetches the owner fresh (`getFresh`) and refuses adoption
 * when it has a different uid (deleted and recreated) or a deletionTimestamp.
 */
export function recheckDeletionTimestamp(owner: Readonly<KubeObject>, getFresh: () => Promise<Readonly<KubeObject>>): () => Promise<void> {
  return async () => {
    const fresh = await getFresh();
    const ns = owner.metadata.namespace ?? '';
    const name = owner.metadata.name ?? '';
    if (fresh.metadata.uid !== owner.metadata.uid) {
      throw new ControllerError('AdoptionRefused', `original ${ns}/${name} is gone: got uid ${fresh.metadata.uid ?? ''}, wanted ${owner.metadata.uid ?? ''}`);
    }
    if (fresh.metadata.deletionTimestamp) {
      throw new ControllerError('AdoptionRefused', `${ns}/${name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
    }
  };
}

export interface ClaimOptions<T extends KubeObject> {
  /** The controller doing the claiming (its uid, namespace and deletionTimestamp matter). */
  controller: Readonly<KubeObject>;
  controllerKind: OwnerKind;
  selector: Selector;
  /** Checked once, before the first adoption; throwing refuses every adoption of this claim. */
  canAdopt: () => Promise<void>;
  /** Sends a strategic-merge patch to the dependent. */
  patch: (obj: Readonly<T>, patch: Record<string, unknown>) => Promise<void>;
  /** Extra conditions (after the selector) an object must meet to be ours. */
  filters?: ReadonlyArray<(obj: Readonly<T>) => boolean>;
}

export interface ClaimResult<T extends KubeObject> {
  /** Objects the controller owns after the claim, in input order. Cached instances: never mutate them. */
  claimed: Readonly<T>[];
  /** Adoptions or releases that failed (NotFound excluded); the caller should retry the sync. */
  errors: unknown[];
}

/** Claims `objects` for a controller; see the module comment. */
export async function claimObjects<T extends KubeObject>(objects: readonly Readonly<T>[], o: ClaimOptions<T>): Promise<ClaimResult<T>> {
  const ownerUid = o.controller.metadata.uid;
  const ownerDeleting = !!o.controller.metadata.deletionTimestamp;
  const ownerNs = o.controller.metadata.namespace ?? '';
  const matches = (obj: Readonly<T>) => o.selector.matches(obj.metadata.labels ?? {}) && (o.filters ?? []).every((f) => f(obj));
  let adoptable: Promise<void> | undefined;
  const claimed: Readonly<T>[] = [];
  const errors: unknown[] = [];
  const pending: Promise<void>[] = [];
  const slots: Array<Readonly<T> | undefined> = [];

  objects.forEach((obj, i) => {
    const ref = getControllerOf(obj);
    if (ref) {
      if (ref.uid !== ownerUid) return;
      if (matches(obj)) {
        slots[i] = obj;
        return;
      }
      if (ownerDeleting) return;
      pending.push(
        o.patch(obj, releasePatch(obj.metadata.uid ?? '', ownerUid ?? '')).catch((err: unknown) => {
          // Gone, or no longer ours / recreated (Invalid): nothing left to release.
          if (!isNotFound(err) && !isInvalid(err)) errors.push(err);
        }),
      );
      return;
    }
    if (ownerDeleting || !matches(obj) || obj.metadata.deletionTimestamp) return;
    if (ownerNs && ownerNs !== (obj.metadata.namespace ?? '')) return;
    pending.push(
      (async () => {
        adoptable ??= o.canAdopt();
        try {
          await adoptable;
        } catch (err) {
          const name = `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
          errors.push(new ControllerError('AdoptionRefused', `can't adopt ${name} (${obj.metadata.uid ?? ''}): ${err instanceof Error ? err.message : String(err)}`, { cause: err }));
          return;
        }
        try {
          await o.patch(obj, adoptPatch(o.controller, o.controllerKind, obj.metadata.uid ?? ''));
          slots[i] = obj;
        } catch (err) {
          if (!isNotFound(err)) errors.push(err);
        }
      })(),
    );
  });
  await Promise.all(pending);
  for (const s of slots) if (s) claimed.push(s);
  return { claimed, errors };
}

/** Throws a `ClaimFailed` ControllerError when a claim reported errors. */
export function throwIfClaimFailed(what: string, errors: readonly unknown[]): void {
  if (errors.length === 0) return;
  const first = errors[0];
  const msg = errors.map((e) => (e instanceof Error ? e.message : String(e))).join('; ');
  throw new ControllerError('ClaimFailed', `claiming ${what}: ${msg}`, { cause: first, errors });
}
