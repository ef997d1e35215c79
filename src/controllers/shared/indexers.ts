/**
 * Informer indexes the workload controllers share. Names are namespaced so they never clash with another
 * component's index on the same shared informer.
 *
 * CONTROLLER_UID_INDEX files an object under the uid of its controller reference, and an orphan under
 * `orphanKey(namespace)` — so a controller reads its own objects plus the orphans it may adopt in O(their number),
 * not O(every object in the namespace) (Kubernetes' PodControllerUIDIndex does the same for pods).
 */
import type { KubeObject } from '../../api/index.js';
import { NAMESPACE_INDEX, namespaceIndexFunc, type IndexFunc, type Lister } from '../../client/index.js';
import { getControllerOf } from './controller-ref.js';

export const CONTROLLER_UID_INDEX = 'controllers.skiff.dev/controller-uid';

/** The index value under which orphans of `namespace` are filed. */
export function orphanKey(namespace: string): string {
  return `orphan:${namespace}`;
}

export const controllerUidIndexFunc: IndexFunc<KubeObject> = (obj) => {
  const ref = getControllerOf(obj);
  return [ref ? ref.uid : orphanKey(obj.metadata.namespace ?? '')];
};

/** The indexers every workload controller asks for on pods and replica sets. */
export const workloadIndexers = {
  [NAMESPACE_INDEX]: namespaceIndexFunc,
  [CONTROLLER_UID_INDEX]: controllerUidIndexFunc,
} as const;

/** Objects controlled by `uid` plus the orphans of `namespace` (candidates for a claim). */
export function ownedAndOrphans<T extends KubeObject>(lister: Lister<T>, uid: string, namespace: string): Readonly<T>[] {
  return [...lister.byIndex(CONTROLLER_UID_INDEX, uid), ...lister.byIndex(CONTROLLER_UID_INDEX, orphanKey(namespace))];
}
