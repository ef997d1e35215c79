/**
 * The namespace controller (pkg/controller/namespace): when a namespace is being deleted, empties it through the API
 * (NamespacedResourcesDeleter) and then finalizes it.
 *
 * Level-triggered: the namespace informer's handlers enqueue the names of namespaces that have a deletionTimestamp
 * (after `deletionGracePeriodMs`, as Kubernetes waits 5 s so every API server has seen the deletion before content is
 * listed); `reconcile(name)` runs one deletion pass and, while content remains, asks to be run again after about
 * half the estimated time (estimate/2 + 1 s).
 */
import type { Namespace } from '../../api/index.js';
import { WorkQueue, deletedObject, refs, type Lister, type ReconcileResult } from '../../client/index.js';
import type { Controller, ControllerContext } from '../context.js';
import { runUntilAborted } from '../endpoints/index.js';
import { NamespacedResourcesDeleter } from './deleter.js';

/** Kubernetes' namespaceDeletionGracePeriod. */
export const DEFAULT_DELETION_GRACE_PERIOD_MS = 5000;

/** How long to wait before the next pass when content remains (Kubernetes: estimate/2 + 1 seconds). */
export function requeueAfterForEstimate(estimateSeconds: number): number {
  return (Math.floor(estimateSeconds / 2) + 1) * 1000;
}

export class NamespaceReconciler {
  readonly #deps: { namespaces: Lister<Namespace>; deleter: NamespacedResourcesDeleter };

  constructor(deps: { namespaces: Lister<Namespace>; deleter: NamespacedResourcesDeleter }) {
    this.#deps = deps;
  }

  async reconcile(name: string): Promise<ReconcileResult> {
    const ns = this.#deps.namespaces.get({ namespace: '', name });
    if (!ns) return;
    const { estimateSeconds } = await this.#deps.deleter.delete(name);
    if (estimateSeconds > 0) return { requeueAfter: requeueAfterForEstimate(estimateSeconds) };
  }
}

export interface NamespaceControllerOptions {
  workers: number;
  /** Delay before a namespace event is processed (default 5000 ms, Kubernetes' value; 0 in single-server setups). */
  deletionGracePeriodMs?: number;
}

/** The `namespace-controller`. */
export function namespaceController(options: NamespaceControllerOptions): Controller {
  return {
    name: 'namespace-controller',
    start(ctx: ControllerContext) {
      const informer = ctx.informers.informerFor<Namespace>(refs.namespaces);
      const queue = new WorkQueue<string>({ clock: ctx.clock, name: 'namespace' });
      const delay = options.deletionGracePeriodMs ?? DEFAULT_DELETION_GRACE_PERIOD_MS;
      const enqueue = (ns: Readonly<Namespace>) => {
        if (ns.metadata.deletionTimestamp) queue.addAfter(ns.metadata.name ?? '', delay);
      };
      informer.addEventHandler({
        onAdd: enqueue,
        onUpdate: (_old, ns) => enqueue(ns),
        onDelete: (ns) => enqueue(deletedObject(ns)),
      });
      const reconciler = new NamespaceReconciler({ namespaces: informer.lister(), deleter: new NamespacedResourcesDeleter({ client: ctx.client, clock: ctx.clock }) });
      return () => runUntilAborted(ctx.signal, queue, () => queue.runWorkers(options.workers, (name) => reconciler.reconcile(name)));
    },
  };
}
