/** The read seam the built-in admission plugins take their objects through; the lead backs it with the watch caches. */
import type { KubeObject } from '../../api/index.js';

/**
 * Objects of one resource, by namespace. Results are cached objects: plugins never mutate them (hence Readonly).
 * `get` returns null when the object does not exist; `list` returns the namespace's objects in a stable order.
 */
export interface NamespacedLister<T extends KubeObject> {
  get(namespace: string, name: string): Readonly<T> | null | Promise<Readonly<T> | null>;
  list(namespace: string): readonly Readonly<T>[] | Promise<readonly Readonly<T>[]>;
}
