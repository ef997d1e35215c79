/** The registry's view of managed-fields bookkeeping (implemented with machinery's server-side apply). */
import type { KubeObject } from '../../api/index.js';

export interface FieldManagerHooks {
  /** Records a non-apply write (create, update, patch) by `manager`: sets `obj.metadata.managedFields`. */
  recordUpdate(old: KubeObject | null, obj: KubeObject, opts: { manager: string; subresource: string; now: number }): void;
  /**
   * Server-side apply of `applied` over `live` (null when creating) by `manager`. Returns the merged object with its
   * managedFields; throws an ApiError 409 Conflict naming the other managers when fields conflict and !force.
   */
  apply(live: KubeObject | null, applied: KubeObject, opts: { manager: string; force: boolean; subresource: string; now: number }): KubeObject;
}
