/**
 * One pods watch for many simulated nodes (as kwok does it): a single informer over all pods, routed to each node's
 * PodSource by spec.nodeName. A real kubelet watches `fieldSelector=spec.nodeName=<node>` (informerPodSource); a
 * process hosting 1,000 simulated kubelets shares one watch instead of opening 1,000.
 * Guarantees per node: the same add/update/delete sequence a per-node field-selected watch would deliver (a pod
 * appears when it is bound to the node: nodeName '' → node is an add).
 */
import type { Pod } from '../api/index.js';
import { NODE_NAME_INDEX, deletedObject, nodeNameIndexFunc, refs, type SharedInformerFactory } from '../client/index.js';
import type { PodHandler, PodSource } from './sinks.js';

const nodeOf = (p: Readonly<Pod> | undefined) => (p?.spec as { nodeName?: string } | undefined)?.nodeName ?? '';

export class NodePodRouter {
  private readonly handlers = new Map<string, Set<PodHandler>>();
  private readonly informer;

  constructor(factory: SharedInformerFactory) {
    this.informer = factory.informerFor<Pod>(refs.pods, { indexers: { [NODE_NAME_INDEX]: nodeNameIndexFunc } });
    this.informer.addEventHandler({
      onAdd: (pod) => this.each(nodeOf(pod), (h) => h.onAdd(pod as Pod)),
      onUpdate: (oldPod, newPod) => {
        const before = nodeOf(oldPod);
        const after = nodeOf(newPod);
        if (before === after) this.each(after, (h) => h.onUpdate(oldPod as Pod, newPod as Pod));
        else {
          this.each(before, (h) => h.onDelete(oldPod as Pod));
          this.each(after, (h) => h.onAdd(newPod as Pod));
        }
      },
      onDelete: (obj) => {
        const pod = deletedObject(obj) as Pod;
        this.each(nodeOf(pod), (h) => h.onDelete(pod));
      },
    });
  }

  private each(node: string, fn: (h: PodHandler) => void): void {
    if (!node) return;
    const hs = this.handlers.get(node);
    if (hs) for (const h of hs) fn(h);
  }

  /** A pod from the shared cache (any node). */
  get(namespace: string, name: string): Readonly<Pod> | undefined {
    return this.informer.lister().get({ namespace, name });
  }

  /** The PodSource of one node: current pods bound to it first (as adds), then changes. */
  forNode(nodeName: string): PodSource {
    return {
      subscribe: (handler) => {
        let hs = this.handlers.get(nodeName);
        if (!hs) this.handlers.set(nodeName, (hs = new Set()));
        hs.add(handler);
        if (this.informer.hasSynced()) {
          for (const pod of this.informer.indexer.byIndex(NODE_NAME_INDEX, nodeName)) handler.onAdd(pod as Pod);
        }
        return () => {
          hs.delete(handler);
        };
      },
    };
  }
}
