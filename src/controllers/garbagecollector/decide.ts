/**
 * What to do with an object whose owners have been looked up (attemptToDeleteItem's decision, pure): the owner
 * references are classified as solid (owner exists and is not foreground-deleting), dangling (owner absent: not
 * found, or found with another uid) or waiting (owner exists, is being deleted and has the foregroundDeletion
 * finalizer).
 */
import type { DeletionPropagation, KubeObject, OwnerReference } from '../../api/index.js';
import { FINALIZER_FOREGROUND, FINALIZER_ORPHAN, hasFinalizer } from './graph.js';

export interface ClassifiedReferences {
  solid: OwnerReference[];
  dangling: OwnerReference[];
  waiting: OwnerReference[];
}

export type Decision =
  /** At least one owner is alive and no reference needs cleaning: keep the object. */
  | { action: 'keep' }
  /** Alive owner(s), but references to absent or foreground-deleting owners must go (they would block them). */
  | { action: 'removeReferences'; uids: string[] }
  /**
   * Every owner is gone or foreground-deleting: delete. `unblockFirst` breaks a potential cycle (an owner and a
   * dependent both waiting on each other) by making this object's references non-blocking first.
   */
  | { action: 'delete'; policy: DeletionPropagation; unblockFirst: boolean };

/**
 * The Kubernetes rules: keep while a solid owner exists (but strip dangling/waiting references); with a waiting owner
 * and dependents of its own, delete in Foreground so the wait propagates down; otherwise delete honouring the
 * object's own orphan/foreground finalizer, else in Background.
 */
export function decideDependentAction(
  latest: Readonly<KubeObject>,
  refs: ClassifiedReferences,
  graph: { dependents: number; dependentDeletingDependents: boolean },
): Decision {
  if (refs.solid.length) {
    if (!refs.dangling.length && !refs.waiting.length) return { action: 'keep' };
    return { action: 'removeReferences', uids: [...refs.dangling, ...refs.waiting].map((r) => r.uid) };
  }
  if (refs.waiting.length && graph.dependents > 0) {
    return { action: 'delete', policy: 'Foreground', unblockFirst: graph.dependentDeletingDependents };
  }
  let policy: DeletionPropagation = 'Background';
  if (hasFinalizer(latest, FINALIZER_ORPHAN)) policy = 'Orphan';
  else if (hasFinalizer(latest, FINALIZER_FOREGROUND)) policy = 'Foreground';
  return { action: 'delete', policy, unblockFirst: false };
}
